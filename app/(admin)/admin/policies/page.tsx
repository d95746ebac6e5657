import type { Metadata } from "next";
import { PoliciesScreen } from "@/components/admin/catalogue/policies-screen";
import { areaUser } from "@/lib/server/area";
import { locationsAndChannels, policyFor } from "@/lib/server/views/catalogue";

export const metadata: Metadata = { title: "Stock policies · Administration" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// PostgreSQL text cannot hold U+0000; such a code matches nothing anyway.
const one = (value: string | string[] | undefined) => (typeof value === "string" ? value.replaceAll("\0", "").trim().toUpperCase().slice(0, 64) : "");

export default async function PoliciesPage({ searchParams }: Props) {
  if (!(await areaUser("admin"))) return null;
  const query = await searchParams;
  const [sku, asked] = [one(query.sku), one(query.location)];
  const [{ locations }, askedLookup] = await Promise.all([locationsAndChannels(), sku && asked ? policyFor(sku, asked) : null]);
  // With only a SKU given (the SKU list links that way), start at the first location.
  const location = asked || locations[0]?.code || "";
  const lookup = askedLookup ?? (sku && location ? await policyFor(sku, location) : null);
  return <PoliciesScreen sku={sku} location={location} locations={locations.map(({ code, name }) => ({ code, name }))} lookup={lookup} />;
}
