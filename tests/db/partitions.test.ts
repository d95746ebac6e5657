// The ledger partitioned by UTC month of occurred_at (migration 20261127160000_ledger_partitions):
// events land in their month's partition, back-dated ones too; a month with no
// partition lands in the default one until its partition is added, which moves the
// rows; the constraints and the append-only rule hold on every partition; reads
// dated "after t" skip the months before t.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectOk, ledgerFixture, type LedgerFixture } from "../helpers/ledger-fixture.ts";

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
});
afterAll(() => f?.drop());

const DEFAULT = "ledger_partitions.ledger_event_default";
const pad = (n: number) => String(n).padStart(2, "0");
/** The partition a UTC moment belongs to. */
const partitionOf = (at: Date) => `ledger_partitions.ledger_event_${at.getUTCFullYear()}_${pad(at.getUTCMonth() + 1)}`;
/** The first instant of the UTC month `offset` months from this one. */
const monthStart = (offset: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
};

let po = 0;
/** A PO confirmed, received and passed inspection at `at`: the seqs of the three events. */
async function receive(sku: string, qty: number, at: Date): Promise<number[]> {
  const common = { sku, location: "WH-EAST", qty, occurredAt: at.toISOString() };
  const reference = `PO-P-${++po}`;
  const calls = [
    await f.post("finance", { type: "po.confirm", ...common, reference, unitCost: "4.00", eta: at.toISOString(), fob: "destination", supplier: "Acme" }),
    await f.post("warehouse", { type: "receive", ...common, reference }),
    await f.post("warehouse", { type: "inspect", ...common, result: "pass" }),
  ];
  return calls.map((call) => Number((expectOk(call).body.event as { seq: number }).seq));
}

async function placeOf(seqs: number[]): Promise<string[]> {
  const rows = await f.query<{ seq: bigint; part: string }>("SELECT seq, tableoid::regclass::text AS part FROM ledger_event WHERE seq = ANY($1::bigint[]) ORDER BY seq", seqs);
  expect(rows.map((r) => Number(r.seq))).toEqual(seqs);
  return rows.map((r) => r.part);
}

async function partitions(): Promise<string[]> {
  const rows = await f.query<{ name: string }>("SELECT inhrelid::regclass::text AS name FROM pg_inherits WHERE inhparent = 'ledger_event'::regclass ORDER BY 1");
  return rows.map((r) => r.name);
}

describe("where events land", () => {
  it("the migrations leave the default partition, last month, this month and two ahead, and no empty month beyond", async () => {
    const expected = [DEFAULT, ...Array.from({ length: 4 }, (_, i) => partitionOf(monthStart(i - 1)))];
    const made = await partitions();
    expect(made).toEqual(expect.arrayContaining(expected));
    // Months further ahead would only add to the planning of every read not bounded in time.
    const beyond = Array.from({ length: 12 }, (_, i) => partitionOf(monthStart(i + 3)));
    expect(made.filter((name) => beyond.includes(name))).toEqual([]);
  });

  it("an event lands in its own UTC month's partition; a back-dated one in its earlier month's, to the millisecond", async () => {
    const now = await receive("T-FIFO", 3, new Date(Date.now() - 1000));
    const lastMillisecondOfLastMonth = new Date(monthStart(0).getTime() - 1);
    const backDated = await receive("T-AVG", 2, lastMillisecondOfLastMonth);
    expect(await placeOf(now)).toEqual(now.map(() => partitionOf(new Date())));
    expect(await placeOf(backDated)).toEqual(backDated.map(() => partitionOf(lastMillisecondOfLastMonth)));
    expect(partitionOf(lastMillisecondOfLastMonth)).not.toBe(partitionOf(monthStart(0)));
  });

  it("a month without a partition lands in the default partition; adding its partition moves the rows, seqs and all", async () => {
    const fiveMonthsAgo = new Date(monthStart(-5).getTime() + 3 * 86_400_000);
    const target = partitionOf(fiveMonthsAgo);
    expect(await partitions()).not.toContain(target);
    const seqs = await receive("T-STD", 4, fiveMonthsAgo);
    expect(await placeOf(seqs)).toEqual(seqs.map(() => DEFAULT));
    const before = await f.query<{ seq: bigint; id: string; group_id: string }>("SELECT seq, id, group_id FROM ledger_event WHERE seq = ANY($1::bigint[]) ORDER BY seq", seqs);

    const [made] = await f.query<{ made: boolean }>("SELECT ledger_event_add_partition($1::timestamptz) AS made", fiveMonthsAgo);
    expect(made.made).toBe(true);
    expect(await placeOf(seqs)).toEqual(seqs.map(() => target));
    expect(await f.query("SELECT seq, id, group_id FROM ledger_event WHERE seq = ANY($1::bigint[]) ORDER BY seq", seqs)).toEqual(before);
    expect(await f.query(`SELECT 1 FROM ${DEFAULT} WHERE occurred_at >= $1 AND occurred_at < $2`, monthStart(-5), monthStart(-4))).toEqual([]);
    // The default partition got its append-only triggers back after it was detached and attached again.
    await f.query(
      "INSERT INTO ledger_event (type, qty, occurred_at, actor_id, group_id) SELECT 'memo', 0, $1, id, gen_random_uuid() FROM app_user ORDER BY email LIMIT 1",
      monthStart(120),
    );
    expect(await f.query(`SELECT 1 FROM ${DEFAULT}`)).toHaveLength(1);
    await expect(f.query(`DELETE FROM ${DEFAULT}`)).rejects.toThrow(/append-only: DELETE refused/);
    await expect(f.query(`UPDATE ${target} SET reason = 'rewritten'`)).rejects.toThrow(/append-only: UPDATE refused/);

    const [again] = await f.query<{ made: boolean }>("SELECT ledger_event_add_partition($1::timestamptz) AS made", fiveMonthsAgo);
    expect(again.made).toBe(false);
    expect(await f.verify()).toEqual([]);
  });

  it("ledger_event_add_partitions makes only the months that are missing", async () => {
    const [first] = await f.query<{ made: number }>("SELECT ledger_event_add_partitions($1::timestamptz, 3) AS made", monthStart(20));
    const [second] = await f.query<{ made: number }>("SELECT ledger_event_add_partitions($1::timestamptz, 4) AS made", monthStart(20));
    expect([first.made, second.made]).toEqual([3, 1]);
    expect(await partitions()).toEqual(expect.arrayContaining([20, 21, 22, 23].map((i) => partitionOf(monthStart(i)))));
  });
});

describe("constraints on every partition", () => {
  const actor = () => f.query<{ id: string }>("SELECT id FROM app_user ORDER BY email LIMIT 1").then(([row]) => row.id);

  it("refuses UPDATE, DELETE and TRUNCATE, through the parent and on a partition", async () => {
    const part = partitionOf(new Date());
    for (const statement of ["UPDATE ledger_event SET reason = 'x'", `UPDATE ${part} SET reason = 'x'`, "DELETE FROM ledger_event", `DELETE FROM ${part}`]) {
      await expect(f.query(statement), statement).rejects.toThrow(/append-only: (UPDATE|DELETE) refused/);
    }
    for (const statement of ["TRUNCATE ledger_event CASCADE", `TRUNCATE ${part}`, `TRUNCATE ${DEFAULT}`, `TRUNCATE ${partitionOf(monthStart(2))}`]) {
      await expect(f.query(statement), statement).rejects.toThrow(/append-only: TRUNCATE refused/);
    }
  });

  it("refuses a bad move, a negative quantity, an unknown actor and a repeated key", async () => {
    const id = await actor();
    await expect(
      f.query("INSERT INTO ledger_event (type, qty, occurred_at, actor_id, group_id, from_state) VALUES ('memo', 0, now(), $1::uuid, gen_random_uuid(), 'AVAILABLE')", id),
    ).rejects.toThrow(/ledger_event_move_or_memo/);
    await expect(f.query("INSERT INTO ledger_event (type, qty, occurred_at, actor_id, group_id) VALUES ('memo', -1, now(), $1::uuid, gen_random_uuid())", id)).rejects.toThrow(/ledger_event_qty_check/);
    await expect(f.query("INSERT INTO ledger_event (type, qty, occurred_at, actor_id, group_id) VALUES ('memo', 0, now(), gen_random_uuid(), gen_random_uuid())")).rejects.toThrow(/ledger_event_actor_id_fkey/);
    const [row] = await f.query<{ seq: bigint; id: string; occurred_at: Date }>(
      "INSERT INTO ledger_event (type, qty, occurred_at, actor_id, group_id) VALUES ('memo', 0, now(), $1::uuid, gen_random_uuid()) RETURNING seq, id, occurred_at",
      id,
    );
    await expect(
      f.query("INSERT INTO ledger_event (seq, type, qty, occurred_at, actor_id, group_id) VALUES ($1, 'memo', 0, $2, $3::uuid, gen_random_uuid())", row.seq, row.occurred_at, id),
    ).rejects.toThrow(/ledger_event_\w+_pkey|duplicate key/);
    await expect(
      f.query("INSERT INTO ledger_event (id, type, qty, occurred_at, actor_id, group_id) VALUES ($1::uuid, 'memo', 0, $2, $3::uuid, gen_random_uuid())", row.id, row.occurred_at, id),
    ).rejects.toThrow(/ledger_event_\w+_id_occurred_at_key|duplicate key/);
  });
});

describe("plans", () => {
  it("a SKU's events dated after t read only the partitions from t's month on", async () => {
    const [sku] = await f.query<{ id: string }>("SELECT id FROM sku WHERE code = 'T-FIFO'");
    const after = new Date(monthStart(0).getTime() + 1000);
    const [plan] = await f.query<{ "QUERY PLAN": unknown }>(
      `EXPLAIN (FORMAT JSON, ANALYZE, COSTS OFF) SELECT seq FROM ledger_event WHERE sku_id = '${sku.id}'::uuid AND from_state IS NOT NULL AND occurred_at > '${after.toISOString()}'::timestamptz`,
    );
    const scanned = new Set<string>();
    const walk = (node: unknown) => {
      if (!node || typeof node !== "object") return;
      const relation = (node as Record<string, unknown>)["Relation Name"];
      if (typeof relation === "string") scanned.add(relation);
      for (const value of Object.values(node)) walk(value);
    };
    walk(plan["QUERY PLAN"]);
    const earlier = [...scanned].filter((name) => /^ledger_event_\d{4}_\d{2}$/.test(name) && `ledger_partitions.${name}` < partitionOf(after));
    expect(scanned.size).toBeGreaterThan(0);
    expect(earlier).toEqual([]);
    expect(scanned).toContain(partitionOf(after).replace("ledger_partitions.", ""));
  });
});
