// `npm run rebuild` (lib/server/ledger/rebuild): every projection recomputed from the
// ledger alone equals what posting stored after random event streams; a corrupted
// live row is named, a swap repairs it, and posting during a swap waits or lands
// in the rebuilt tables.
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectOk, ledgerFixture, stock, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { stepArbitrary, SKUS, type Post, type Steps } from "../helpers/event-arbitrary.ts";
import type { RebuildOptions, RebuildReport } from "../../lib/server/ledger/rebuild/index.ts";

let f: LedgerFixture;
const now = new Date();
const reversible: Post[] = [];
let posted = 0;

beforeAll(async () => {
  f = await ledgerFixture();
});
afterAll(() => f?.drop());

async function rebuild(options: RebuildOptions = {}): Promise<RebuildReport> {
  const { rebuildProjections } = await import("../../lib/server/ledger/rebuild/index.ts");
  return rebuildProjections(options);
}

const differing = (report: RebuildReport) => Object.fromEntries(report.tables.filter((t) => t.differing).map((t) => [t.table, t.differing]));

let batch = 0;
/** Posts the steps as invariants.test.ts does: reversals of earlier groups and late decisions included. */
async function run(groups: Steps[]) {
  for (const group of groups) {
    batch += 1;
    for (const step of group) {
      if ("decide" in step) {
        const pending = await f.query<{ id: string }>("SELECT id::text FROM approval_request WHERE status = 'pending' ORDER BY requested_at, id");
        if (!pending.length) continue;
        const { id } = pending[step.decide % pending.length];
        const decision = await f.call("warehouse_2", "POST", `/api/v1/approvals/${id}/approve`);
        if (decision.status === 403) await f.call("finance_2", "POST", `/api/v1/approvals/${id}/approve`);
        continue;
      }
      let post: Post;
      if ("reverse" in step) {
        if (!reversible.length) continue;
        const target = reversible[step.reverse % reversible.length];
        post = { ...target, body: { ...target.body, ...(step.occurredAt ? { occurredAt: step.occurredAt } : {}) } };
      } else {
        const body = Object.fromEntries(Object.entries(step.body).map(([k, v]) => [k, typeof v === "string" ? v.replace("{n}", String(batch)) : v]));
        post = { ...step, body };
      }
      const response = await f.post(post.who, post.body);
      if (response.status !== 201) continue;
      posted += 1;
      const event = response.body.event as { seq: number; from: unknown };
      if (post.body.type !== "reverse" && event.from) reversible.push({ who: post.who, body: { type: "reverse", reverses: event.seq, reason: "rebuild" } });
    }
  }
}

it("after random event streams (invoices, cost changes, reversals, late approvals), the rebuild finds no difference in any projection", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(stepArbitrary(now), { minLength: 5, maxLength: 25 }), async (steps) => {
      await run(steps);
      const report = await rebuild();
      expect(differing(report)).toEqual({});
      expect(report.swapped).toBe(false);
    }),
    { numRuns: 15, seed: Number(process.env.FC_SEED ?? Date.now() % 100000) },
  );
  expect(posted).toBeGreaterThan(30);
  // A document reference with the characters an array literal must escape is written back as it was.
  const odd = 'PO "odd", \\ {1}';
  const common = { sku: "T-AVG", qty: 3, location: "WH-EAST", reference: odd };
  expectOk(await f.post("finance", { type: "po.confirm", ...common, unitCost: "4.10", eta: now.toISOString(), fob: "destination", supplier: "Acme" }));
  expectOk(await f.post("warehouse", { type: "receive", ...common }));
  expect(await f.query("SELECT doc FROM journal_line WHERE doc = $1", odd)).not.toEqual([]);
  // One FIFO sale whatever the seed: a stream may ship no FIFO unit, and a layer used
  // up (a negative layer move) is what the rebuild and the corruption below must meet.
  await stock(f, "T-FIFO", 2, { unitCost: "2.00" });
  const sale = { sku: "T-FIFO", qty: 1, location: "WH-EAST", orderLine: "SO-RB-FIFO" };
  expectOk(await f.post("sales", { type: "reserve", ...sale, channel: "web" }));
  for (const type of ["pick", "pack"]) expectOk(await f.post("warehouse", { type, ...sale }));
  expectOk(await f.post("warehouse", { type: "ship", ...sale, fob: "shipping_point" }));
  // The streams reached what the rebuild must reproduce: consumed and open layers, holdings, matches, revaluations.
  const [seen] = await f.query<{ layers: number; consumed: number; moves: number; holdings: number; matches: number; invoiced: number; changes: number }>(`
    SELECT (SELECT count(*) FROM cost_layer)::int AS layers, (SELECT count(*) FROM cost_layer WHERE qty_left = 0)::int AS consumed,
           (SELECT count(*) FROM layer_move)::int AS moves, (SELECT count(*) FROM cost_holding)::int AS holdings,
           (SELECT count(*) FROM invoice_match)::int AS matches, (SELECT count(*) FROM invoice_match WHERE invoiced_qty > 0)::int AS invoiced,
           (SELECT count(*) FROM ledger_event WHERE type = 'cost.change')::int AS changes`);
  expect(seen.layers).toBeGreaterThan(0);
  expect(seen.moves).toBeGreaterThan(seen.layers);
  expect(seen.holdings).toBeGreaterThan(0);
  expect(seen.invoiced).toBeGreaterThan(0);
  const report = await rebuild();
  expect(differing(report)).toEqual({});
  for (const table of report.tables) expect(table.rebuilt, table.table).toBe(table.live);
  expect(report.tables.find((t) => t.table === "journal_line")?.live).toBeGreaterThan(50);
}, 300_000);

it("the streamed fold gives what replayValuation gives: the same journal lines and the same final state per SKU", async () => {
  const { SkuFold } = await import("../../lib/server/ledger/rebuild/fold.ts");
  const { initialStandardCost, replayValuation } = await import("../../lib/domain/finance/replay.ts");
  const { VALUED_TYPES } = await import("../../lib/server/ledger/cost-context.ts");
  const { readRefs } = await import("../../lib/server/ledger/refs.ts");
  const { legOf } = await import("../../lib/server/ledger/store.ts");
  const { db } = await import("../../lib/server/sql.ts");
  const refs = await readRefs(db);
  const skus = await f.query<{ id: string; method: "fifo" | "average" | "standard"; standard: string | null }>(
    "SELECT id::text, costing_method::text AS method, standard_cost::text AS standard FROM sku");
  const reversed = new Set((await f.query<{ g: string }>("SELECT DISTINCT reverses_group::text AS g FROM ledger_event WHERE reverses_group IS NOT NULL")).map((r) => r.g));
  for (const sku of skus) {
    const rows = await f.query<Parameters<typeof legOf>[1] & { seq: number; group_id: string; type: string; occurred_at: Date; data: Record<string, unknown>; reference: string | null; reverses_group: string | null; from_state: string | null; memo: string | null }>(`
      SELECT seq::int, group_id::text, type, occurred_at, data, reference, reverses_group::text, location_id::text, to_location_id::text,
             from_state, to_state, from_bin, to_bin, from_doc, to_doc, channel_id::text, qty, l.code AS memo
        FROM ledger_event e LEFT JOIN location l ON l.id = e.location_id WHERE sku_id = $1::uuid ORDER BY seq`, sku.id);
    const groups: Parameters<typeof replayValuation>[2][number][] = [];
    for (const row of rows) {
      if (groups.at(-1)?.group !== row.group_id) {
        groups.push({ group: row.group_id, type: row.type, seqs: [], legs: [], occurredAt: row.occurred_at, data: row.data, reference: row.reference,
          location: row.memo, reversesGroup: row.reverses_group });
      }
      const group = groups[groups.length - 1];
      group.seqs.push(row.seq);
      if (row.from_state) group.legs.push(legOf(refs, row));
    }
    const replay = replayValuation(sku.method, initialStandardCost(groups, sku.standard), groups);
    const fold = new SkuFold(sku.method, SkuFold.initialStandard(groups.find((g) => g.type === "cost.change"), sku.standard), reversed, VALUED_TYPES);
    const lines = groups.flatMap((group) => fold.apply(group).lines);
    const strip = ({ leg: _leg, ...line }: (typeof lines)[number]) => line;
    expect(lines.map(strip)).toEqual(replay.lines.map(strip));
    const bySeq = (layers: { seq: number; qtyLeft: number; valueLeft: bigint; unitCost: bigint }[]) => [...layers].sort((a, b) => a.seq - b.seq).map(({ seq, qtyLeft, valueLeft, unitCost }) => ({ seq, qtyLeft, valueLeft, unitCost }));
    expect(bySeq(fold.state.layers)).toEqual(bySeq(replay.state.layers));
    expect(fold.state.pool).toEqual(replay.state.pool);
    expect(fold.state.holdings).toEqual(replay.state.holdings);
    expect(fold.state.matches).toEqual(replay.state.matches);
  }
}, 120_000);

it("names a corrupted balance, cost layer, journal day and missing layer move, changes nothing without --swap, and a swap repairs them", async () => {
  const [balance] = await f.query<{ sku: string; state: string; bin: string }>(`
    UPDATE balance SET qty = qty + 3 WHERE ctid = (SELECT ctid FROM balance WHERE state = 'AVAILABLE' AND qty > 0 ORDER BY sku_id, location_id, bin LIMIT 1)
    RETURNING (SELECT code FROM sku WHERE id = sku_id) AS sku, state, bin`);
  const [layer] = await f.query<{ seq: number }>(`
    UPDATE cost_layer SET value_left = value_left + 1.00 WHERE id = (SELECT id FROM cost_layer WHERE qty_left > 0 ORDER BY seq LIMIT 1) RETURNING seq::int`);
  const [day] = await f.query<{ account: string }>(`
    UPDATE journal_day SET debit = debit + 5.00 WHERE ctid = (SELECT ctid FROM journal_day WHERE debit > 0 ORDER BY day, account LIMIT 1) RETURNING account`);
  const [move] = await f.query<{ seq: number }>(`DELETE FROM layer_move WHERE ctid = (SELECT ctid FROM layer_move WHERE qty < 0 ORDER BY seq LIMIT 1) RETURNING seq::int`);
  expect([balance, layer, day, move].every(Boolean)).toBe(true);

  const found = await rebuild();
  expect(differing(found)).toEqual({ balance: 1, cost_layer: 1, journal_day: 1, layer_move: 1 });
  const samples = found.tables.flatMap((t) => t.samples);
  expect(samples).toContainEqual(expect.stringMatching(new RegExp(`^balance sku=${balance.sku} location=WH-\\w+ state=AVAILABLE.*: live qty=\\d+ .*; rebuilt qty=\\d+`)));
  expect(samples).toContainEqual(expect.stringMatching(new RegExp(`^cost_layer sku=T-FIFO seq=${layer.seq}: live .*value_left=`)));
  expect(samples).toContainEqual(expect.stringMatching(new RegExp(`^journal_day sku=\\S+ day=\\S+ account=${day.account} location=\\S+: live debit=`)));
  expect(samples).toContainEqual(expect.stringMatching(new RegExp(`^layer_move .*seq=${move.seq}: live: no row; rebuilt sku=T-FIFO`)));
  // Without --swap nothing live changed: the same four differences are there again.
  expect(differing(await rebuild())).toEqual(differing(found));

  const swapped = await rebuild({ swap: true, verify: true });
  expect(swapped.swapped).toBe(true);
  const phases = swapped.phases.map((p) => p.name);
  // Balances and valuation are built side by side from one snapshot; the swap's steps follow in order.
  expect(phases[0]).toBe("prepare");
  expect(phases.slice(1, 3).sort()).toEqual(["balances", "valuation"]);
  expect(phases.slice(3)).toEqual(["rebuilt", "lock", "catch up", "apply", "verify"]);
  expect(differing(await rebuild())).toEqual({});
  expect(await f.verify()).toEqual([]);
}, 120_000);

it("a posting that arrives while the swap holds the lock waits for it, and one that lands between the snapshot and the lock is rebuilt again", async () => {
  await f.query(`UPDATE balance SET qty = qty + 1 WHERE ctid = (SELECT ctid FROM balance WHERE state = 'AVAILABLE' AND qty > 0 LIMIT 1)`);
  let waiting: Promise<unknown> | undefined;
  let settledWhileLocked = false;
  const report = await rebuild({
    swap: true,
    verify: true,
    onPhase: async (phase) => {
      if (phase.name === "rebuilt") {
        // After the snapshot, before the lock: received stock changes balances and the valuation of T-FIFO.
        await stock(f, "T-FIFO", 4, { unitCost: "7.77" });
      }
      if (phase.name === "lock") {
        waiting = f.post("finance", { type: "po.confirm", sku: "T-AVG", qty: 2, location: "WH-WEST", reference: "PO-DURING-SWAP", unitCost: "4.00", eta: now.toISOString(), fob: "destination", supplier: "Acme" })
          .finally(() => { settledWhileLocked = true; });
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(settledWhileLocked).toBe(false);
      }
    },
  });
  expect(report.swapped).toBe(true);
  expect(report.phases.find((p) => p.name === "catch up")?.detail).toMatch(/^1 SKUs/);
  expectOk((await waiting) as Awaited<ReturnType<LedgerFixture["post"]>>);
  expect(differing(await rebuild())).toEqual({});
  expect(await f.verify()).toEqual([]);
}, 120_000);

it("postings racing a swap all land, and the projections still equal the ledger", async () => {
  await f.query(`UPDATE journal_day SET credit = credit + 1.00 WHERE ctid = (SELECT ctid FROM journal_day WHERE credit > 0 LIMIT 1)`);
  const posts = Array.from({ length: 24 }, (_, i) => {
    const sku = SKUS[i % SKUS.length];
    return f.post("finance", { type: "po.confirm", sku, qty: 1 + (i % 5), location: i % 2 ? "WH-EAST" : "WH-WEST", reference: `PO-RACE-${i}`, unitCost: "2.50", eta: now.toISOString(), fob: "destination", supplier: "Acme" });
  });
  const [report, ...answers] = await Promise.all([rebuild({ swap: true }), ...posts]);
  expect(report.swapped).toBe(true);
  for (const answer of answers) expectOk(answer);
  expect(differing(await rebuild())).toEqual({});
  expect(await f.verify()).toEqual([]);
}, 120_000);

it("one rebuild at a time: a second one is refused while the first runs, and the scratch tables are gone afterwards", async () => {
  let second: Promise<unknown> | undefined;
  await rebuild({ onPhase: (phase) => { if (phase.name === "prepare") second = rebuild().then(() => "ran", (error: Error) => error.message); } });
  expect(await second).toMatch(/another rebuild is running/);
  expect(await f.query("SELECT relname FROM pg_class WHERE relname LIKE '%\\_rebuild'")).toEqual([]);
  expect(differing(await rebuild())).toEqual({});
}, 120_000);

it("a journal line the ledger does not explain is reported and blocks the swap: posted lines are never rewritten", async () => {
  await f.query(`INSERT INTO journal_line (seq, group_id, sku_id, location_id, account, debit, credit, occurred_at, doc)
                 SELECT seq, group_id, sku_id, location_id, account, debit, credit, occurred_at, doc FROM journal_line ORDER BY id LIMIT 1`);
  await f.query(`UPDATE balance SET qty = qty + 1 WHERE ctid = (SELECT ctid FROM balance WHERE state = 'AVAILABLE' AND qty > 0 LIMIT 1)`);
  const report = await rebuild({ swap: true, verify: true });
  expect(report.swapped).toBe(false);
  expect(report.refused).toMatch(/journal_line/);
  expect(differing(report)).toEqual({ balance: 1, journal_line: 1 });
  expect(report.tables.find((t) => t.table === "journal_line")?.samples[0]).toMatch(/^journal_line seq=\d+ .*: only in live$/);
  // Nothing changed: the balance is still off.
  expect(differing(await rebuild())).toEqual({ balance: 1, journal_line: 1 });
}, 120_000);
