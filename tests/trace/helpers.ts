// Trace tests post what a business would, through the real routes, and read the
// trace back. Each test makes its own SKU so its timeline is its own.
import { expectOk, type Call, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import type { Role } from "../../lib/domain/roles.ts";
import type { TracePage } from "../../lib/server/views/trace-types.ts";

let counter = 0;

export async function newSku(f: LedgerFixture, method: "fifo" | "average" | "standard" = "fifo"): Promise<string> {
  const sku = `TR-${++counter}-${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
  expectOk(await f.call("admin", "POST", "/api/v1/skus", { sku, name: `Trace ${method}`, costingMethod: method, ...(method === "standard" ? { standardCost: "5.00" } : {}) }));
  return sku;
}

export async function trace(f: LedgerFixture, sku: string, query: Record<string, string | number> = {}, who: Role | null = "sales"): Promise<Call & { page: TracePage }> {
  const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  const call = await f.call(who, "GET", `/api/v1/skus/${encodeURIComponent(sku)}/trace?${search}`);
  return { ...call, page: call.body as unknown as TracePage };
}

/** Every page of a trace, following the `next` cursor. */
export async function wholeTrace(f: LedgerFixture, sku: string, query: Record<string, string> = {}): Promise<TracePage["entries"]> {
  const entries: TracePage["entries"] = [];
  let after: number | null = 0;
  while (after !== null) {
    const { status, page } = await trace(f, sku, { ...query, after });
    if (status !== 200) throw new Error(`trace answered ${status}`);
    entries.push(...page.entries);
    after = page.next;
  }
  return entries;
}
