// inventory-model §8, checked over random event sequences on a real PostgreSQL:
// whatever is accepted or refused, the invariants hold after every sequence.
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ledgerFixture, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { negativesInHistory, stepArbitrary, SKUS, type Post, type Step, type Steps } from "../helpers/event-arbitrary.ts";
import { warehouseView } from "../../lib/domain/warehouse-view.ts";
import { INTERNAL_STATES } from "../../lib/domain/states.ts";

let f: LedgerFixture;
const posted: { key: string; step: Post; id: string }[] = [];
/** Groups that moved units, by whoever posted them (who therefore may reverse them). */
const reversible: Post[] = [];
const tally = { reversed: 0, decided: 0, stale: 0 };
const now = new Date();

beforeAll(async () => {
  f = await ledgerFixture();
});
afterAll(() => f?.drop());

let batch = 0;
function numbered(step: Step, n: number): Step {
  if (!("body" in step)) return step;
  return { ...step, body: Object.fromEntries(Object.entries(step.body).map(([k, v]) => [k, typeof v === "string" ? v.replace("{n}", String(n)) : v])) };
}

async function post(step: Post) {
  const key = `p-${posted.length}-${Math.random()}`;
  const response = await f.post(step.who, step.body, key);
  // An invoice for more than its PO has open is refused as invalid input; nothing else a step sends is.
  const allowed = step.body.type === "invoice.match" ? [201, 400, 404, 409] : [201, 202, 404, 409, 422];
  expect(allowed, JSON.stringify(response.body)).toContain(response.status);
  if (response.status !== 201) return response;
  posted.push({ key, step, id: (response.body.event as { id: string }).id });
  const event = response.body.event as { seq: number; from: unknown };
  if (step.body.type !== "reverse" && event.from) reversible.push({ who: step.who, body: { type: "reverse", reverses: event.seq, reason: "property" } });
  return response;
}

/** Approves a pending request as the second user of whichever role may decide it. */
async function decideLate(pick: number) {
  const pending = await f.query<{ id: string }>("SELECT id::text FROM approval_request WHERE status = 'pending' ORDER BY requested_at, id");
  if (!pending.length) return;
  const { id } = pending[pick % pending.length];
  let decision = await f.call("warehouse_2", "POST", `/api/v1/approvals/${id}/approve`);
  if (decision.status === 403) decision = await f.call("finance_2", "POST", `/api/v1/approvals/${id}/approve`);
  expect([200, 201, 409], JSON.stringify(decision.body)).toContain(decision.status);
  if (decision.status === 409) tally.stale += 1;
  else tally.decided += 1;
}

async function run(groups: Steps[]) {
  for (const step of groups.flatMap((group) => { batch += 1; return group.map((s) => numbered(s, batch)); })) {
    if ("decide" in step) {
      await decideLate(step.decide);
    } else if ("reverse" in step) {
      if (!reversible.length) continue;
      const target = reversible[step.reverse % reversible.length];
      const response = await post({ ...target, body: { ...target.body, ...(step.occurredAt ? { occurredAt: step.occurredAt } : {}) } });
      if (response.status === 201 || response.status === 202) tally.reversed += 1;
    } else {
      await post(step);
    }
  }
}

/** Random sequences, each followed by the invariants' checks. */
async function propertyRuns(numRuns: number, seed: number) {
  await fc.assert(
    fc.asyncProperty(fc.array(stepArbitrary(now), { minLength: 3, maxLength: 25 }), async (steps) => {
      await run(steps);
      const sums = await f.query<{ total: number }>("SELECT sum(qty)::int AS total FROM balance GROUP BY sku_id");
      for (const row of sums) expect(row.total).toBe(0);
      const internal = INTERNAL_STATES.map((s) => `'${s}'`).join(",");
      const [negative] = await f.query<{ n: number }>(`SELECT count(*)::int AS n FROM balance WHERE qty < 0 AND state IN (${internal})`);
      expect(negative.n).toBe(0);
      // …nor at any past moment: every asOf view stays non-negative.
      expect(await negativesInHistory(f)).toEqual([]);
      expect(await f.verify()).toEqual([]);
    }),
    { numRuns, seed },
  );
}

const SEED = Number(process.env.FC_SEED ?? Date.now() % 100000);

it("units are conserved, no internal position goes negative, and the projection equals the ledger replayed", async () => {
  await propertyRuns(40, SEED);
  // The sequences must really move stock, or the properties above prove little.
  expect(posted.length).toBeGreaterThan(150);
  expect(tally.reversed).toBeGreaterThan(3);
  // Late decisions either post what was asked or are refused as stale; both paths must run.
  expect(tally.decided + tally.stale).toBeGreaterThan(5);
  expect(tally.decided).toBeGreaterThan(0);
}, 120_000);

it("the same idempotency key never produces a second event", async () => {
  const [before] = await f.query<{ n: number }>("SELECT count(*)::int AS n FROM ledger_event");
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...posted), async ({ key, step, id }) => {
      const again = await f.post(step.who, step.body, key);
      expect(again.status).toBe(201);
      expect((again.body.event as { id: string }).id).toBe(id);
    }),
    { numRuns: 30 },
  );
  const [after] = await f.query<{ n: number }>("SELECT count(*)::int AS n FROM ledger_event");
  expect(after.n).toBe(before.n);
});

it("the warehouse view at any asOf, read forward or backward, equals its formula over the ledger replayed up to that moment", async () => {
  const { warehouseBalances } = await import("../../lib/server/views/balances.ts");
  const events = await f.query<{ sku: string; location: string; to_location: string; from_state: string; to_state: string; from_bin: string; to_bin: string; qty: number; occurred_at: Date }>(`
    SELECT s.code AS sku, l.code AS location, t.code AS to_location, from_state, to_state, from_bin, to_bin, qty, occurred_at
    FROM ledger_event e JOIN sku s ON s.id = e.sku_id JOIN location l ON l.id = e.location_id JOIN location t ON t.id = e.to_location_id
    WHERE from_state IS NOT NULL`);
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...SKUS), fc.integer({ min: 0, max: 22 * 24 }), fc.constantFrom("forward", "backward" as const), async (sku, hoursAgo, strategy) => {
      const asOf = new Date(now.getTime() - hoursAgo * 3_600_000);
      const rows = events
        .filter((e) => e.sku === sku && e.occurred_at <= asOf)
        .flatMap((e) => [
          { location: e.location, state: e.from_state, bin: e.from_bin, qty: -e.qty },
          { location: e.to_location, state: e.to_state, bin: e.to_bin, qty: e.qty },
        ]) as Parameters<typeof warehouseView>[0];
      const expected = warehouseView(rows);
      const actual = await warehouseBalances(sku, { asOf, strategy });
      expect({ onHand: actual.onHand, usable: actual.usable, locations: actual.locations }).toEqual(expected);
    }),
    { numRuns: 40 },
  );
});

it("exercises most kinds of transition", async () => {
  // Most transition types must have been accepted at least once for the properties to mean much.
  // A seed whose sequences missed one runs a few more random sequences (checked as above) first.
  const expected = ["po.confirm", "receive", "inspect", "reserve", "pick", "pack", "ship", "hold", "transfer.ship"];
  const accepted = async () => (await f.query<{ type: string }>("SELECT DISTINCT type FROM ledger_event ORDER BY type")).map((r) => r.type);
  for (let extra = 1; extra <= 3; extra++) {
    const types = new Set(await accepted());
    if (expected.every((type) => types.has(type))) break;
    await propertyRuns(10, SEED + extra);
  }
  expect(await accepted()).toEqual(expect.arrayContaining(expected));
}, 120_000);

it("values what it moves: the journal uses every account a stream can reach", async () => {
  const rows = await f.query<{ account: string }>("SELECT DISTINCT account FROM journal_line ORDER BY account");
  expect(rows.map((r) => r.account)).toEqual(
    expect.arrayContaining(["inventory", "inventory_in_transit", "grni", "accounts_payable", "cogs", "purchase_price_variance", "shrinkage"]),
  );
});

it("the rebuild from the ledger alone (npm run rebuild) finds every projection equal to what posting stored", async () => {
  const { rebuildProjections } = await import("../../lib/server/ledger/rebuild/index.ts");
  const report = await rebuildProjections();
  expect(report.tables.filter((table) => table.differing).flatMap((table) => table.samples)).toEqual([]);
  expect(report.events).toBeGreaterThan(150);
});
