import "server-only";
import type pg from "pg";
import { clientDb, pool } from "@/lib/server/sql";
import { env } from "@/lib/env";
import { readRefs } from "../refs";
import { verifyProjection } from "../replay";
import { verifyValuation } from "../verify-valuation";
import { compareTables, differingKeys, dropScratchDdl, readNames, scratchDdl, type TableReport } from "./compare";
import { rebuildPositions } from "./positions";
import { scratch, TABLES } from "./tables";
import { rebuildValuation } from "./valuation";

export type { TableReport } from "./compare";

export type Phase = { name: string; ms: number; detail: string };

export type RebuildOptions = {
  /** Replace the live projections with the rebuilt ones when they differ. */
  swap?: boolean;
  /**
   * Before a swap commits, also run verifyProjection and verifyValuation over the
   * whole ledger. Posting waits meanwhile: minutes for a million events, where the
   * second comparison alone takes seconds.
   */
  verify?: boolean;
  /** Differences listed per table. */
  samples?: number;
  /** Called as each phase ends; awaited, so a caller may act at that point (the tests post events there). */
  onPhase?: (phase: Phase) => void | Promise<void>;
  /** Events folded so far, as the valuation pass reads the ledger. */
  onEvents?: (events: number) => void;
};

export type RebuildReport = {
  events: number;
  /** Per table, the live projection against the one rebuilt from the ledger (before any swap). */
  tables: TableReport[];
  differing: number;
  swapped: boolean;
  /** Why differences were left in place although a swap was asked for. */
  refused: string | null;
  phases: Phase[];
};

/** Two scratch sets in one schema would clobber each other: one rebuild at a time (a two-key advisory lock, apart from the ledger's one-key locks). */
const RUN_LOCK = "SELECT pg_try_advisory_lock(7265, 1) AS got";
const POSITION_TABLES = TABLES.filter((spec) => spec.table === "balance" || spec.table === "balance_day");
const VALUATION_TABLES = TABLES.filter((spec) => !POSITION_TABLES.includes(spec));

/**
 * Recomputes every projection from the ledger alone into scratch tables, compares
 * them with the live ones and, with `swap`, replaces what differs.
 *
 * The rebuild reads one snapshot (REPEATABLE READ), shared by two sessions so
 * that PostgreSQL aggregates balances while Node folds the valuation, and each
 * compares in it what it built: the projections are written in the posting
 * transaction, so live tables and ledger agree in any snapshot and events posted
 * meanwhile are no difference. A swap then takes the period lock exclusively
 * (posting holds it shared, lockSku), so in-flight events finish and new ones
 * wait; SKUs whose ledger moved since the snapshot are rebuilt again under the
 * lock; only rows that differ are deleted and inserted (constraints, indexes,
 * triggers and grants stay as they are, and readers never see a table empty);
 * a second comparison (and, with `verify`, verifyProjection and verifyValuation)
 * must then find nothing, or the swap rolls back.
 */
export async function rebuildProjections(options: RebuildOptions = {}): Promise<RebuildReport> {
  const main = await pool().connect();
  let helper: pg.PoolClient | undefined;
  const phases: Phase[] = [];
  const phase = async (name: string, started: number, detail = "") => {
    const done: Phase = { name, ms: Date.now() - started, detail };
    phases.push(done);
    await options.onPhase?.(done);
  };
  const broken = new Map<pg.PoolClient, Error>();
  const ran = { locked: false };
  try {
    let started = Date.now();
    ran.locked = (await main.query<{ got: boolean }>(RUN_LOCK)).rows[0].got;
    if (!ran.locked) throw new Error("another rebuild is running on this database");
    for (const statement of scratchDdl()) await main.query(statement);
    helper = await pool().connect();
    await main.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
    await main.query("SET LOCAL work_mem = '256MB'");
    const { rows: [{ snapshot }] } = await main.query<{ snapshot: string }>("SELECT pg_export_snapshot() AS snapshot");
    if (!/^[0-9A-F-]+$/i.test(snapshot)) throw new Error(`unexpected snapshot id ${snapshot}`);
    await helper.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
    await helper.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
    await helper.query("SET LOCAL work_mem = '256MB'");
    const [refs, names] = await Promise.all([readRefs(clientDb(main, env().DATABASE_URL)), readNames(main)]);
    await phase("prepare", started);

    started = Date.now();
    const positionsSide = async (client: pg.PoolClient) => {
      const at = Date.now();
      const built = await rebuildPositions(client, null);
      await phase("balances", at, `${built.balances} balances, ${built.days} position-days`);
      const tables = await compare(client, POSITION_TABLES, names, options.samples);
      await client.query("COMMIT");
      return tables;
    };
    const valuationSide = async (client: pg.PoolClient) => {
      const at = Date.now();
      // Each SKU's ledger as this snapshot sees it: a swap rebuilds again any SKU that moved since.
      await client.query(`DROP TABLE IF EXISTS pg_temp.rebuild_mark`);
      await client.query(`CREATE TEMP TABLE rebuild_mark AS SELECT sku_id, count(*) AS n, max(seq) AS last FROM ledger_event WHERE sku_id IS NOT NULL GROUP BY sku_id`);
      const { rows: [{ events }] } = await client.query<{ events: number }>(`SELECT coalesce(sum(n), 0)::int AS events FROM rebuild_mark`);
      const built = await rebuildValuation(client, refs, null, options.onEvents);
      await phase("valuation", at, `${built.events} of ${events} ledger rows read, ${built.groups} groups over ${built.skus} SKUs: ${built.lines} journal lines, ${built.layers} layers, ${built.moves} layer moves`);
      const tables = await compare(client, VALUATION_TABLES, names, options.samples);
      await client.query("COMMIT");
      return { tables, events };
    };
    const [positions, valuation] = await Promise.allSettled([positionsSide(helper), valuationSide(main)]);
    if (positions.status === "rejected") throw positions.reason;
    if (valuation.status === "rejected") throw valuation.reason;
    const byName = new Map([...positions.value, ...valuation.value.tables].map((table) => [table.table, table]));
    const tables = TABLES.map((spec) => byName.get(spec.table)).filter((table): table is TableReport => table !== undefined);
    const differing = tables.reduce((sum, table) => sum + table.differing, 0);
    await phase("rebuilt", started, `${differing} rows differ`);

    const report: RebuildReport = { events: valuation.value.events, tables, differing, swapped: false, refused: null, phases };
    if (options.swap && differing > 0) {
      const fixed = tables.filter((table) => table.differing > 0 && !table.swappable);
      if (fixed.length) {
        report.refused = `${fixed.map((table) => table.table).join(", ")} differs, and a posted journal line is never changed: the ledger and the journal disagree, which a swap cannot repair`;
      } else {
        await swap(main, refs, names, phase, options.verify ?? false);
        report.swapped = true;
      }
    }
    return report;
  } catch (error) {
    for (const client of [main, helper]) {
      await client?.query("ROLLBACK").catch((rollback: unknown) => broken.set(client, rollback instanceof Error ? rollback : new Error(String(rollback))));
    }
    throw error;
  } finally {
    if (ran.locked && !broken.has(main)) {
      try {
        for (const statement of dropScratchDdl()) await main.query(statement);
        await main.query(`DROP TABLE IF EXISTS pg_temp.rebuild_mark`);
        await main.query("SELECT pg_advisory_unlock(7265, 1)");
      } catch (error) {
        broken.set(main, error instanceof Error ? error : new Error(String(error)));
      }
    }
    // A connection that failed is closed rather than lent again: its session lock and temporary table go with it.
    main.release(broken.get(main));
    helper?.release(broken.get(helper));
  }
}

/** Compares with the tables analysed first: PostgreSQL never analyses a table filled in the same transaction on its own. */
async function compare(client: pg.PoolClient, specs: typeof TABLES, names: Awaited<ReturnType<typeof readNames>>, samples: number | undefined) {
  for (const spec of specs) await client.query(`ANALYZE ${scratch(spec.table)}`);
  return compareTables(client, specs, names, samples);
}

async function swap(
  client: pg.PoolClient,
  refs: Awaited<ReturnType<typeof readRefs>>,
  names: Awaited<ReturnType<typeof readNames>>,
  phase: (name: string, started: number, detail?: string) => Promise<void>,
  verifiers: boolean,
) {
  let started = Date.now();
  await client.query("BEGIN");
  await client.query("SET LOCAL work_mem = '256MB'");
  await client.query("SELECT pg_advisory_xact_lock(1)");
  await phase("lock", started, "posting paused");

  started = Date.now();
  const { rows: moved } = await client.query<{ sku_id: string }>(`
    SELECT coalesce(c.sku_id, m.sku_id)::text AS sku_id
      FROM (SELECT sku_id, count(*) AS n, max(seq) AS last FROM ledger_event WHERE sku_id IS NOT NULL GROUP BY sku_id) c
      FULL JOIN rebuild_mark m ON m.sku_id = c.sku_id
     WHERE c.n IS DISTINCT FROM m.n OR c.last IS DISTINCT FROM m.last`);
  const skus = moved.map((row) => row.sku_id);
  if (skus.length) {
    for (const spec of TABLES) {
      // layer_move and every other table carry the SKU.
      await client.query(`DELETE FROM ${scratch(spec.table)} WHERE sku_id = ANY($1::uuid[])`, [skus]);
    }
    await rebuildPositions(client, skus);
    await rebuildValuation(client, refs, skus);
  }
  await phase("catch up", started, `${skus.length} SKUs posted to since the snapshot, rebuilt again`);

  started = Date.now();
  let written = 0;
  for (const spec of TABLES) {
    const cols = spec.key;
    if (!cols || !spec.swappable) continue;
    // The keys that differ, found by one pass of the comparison's join; then only their rows are deleted and inserted.
    const key = (a: string, b: string) => cols.map((c) => `${a}.${c} = ${b}.${c}`).join(" AND ");
    const all = [...cols, ...spec.columns].join(", ");
    await client.query(`DROP TABLE IF EXISTS pg_temp.rebuild_diff`);
    await client.query(`CREATE TEMP TABLE rebuild_diff AS ${differingKeys(spec, cols)}`);
    const removed = await client.query(`DELETE FROM ${spec.table} l USING rebuild_diff d WHERE ${key("l", "d")}`);
    const added = await client.query(`INSERT INTO ${spec.table} (${all}) SELECT ${[...cols, ...spec.columns].map((c) => `r.${c}`).join(", ")}
                                        FROM ${scratch(spec.table)} r JOIN rebuild_diff d ON ${key("r", "d")}`);
    await client.query(`DROP TABLE rebuild_diff`);
    written += (removed.rowCount ?? 0) + (added.rowCount ?? 0);
  }
  await phase("apply", started, `${written} rows deleted or inserted`);

  started = Date.now();
  const again = (await compareTables(client, TABLES, names, 3)).filter((table) => table.differing > 0);
  const db = clientDb(client, env().DATABASE_URL);
  const problems = [
    ...again.flatMap((table) => table.samples),
    ...(verifiers ? (await verifyProjection(db)).map((m) => `${m.table} ${m.key}: stored ${m.stored}, replayed ${m.replayed}`) : []),
    ...(verifiers ? await verifyValuation(db) : []),
  ];
  if (problems.length) throw new Error(`the swapped projections do not verify; nothing was changed:\n${problems.slice(0, 10).join("\n")}`);
  await client.query("COMMIT");
  await phase("verify", started, `live tables equal the rebuilt ones${verifiers ? "; verifyProjection and verifyValuation find nothing" : ""}`);
}
