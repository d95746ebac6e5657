// The demo business's catalogue: locations with bins, channels, ~40 SKUs across
// the three costing methods. Fixed codes; ids come from the database.
import type { CostingMethod, LocationKind } from "../lib/generated/prisma/enums.ts";

export const DEMO_LOCATIONS: { code: string; name: string; kind: LocationKind; bins: string[] }[] = [
  { code: "WH-EAST", name: "East warehouse (Newark)", kind: "warehouse", bins: ["A-01", "A-02", "A-03", "B-01", "B-02", "DOCK"] },
  { code: "WH-WEST", name: "West warehouse (Reno)", kind: "warehouse", bins: ["R-01", "R-02", "R-03", "DOCK"] },
  { code: "STORE-SOHO", name: "SoHo store", kind: "store", bins: ["FLOOR", "BACK"] },
];

export const DEMO_CHANNELS = [
  { code: "web", name: "Web shop" },
  { code: "marketplace", name: "Marketplace" },
  { code: "wholesale", name: "Wholesale" },
];

/** Which locations serve each channel: the web shop ships from both warehouses and sells in the store; wholesale ships from the East only. */
export const DEMO_CHANNEL_LOCATIONS: Record<string, string[]> = {
  web: ["WH-EAST", "WH-WEST", "STORE-SOHO"],
  marketplace: ["WH-EAST", "WH-WEST"],
  wholesale: ["WH-EAST"],
};


type SkuSeed = { code: string; name: string; category: string; costingMethod: CostingMethod; standardCost?: string; baseCost: string };

const FAMILIES: { prefix: string; category: string; names: string[]; method: CostingMethod; cost: number }[] = [
  { prefix: "CHAIR", category: "seating", method: "fifo", cost: 42, names: ["Oak dining chair", "Walnut dining chair", "Ash stool", "Bar stool", "Lounge chair", "Desk chair", "Folding chair", "Rocking chair"] },
  { prefix: "TABLE", category: "tables", method: "average", cost: 180, names: ["Oak dining table", "Walnut coffee table", "Side table", "Console table", "Desk", "Extending table", "Bistro table", "Nesting tables"] },
  { prefix: "LAMP", category: "lighting", method: "standard", cost: 28, names: ["Brass desk lamp", "Floor lamp", "Pendant shade", "Wall sconce", "Reading lamp", "Table lamp", "Clip lamp", "Lantern"] },
  { prefix: "SHELF", category: "storage", method: "fifo", cost: 65, names: ["Wall shelf", "Bookcase", "Ladder shelf", "Cube unit", "Corner shelf", "Floating shelf", "Shoe rack", "Media unit"] },
  { prefix: "RUG", category: "textiles", method: "average", cost: 55, names: ["Wool rug 160x230", "Jute rug", "Runner", "Kilim", "Shag rug", "Round rug", "Outdoor rug", "Bath mat"] },
];

export const DEMO_SKUS: SkuSeed[] = FAMILIES.flatMap((family) =>
  family.names.map((name, index) => {
    const base = family.cost + index * 7;
    return {
      code: `${family.prefix}-${String(index + 1).padStart(2, "0")}`,
      name,
      category: family.category,
      costingMethod: family.method,
      standardCost: family.method === "standard" ? `${base + 1.5}` : undefined,
      baseCost: `${base}.00`,
    };
  }),
);
