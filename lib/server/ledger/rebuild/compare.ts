import "server-only";
import type pg from "pg";
import { columnsOf, scratch, TABLES, type TableSpec } from "./tables";

export type TableReport = {
  table: string;
  live: number;
  rebuilt: number;
  /** Rows looked at: keys on either side (journal_line: the larger side). */
  compared: number;
  /** Keys whose rows differ or exist on one side only (journal_line: lines on one side only). */
  differing: number;
  /** The first few differences, in words. */
  samples: string[];
  swappable: boolean;
};

/** Codes for the ids a difference names, so it reads as the screens would say it. */
export type Names = { sku: Map<string, string>; location: Map<string, string>; channel: Map<string, string> };

export async function readNames(client: pg.ClientBase): Promise<Names> {
  const { rows } = await client.query<{ kind: string; id: string; code: string }>(`
    SELECT 'sku' AS kind, id::text, code FROM sku UNION ALL SELECT 'location', id::text, code FROM location
    UNION ALL SELECT 'channel', id::text, code FROM channel`);
  const names: Names = { sku: new Map(), location: new Map(), channel: new Map() };
  for (const row of rows) names[row.kind as keyof Names].set(row.id, row.code);
  return names;
}

/** Compares tables with their rebuilt copies, in SQL: a full outer join on the key, or EXCEPT ALL both ways. */
export async function compareTables(client: pg.ClientBase, specs: readonly TableSpec[], names: Names, samples = 5): Promise<TableReport[]> {
  const reports: TableReport[] = [];
  for (const spec of specs) reports.push(spec.key ? await compareKeyed(client, spec, spec.key, names, samples) : await compareLines(client, spec, names, samples));
  return reports;
}

const eq = (a: string, b: string, columns: readonly string[]) => columns.map((c) => `${a}.${c} = ${b}.${c}`).join(" AND ");
const tuple = (alias: string, columns: readonly string[]) => `(${columns.map((c) => `${alias}.${c}`).join(", ")})`;
const texts = (alias: string, columns: readonly string[]) => `json_build_array(${columns.map((c) => `${alias}.${c}::text`).join(", ")})`;

async function compareKeyed(client: pg.ClientBase, spec: TableSpec, key: readonly string[], names: Names, samples: number): Promise<TableReport> {
  const joined = `FROM ${spec.table} l FULL JOIN ${scratch(spec.table)} r ON ${eq("l", "r", key)}`;
  const same = `(l.ctid IS NOT NULL AND r.ctid IS NOT NULL AND ${tuple("l", spec.columns)} IS NOT DISTINCT FROM ${tuple("r", spec.columns)})`;
  const [counts, rows] = await Promise.all([
    client.query<{ live: number; rebuilt: number; compared: number; differing: number }>(`
      SELECT count(l.ctid)::int AS live, count(r.ctid)::int AS rebuilt, count(*)::int AS compared, count(*) FILTER (WHERE NOT ${same})::int AS differing ${joined}`),
    client.query<{ key: string[]; live: string[] | null; rebuilt: string[] | null }>(`
      SELECT json_build_array(${key.map((c) => `coalesce(l.${c}, r.${c})::text`).join(", ")}) AS key,
             CASE WHEN l.ctid IS NULL THEN NULL ELSE ${texts("l", spec.columns)} END AS live,
             CASE WHEN r.ctid IS NULL THEN NULL ELSE ${texts("r", spec.columns)} END AS rebuilt
        ${joined} WHERE NOT ${same} ORDER BY ${key.map((c) => `coalesce(l.${c}, r.${c})`).join(", ")} LIMIT ${samples}`),
  ]);
  return {
    table: spec.table,
    ...counts.rows[0],
    samples: rows.rows.map((row) => `${spec.table} ${describe(key, row.key, names)}: ${side("live", spec.columns, row.live, names)}; ${side("rebuilt", spec.columns, row.rebuilt, names)}`),
    swappable: spec.swappable,
  };
}

async function compareLines(client: pg.ClientBase, spec: TableSpec, names: Names, samples: number): Promise<TableReport> {
  const list = spec.columns.join(", ");
  const onlyIn = (a: string, b: string) => `SELECT ${list} FROM ${a} EXCEPT ALL SELECT ${list} FROM ${b}`;
  const { rows } = await client.query<{ side: "live" | "rebuilt"; n: number; sample: string[][] | null; total: number }>(`
    WITH live_only AS (${onlyIn(spec.table, scratch(spec.table))}), rebuilt_only AS (${onlyIn(scratch(spec.table), spec.table)})
    SELECT 'live' AS side, (SELECT count(*) FROM live_only)::int AS n, (SELECT count(*) FROM ${spec.table})::int AS total,
           (SELECT json_agg(${texts("s", spec.columns)}) FROM (SELECT * FROM live_only ORDER BY seq LIMIT ${samples}) s) AS sample
    UNION ALL
    SELECT 'rebuilt', (SELECT count(*) FROM rebuilt_only)::int, (SELECT count(*) FROM ${scratch(spec.table)})::int,
           (SELECT json_agg(${texts("s", spec.columns)}) FROM (SELECT * FROM rebuilt_only ORDER BY seq LIMIT ${samples}) s)`);
  const live = rows.find((row) => row.side === "live");
  const rebuilt = rows.find((row) => row.side === "rebuilt");
  const sample = (row: typeof live, where: string) =>
    (row?.sample ?? []).map((values) => `${spec.table} ${describe(spec.columns, values, names)}: only in ${where}`);
  return {
    table: spec.table,
    live: live?.total ?? 0,
    rebuilt: rebuilt?.total ?? 0,
    compared: Math.max(live?.total ?? 0, rebuilt?.total ?? 0),
    differing: (live?.n ?? 0) + (rebuilt?.n ?? 0),
    samples: [...sample(live, "live"), ...sample(rebuilt, "the rebuild")].slice(0, samples),
    swappable: spec.swappable,
  };
}

/** `sku=T-FIFO location=WH-EAST state=AVAILABLE bin=A-01`: ids as codes; empty parts of a key left out. */
function describe(columns: readonly string[], values: (string | null)[], names: Names, keepEmpty = false): string {
  return columns
    .map((column, i) => {
      const value = values[i];
      if (!keepEmpty && (value === null || value === "")) return null;
      if (value === null) return `${column}=null`;
      const name = column === "sku_id" ? names.sku.get(value) : column === "location_id" ? names.location.get(value) : column === "channel_id" ? names.channel.get(value) : undefined;
      return `${column.replace(/_id$/, "")}=${name ?? value}`;
    })
    .filter((part) => part !== null)
    .join(" ");
}

function side(label: string, columns: readonly string[], values: (string | null)[] | null, names: Names): string {
  return values ? `${label} ${describe(columns, values, names, true)}` : `${label}: no row`;
}

/**
 * The scratch copy of every table: unlogged, its columns only (no constraints,
 * indexes or defaults; journal_line's id is left out, it would draw on the live
 * sequence). Plain tables, not temporary ones: two sessions fill them from one
 * snapshot, and the swap reads them in a transaction of its own.
 */
export function scratchDdl(): string[] {
  return [...dropScratchDdl(), ...TABLES.map((spec) => `CREATE UNLOGGED TABLE ${scratch(spec.table)} AS SELECT ${columnsOf(spec).join(", ")} FROM ${spec.table} WITH NO DATA`)];
}

export function dropScratchDdl(): string[] {
  return TABLES.map((spec) => `DROP TABLE IF EXISTS ${scratch(spec.table)}`);
}
