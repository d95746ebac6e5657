// Who does what in the demo business, who supplies what, and how each SKU is
// stocked. Fixed data: the history's randomness lives in the generator.
import { DEMO_SKUS } from "../catalogue.ts";
import { demoUser } from "../demo-users.ts";
import type { Role } from "../../lib/domain/roles.ts";

export type Person = { id: string; role: Role; name: string };

function person(role: Role, second = false): Person {
  const user = demoUser(role, second);
  return { id: user.id, role: user.role, name: user.name };
}

export const PEOPLE = {
  sara: person("sales"), // web shop and marketplace orders
  sol: person("sales", true), // wholesale accounts, drop ships
  wes: person("warehouse"), // East warehouse
  wren: person("warehouse", true), // West warehouse and the SoHo store
  farah: person("finance"), // purchasing, invoices, cost changes
  felix: person("finance", true), // second pair of eyes: approvals
};

export const EAST = "WH-EAST";
export const WEST = "WH-WEST";
export const STORE = "STORE-SOHO";
export const LOCATIONS = [EAST, WEST, STORE] as const;
export type Loc = (typeof LOCATIONS)[number];

export const BINS: Record<Loc, string[]> = {
  [EAST]: ["A-01", "A-02", "A-03", "B-01", "B-02"],
  [WEST]: ["R-01", "R-02", "R-03"],
  [STORE]: ["BACK", "FLOOR"],
};
/** Where picked units are staged for packing, where the location has such a bin. */
export const STAGING: Partial<Record<Loc, string>> = { [EAST]: "DOCK", [WEST]: "DOCK" };

export function crewAt(location: string): Person {
  return location === EAST ? PEOPLE.wes : PEOPLE.wren;
}

/** The other warehouse person: approvals need someone other than the requester. */
export function otherWarehouse(requester: Person): Person {
  return requester.id === PEOPLE.wes.id ? PEOPLE.wren : PEOPLE.wes;
}

export type Supplier = {
  name: string;
  fob: "shipping_point" | "destination";
  leadDays: [number, number];
  /** Days on the water or road after the ASN, for shipping-point suppliers. */
  transitDays: [number, number];
  /** Price level against the catalogue's base cost. */
  bias: number;
  /** Imports reach the West coast directly; domestic makers deliver to the East only. */
  servesWest: boolean;
};

export const SUPPLIERS = {
  nordwood: { name: "Nordwood Furniture Co.", fob: "destination", leadDays: [7, 11], transitDays: [2, 3], bias: 0.03, servesWest: false },
  hanoi: { name: "Hanoi Timber Export Co.", fob: "shipping_point", leadDays: [20, 27], transitDays: [12, 16], bias: -0.06, servesWest: true },
  lumen: { name: "Lumen & Brass Ltd.", fob: "shipping_point", leadDays: [11, 16], transitDays: [5, 8], bias: 0.0, servesWest: true },
  atlas: { name: "Atlas Shelving Inc.", fob: "destination", leadDays: [6, 10], transitDays: [2, 3], bias: 0.02, servesWest: false },
  kashan: { name: "Kashan Textile House", fob: "shipping_point", leadDays: [19, 26], transitDays: [11, 15], bias: -0.04, servesWest: true },
  pacific: { name: "Pacific Home Imports", fob: "shipping_point", leadDays: [16, 22], transitDays: [8, 12], bias: -0.07, servesWest: true },
} satisfies Record<string, Supplier>;
export type SupplierKey = keyof typeof SUPPLIERS;

const FAMILY_SUPPLY: Record<string, { main: SupplierKey; alt?: SupplierKey; weight: number; wholesale: boolean }> = {
  CHAIR: { main: "nordwood", alt: "pacific", weight: 1.3, wholesale: true },
  TABLE: { main: "hanoi", alt: "nordwood", weight: 0.6, wholesale: true },
  LAMP: { main: "lumen", weight: 1.4, wholesale: false },
  SHELF: { main: "atlas", alt: "hanoi", weight: 0.8, wholesale: true },
  RUG: { main: "kashan", alt: "pacific", weight: 1.0, wholesale: false },
};

export type SkuPlan = {
  code: string;
  family: string;
  index: number;
  baseCost: number;
  method: string;
  standardCost: string | null;
  /** Relative popularity. */
  weight: number;
  supplier: SupplierKey;
  altSupplier?: SupplierKey;
  /** Sold to wholesale accounts (and fenced for them at the East warehouse). */
  wholesale: boolean;
  fenced: boolean;
  store: boolean;
  homeBin: Record<Loc, string>;
  /** How the West warehouse is replenished: its own POs (imports) or transfers from the East. */
  westBy: "po" | "transfer";
};

export const SKU_PLANS: SkuPlan[] = DEMO_SKUS.map((sku, position) => {
  const family = sku.code.split("-")[0];
  const index = Number(sku.code.split("-")[1]) - 1;
  const supply = FAMILY_SUPPLY[family];
  const supplier = supply.main;
  return {
    code: sku.code,
    family,
    index,
    baseCost: Number(sku.baseCost),
    method: sku.costingMethod,
    standardCost: sku.standardCost ?? null,
    weight: supply.weight / (1 + index * 0.15),
    supplier,
    altSupplier: supply.alt,
    wholesale: supply.wholesale && index < 5,
    fenced: supply.wholesale && index < 4,
    store: (family === "LAMP" && index < 6) || (family === "RUG" && index < 4) || (family === "CHAIR" && index < 3),
    homeBin: {
      [EAST]: BINS[EAST][position % BINS[EAST].length],
      [WEST]: BINS[WEST][position % BINS[WEST].length],
      [STORE]: family === "LAMP" ? "FLOOR" : "BACK",
    },
    westBy: SUPPLIERS[supplier].servesWest ? "po" : "transfer",
  };
});

export const FENCES = { wholesale: 10, marketplace: 5 } as const;
