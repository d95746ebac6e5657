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

/** The keys whose live and rebuilt rows differ, or that one side lacks. */
export function differingKeys(spec: TableSpec, key: readonly string[]): string {
  const same = `(l.ctid IS NOT NULL AND r.ctid IS NOT NULL AND ${tuple("l", spec.columns)} IS NOT DISTINCT FROM ${tuple("r", spec.columns)})`;
  return `SELECT ${key.map((c) => `coalesce(l.${c}, r.${c}) AS ${c}`).join(", ")}
            FROM ${spec.table} l FULL JOIN ${scratch(spec.table)} r ON ${eq("l", "r", key)} WHERE NOT ${same}`;
}

async function compareKeyed(client: pg.ClientBase, spec: TableSpec, key: readonly string[], names: Names, samples: number): Promise<TableReport> {
  const joined = `FROM ${spec.table} l FULL JOIN ${scratch(spec.table)} r ON ${eq("l", "r", key)}`;
  const same = `(l.ctid IS NOT NULL AND r.ctid IS NOT NULL AND ${tuple("l", spec.columns)} IS NOT DISTINCT FROM ${tuple("r", spec.columns)})`;
  const { rows: [counts] } = await client.query<{ live: number; rebuilt: number; compared: number; differing: number }>(`
    SELECT count(l.ctid)::int AS live, count(r.ctid)::int AS rebuilt, count(*)::int AS compared, count(*) FILTER (WHERE NOT ${same})::int AS differing ${joined}`);
  // The join again only when something differs: an identical table costs one pass.
  const { rows } = counts.differing && samples ? await client.query<{ key: string[]; live: string[] | null; rebuilt: string[] | null }>(`
      SELECT json_build_array(${key.map((c) => `coalesce(l.${c}, r.${c})::text`).join(", ")}) AS key,
             CASE WHEN l.ctid IS NULL THEN NULL ELSE ${texts("l", spec.columns)} END AS live,
             CASE WHEN r.ctid IS NULL THEN NULL ELSE ${texts("r", spec.columns)} END AS rebuilt
        ${joined} WHERE NOT ${same} ORDER BY ${key.map((c) => `coalesce(l.${c}, r.${c})`).join(", ")} LIMIT ${samples}`) : { rows: [] };
  return {
    table: spec.table,
    ...counts,
    samples: rows.map((row) => `${spec.table} ${describe(key, row.key, names)}: ${side("live", spec.columns, row.live, names)}; ${side("rebuilt", spec.columns, row.rebuilt, names)}`),
    swappable: spec.swappable,
  };
}

/** Whole lines counted on each side in one aggregation: a line whose counts differ is in one table more often than in the other. */
async function compareLines(client: pg.ClientBase, spec: TableSpec, names: Names, samples: number): Promise<TableReport> {
  const list = spec.columns.join(", ");
  const { rows } = await client.query<{ live: number; rebuilt: number; differing: number; sample: [string[], number][] | null }>(`
    WITH counted AS (
      SELECT ${list}, sum(side)::int AS net
        FROM (SELECT ${list}, 1 AS side FROM ${spec.table} UNION ALL SELECT ${list}, -1 FROM ${scratch(spec.table)}) lines
       GROUP BY ${list}
    ), unequal AS MATERIALIZED (SELECT * FROM counted WHERE net <> 0)
    SELECT (SELECT count(*) FROM ${spec.table})::int AS live, (SELECT count(*) FROM ${scratch(spec.table)})::int AS rebuilt,
           (SELECT coalesce(sum(abs(net)), 0) FROM unequal)::int AS differing,
           (SELECT json_agg(json_build_array(${texts("u", spec.columns)}, u.net)) FROM (SELECT * FROM unequal ORDER BY seq LIMIT ${samples}) u) AS sample`);
  const [row] = rows;
  return {
    table: spec.table,
    live: row.live,
    rebuilt: row.rebuilt,
    compared: Math.max(row.live, row.rebuilt),
    differing: row.differing,
    samples: (row.sample ?? []).map(([values, net]) => `${spec.table} ${describe(spec.columns, values, names)}: only in ${net > 0 ? "live" : "the rebuild"}${Math.abs(net) > 1 ? ` (${Math.abs(net)} times)` : ""}`),
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
