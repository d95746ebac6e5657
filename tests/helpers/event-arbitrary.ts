// Random but plausible event bodies over the fixture's catalogue: enough overlap
// (few SKUs, order lines and bins) that sequences really interact.
import fc from "fast-check";
import type { Role } from "../../lib/domain/roles.ts";

export const SKUS = ["T-FIFO", "T-AVG", "T-STD"] as const;
const LOCATIONS = ["WH-EAST", "WH-WEST"] as const;
const CHANNELS = ["web", "marketplace", "wholesale"] as const;

export type Post = { who: Role; body: Record<string, unknown> };
/**
 * A post, or a move resolved when it runs: reverse the n-th group posted so far
 * (modulo their number), or approve the n-th pending approval — decided late,
 * after whatever happened since it was asked.
 */
export type Step = Post | { reverse: number; occurredAt?: string } | { decide: number };
/** Steps posted in order; "{n}" in a string is replaced by a number unique to this run of the steps. */
export type Steps = Step[];

const base = fc.record({
  sku: fc.constantFrom(...SKUS),
  location: fc.constantFrom(...LOCATIONS),
  qty: fc.integer({ min: 1, max: 12 }),
  // Mostly today, so sequences build up stock; a third back-dated, checked against the history they land in.
  daysAgo: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 20 }) }),
  line: fc.integer({ min: 1, max: 4 }),
  po: fc.integer({ min: 1, max: 4 }),
});

function at(b: { sku: string; location: string; qty: number; daysAgo: number }, now: Date) {
  const occurredAt = new Date(now.getTime() - b.daysAgo * 86_400_000 - 60_000).toISOString();
  return { sku: b.sku, location: b.location, qty: b.qty, occurredAt };
}

export function stepArbitrary(now: Date): fc.Arbitrary<Steps> {
  return fc.tuple(base, fc.nat(1000), fc.constantFrom(...CHANNELS)).chain(([b, pick, channel]) => {
    const common = at(b, now);
    const po = `PO-${b.location}-${b.po}-{n}`;
    const orderLine = `SO-${b.location}-${b.line}`;
    const steps: Post[] = [
      { who: "finance", body: { type: "po.confirm", ...common, reference: po, unitCost: `${(pick % 9) + 1}.25`, eta: now.toISOString(), fob: pick % 2 ? "destination" : "shipping_point", supplier: "Acme" } },
      { who: "warehouse", body: { type: "inspect", ...common, result: (["pass", "pass", "reject", "hold"] as const)[pick % 4] } },
      { who: "warehouse", body: { type: "vendor.return", ...common } },
      { who: "sales", body: { type: "reserve", ...common, channel, orderLine } },
      { who: "sales", body: { type: "release", ...common, orderLine } },
      { who: "warehouse", body: { type: "pick", ...common, orderLine } },
      { who: "warehouse", body: { type: "pack", ...common, orderLine } },
      { who: "warehouse", body: { type: "ship", ...common, orderLine, fob: pick % 2 ? "destination" : "shipping_point" } },
      { who: "warehouse", body: { type: "deliver", ...common, orderLine } },
      { who: "warehouse", body: { type: "return.receive", ...common, rma: `RMA-${b.line}` } },
      { who: "warehouse", body: { type: "return.inspect", ...common, rma: `RMA-${b.line}`, result: pick % 3 ? "restock" : "damaged" } },
      { who: "warehouse", body: { type: "hold", ...common } },
      { who: "warehouse", body: { type: "hold.release", ...common } },
      { who: "warehouse", body: { type: "return.receive", ...common, rma: `RMA-L${b.line}`, orderLine } },
      { who: "warehouse", body: { type: "damage", ...common, fromState: "AVAILABLE" } },
      { who: "finance", body: { type: "writeoff", ...common } },
      { who: "warehouse", body: { type: "transfer.ship", ...common, toLocation: b.location === "WH-EAST" ? "WH-WEST" : "WH-EAST", transfer: `TR-${b.line}` } },
      { who: "warehouse", body: { type: "transfer.receive", ...common, transfer: `TR-${b.line}` } },
      { who: "warehouse", body: { type: "count", sku: b.sku, location: b.location, occurredAt: common.occurredAt, countedQty: pick % 30 } },
      { who: "sales", body: { type: "dropship", ...common, unitCost: "3.00", channel, orderLine: `DS-${b.line}` } },
      { who: "finance", body: { type: "invoice.match", ...common, reference: `DS-${b.line}`, unitCost: "3.10" } },
      { who: "finance", body: { type: "cost.change", sku: "T-STD", location: b.location, occurredAt: common.occurredAt, standardCost: `${(pick % 7) + 3}.40` } },
    ];
    const confirm = steps[0];
    const stockUp: Steps = [
      { ...confirm, body: { ...confirm.body, qty: b.qty * 3 } },
      ...(pick % 2 ? [{ who: "finance" as const, body: { type: "po.ship", ...common, qty: b.qty * 3, reference: po } }] : []),
      { who: "warehouse", body: { type: "receive", ...common, qty: b.qty * 3, reference: po } },
      { who: "warehouse", body: { type: "inspect", ...common, qty: b.qty * 2, result: "pass" } },
      { who: "finance", body: { type: "invoice.match", ...common, qty: b.qty * 2, reference: po, unitCost: `${(pick % 9) + 1}.35` } },
    ];
    const fulfil: Steps = ["reserve", "pick", "pack", "ship"].map((type, i) => ({
      who: i === 0 ? ("sales" as const) : ("warehouse" as const),
      body: { type, ...common, orderLine: `${orderLine}-{n}`, ...(i === 0 ? { channel } : {}), ...(type === "ship" ? { fob: "destination" } : {}) },
    }));
    // Requests that wait for a decision: a hold and its release, and a count.
    const review: Steps = steps.filter((step) => ["hold", "hold.release", "count"].includes(String(step.body.type)));
    // A reversal is dated now, or back to the moment of some other step (possibly before what it reverses).
    const reverse: Steps = [{ reverse: pick, ...(pick % 3 === 0 ? { occurredAt: common.occurredAt } : {}) }];
    return fc.oneof(
      { weight: 3, arbitrary: fc.constant(reverse) },
      { weight: 3, arbitrary: fc.constant<Steps>([{ decide: pick }]) },
      { weight: 2, arbitrary: fc.constant(review) },
      { weight: 2, arbitrary: fc.constant(stockUp) },
      { weight: 2, arbitrary: fc.constant(fulfil) },
      { weight: 9, arbitrary: fc.constantFrom(...steps.map((step) => [step])) },
    );
  });
}

/**
 * Internal positions whose quantity is negative at some moment: the ledger's legs
 * summed per position and instant, then accumulated in time order. An asOf view
 * shows every event up to that instant, so equal instants are summed first.
 */
export async function negativesInHistory(f: { query: <T>(sql: string) => Promise<T[]> }) {
  return f.query<{ sku: string; location: string; state: string; bin: string; doc: string; at: Date; qty: number }>(`
    WITH legs AS (
      SELECT sku_id, location_id AS loc, from_state AS state, from_bin AS bin, from_doc AS doc, occurred_at, -qty AS delta FROM ledger_event WHERE from_state IS NOT NULL
      UNION ALL
      SELECT sku_id, to_location_id, to_state, to_bin, to_doc, occurred_at, qty FROM ledger_event WHERE to_state IS NOT NULL
    ), instants AS (
      SELECT sku_id, loc, state, bin, doc, occurred_at, sum(delta) AS delta FROM legs GROUP BY sku_id, loc, state, bin, doc, occurred_at
    ), running AS (
      SELECT *, sum(delta) OVER (PARTITION BY sku_id, loc, state, bin, doc ORDER BY occurred_at) AS qty FROM instants
    )
    SELECT s.code AS sku, l.code AS location, r.state, r.bin, r.doc, r.occurred_at AS at, r.qty::int AS qty
    FROM running r JOIN sku s ON s.id = r.sku_id JOIN location l ON l.id = r.loc
    WHERE r.qty < 0 AND r.state NOT IN ('SUPPLIER', 'CUSTOMER', 'SCRAP', 'COUNT_ADJUSTMENT')
    ORDER BY r.occurred_at LIMIT 20`);
}
