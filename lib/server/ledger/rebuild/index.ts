import "server-only";
import type pg from "pg";
import { clientDb, pool } from "@/lib/server/sql";
import { env } from "@/lib/env";
import { readRefs } from "../refs";
import { verifyProjection } from "../replay";
import { verifyValuation } from "../verify-valuation";
import { compareAll, readNames, scratchDdl, type TableReport } from "./compare";
import { rebuildPositions } from "./positions";
import { scratch, TABLES } from "./tables";
import { rebuildValuation } from "./valuation";

export type { TableReport } from "./compare";

export type Phase = { name: string; ms: number; detail: string };

export type RebuildOptions = {
  /** Replace the live projections with the rebuilt ones when they differ. */
  swap?: boolean;
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

/**
 * Recomputes every projection from the ledger alone into scratch tables, compares
 * them with the live ones and, with `swap`, replaces what differs.
 *
 * The rebuild reads one snapshot (REPEATABLE READ), and compares in it: the
 * projections are written in the posting transaction, so live tables and ledger
 * agree in any snapshot and events posted meanwhile are no difference. A swap
 * then takes the period lock exclusively (posting holds it shared, lockSku), so
 * in-flight events finish and new ones wait; SKUs whose ledger moved since the
 * snapshot are rebuilt again under the lock; only rows that differ are deleted
 * and inserted (constraints, indexes, triggers and grants stay as they are, and
 * readers never see a table empty); the verifiers (verifyProjection,
 * verifyValuation) and a second comparison must then find nothing, or the swap
 * rolls back.
 */
export async function rebuildProjections(options: RebuildOptions = {}): Promise<RebuildReport> {
  const client = await pool().connect();
  const phases: Phase[] = [];
  const phase = async (name: string, started: number, detail = "") => {
    const done: Phase = { name, ms: Date.now() - started, detail };
    phases.push(done);
    await options.onPhase?.(done);
  };
  let broken: Error | undefined;
  try {
    let started = Date.now();
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
    await client.query("SET LOCAL work_mem = '256MB'");
    for (const statement of scratchDdl()) await client.query(statement);
    const [refs, names] = await Promise.all([readRefs(clientDb(client, env().DATABASE_URL)), readNames(client)]);
    await phase("prepare", started);

    started = Date.now();
    const positions = await rebuildPositions(client, null);
    await phase("balances", started, `${positions.balances} balances, ${positions.days} position-days`);

    started = Date.now();
    const valued = await rebuildValuation(client, refs, null, options.onEvents);
    await phase("valuation", started, `${valued.events} events in ${valued.groups} groups over ${valued.skus} SKUs: ${valued.lines} journal lines, ${valued.layers} layers, ${valued.moves} layer moves`);

    started = Date.now();
    // Each SKU's ledger as this snapshot saw it: a swap rebuilds again any SKU that moved since.
    await client.query(`DROP TABLE IF EXISTS rebuild_mark`);
    await client.query(`CREATE TEMP TABLE rebuild_mark AS SELECT sku_id, count(*) AS n, max(seq) AS last FROM ledger_event WHERE sku_id IS NOT NULL GROUP BY sku_id`);
    for (const spec of TABLES) await client.query(`ANALYZE ${scratch(spec.table)}`);
    const tables = await compareAll(client, names, options.samples);
    await client.query("COMMIT");
    const differing = tables.reduce((sum, table) => sum + table.differing, 0);
    await phase("compare", started, `${differing} rows differ`);

    const report: RebuildReport = { events: valued.events, tables, differing, swapped: false, refused: null, phases };
    if (options.swap && differing > 0) {
      const fixed = tables.filter((table) => table.differing > 0 && !table.swappable);
      if (fixed.length) {
        report.refused = `${fixed.map((table) => table.table).join(", ")} differs, and a posted journal line is never changed: the ledger and the journal disagree, which a swap cannot repair`;
      } else {
        await swap(client, refs, names, phase);
        report.swapped = true;
      }
    }
    return report;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollback: unknown) => {
      broken = rollback instanceof Error ? rollback : new Error(String(rollback));
    });
    throw error;
  } finally {
    if (!broken) {
      for (const spec of TABLES) await client.query(`DROP TABLE IF EXISTS ${scratch(spec.table)}`).catch((error: Error) => (broken ??= error));
      await client.query(`DROP TABLE IF EXISTS rebuild_mark`).catch((error: Error) => (broken ??= error));
    }
    // A connection that failed is closed rather than lent again, and its scratch tables go with it.
    client.release(broken);
  }
}

async function swap(client: pg.PoolClient, refs: Awaited<ReturnType<typeof readRefs>>, names: Awaited<ReturnType<typeof readNames>>, phase: (name: string, started: number, detail?: string) => Promise<void>) {
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
    if (!spec.key || !spec.swappable) continue;
    const key = spec.key.map((c) => `l.${c} = r.${c}`).join(" AND ");
    const same = `(${spec.columns.map((c) => `l.${c}`).join(", ")}) IS NOT DISTINCT FROM (${spec.columns.map((c) => `r.${c}`).join(", ")})`;
    const all = [...spec.key, ...spec.columns].join(", ");
    const removed = await client.query(`DELETE FROM ${spec.table} l WHERE NOT EXISTS (SELECT 1 FROM ${scratch(spec.table)} r WHERE ${key} AND ${same})`);
    const added = await client.query(`INSERT INTO ${spec.table} (${all}) SELECT ${all} FROM ${scratch(spec.table)} r WHERE NOT EXISTS (SELECT 1 FROM ${spec.table} l WHERE ${key})`);
    written += (removed.rowCount ?? 0) + (added.rowCount ?? 0);
  }
  await phase("apply", started, `${written} rows deleted or inserted`);

  started = Date.now();
  const again = (await compareAll(client, names, 3)).filter((table) => table.differing > 0);
  const db = clientDb(client, env().DATABASE_URL);
  const problems = [
    ...again.flatMap((table) => table.samples),
    ...(await verifyProjection(db)).map((m) => `${m.table} ${m.key}: stored ${m.stored}, replayed ${m.replayed}`),
    ...(await verifyValuation(db)),
  ];
  if (problems.length) throw new Error(`the swapped projections do not verify; nothing was changed:\n${problems.slice(0, 10).join("\n")}`);
  await client.query("COMMIT");
  await phase("verify", started, "rebuilt tables equal the live ones; verifyProjection and verifyValuation find nothing");
}
