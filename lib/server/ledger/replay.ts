import "server-only";
import { sql, type Db } from "@/lib/server/sql";
import { positionKey } from "@/lib/domain/positions";
import { dayOf } from "@/lib/domain/periods";
import { isState } from "@/lib/domain/states";
import { readRefs } from "./refs";
import { legOf } from "./store";

export type Mismatch = { table: "balance" | "balance_day"; sku: string; key: string; stored: number; replayed: number };

type MoveRow = Parameters<typeof legOf>[1] & { sku_id: string; occurred_at: Date };
type StoredRow = { sku_id: string; location_id: string; state: string; bin: string; doc: string; channel_id: string; qty: number };

/**
 * Rebuilds every balance from the ledger alone and compares it with the stored
 * projection (current balances and per-day movements). An empty list means the
 * projection is exactly what the ledger says.
 */
export async function verifyProjection(tx: Db): Promise<Mismatch[]> {
  const refs = await readRefs(tx);
  const [moves, stored, daily] = await Promise.all([
    tx.query<MoveRow>(sql`
      SELECT sku_id::text, location_id::text, to_location_id::text, from_state, to_state, from_bin, to_bin, from_doc, to_doc,
             channel_id::text, qty, occurred_at
      FROM ledger_event WHERE from_state IS NOT NULL ORDER BY seq`),
    tx.query<StoredRow>(sql`SELECT sku_id::text, location_id::text, state, bin, doc, channel_id, qty FROM balance WHERE qty <> 0`),
    tx.query<(Omit<StoredRow, "doc"> & { day: Date })>(sql`
      SELECT sku_id::text, location_id::text, state, bin, channel_id, day, delta AS qty FROM balance_day WHERE delta <> 0`),
  ]);
  const replayedBalances = new Map<string, number>();
  const replayedDaily = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, delta: number) => map.set(key, (map.get(key) ?? 0) + delta);
  for (const move of moves) {
    const leg = legOf(refs, move);
    const day = dayOf(move.occurred_at);
    for (const [pos, delta] of [[leg.from, -leg.qty], [leg.to, leg.qty]] as const) {
      add(replayedBalances, `${move.sku_id}#${positionKey(pos)}`, delta);
      add(replayedDaily, `${move.sku_id}|${day}|${pos.location}|${pos.state}|${pos.bin}|${pos.channel}`, delta);
    }
  }
  const code = (id: string) => refs.locationCodeById.get(id) ?? id;
  const channel = (id: string) => (id ? (refs.channelCodeById.get(id) ?? id) : "");
  const mismatches: Mismatch[] = [];
  compare(
    "balance",
    new Map(stored.map((row) => {
      if (!isState(row.state)) throw new Error(`unknown state ${row.state}`);
      const key = positionKey({ location: code(row.location_id), state: row.state, bin: row.bin, doc: row.doc, channel: channel(row.channel_id) });
      return [`${row.sku_id}#${key}`, row.qty];
    })),
    new Map([...replayedBalances].filter(([, qty]) => qty !== 0)),
    mismatches,
  );
  compare(
    "balance_day",
    new Map(daily.map((row) => [`${row.sku_id}|${dayOf(row.day)}|${code(row.location_id)}|${row.state}|${row.bin}|${channel(row.channel_id)}`, row.qty])),
    new Map([...replayedDaily].filter(([, qty]) => qty !== 0)),
    mismatches,
  );
  return mismatches;
}

function compare(table: Mismatch["table"], stored: Map<string, number>, replayed: Map<string, number>, out: Mismatch[]) {
  for (const key of new Set([...stored.keys(), ...replayed.keys()])) {
    const a = stored.get(key) ?? 0;
    const b = replayed.get(key) ?? 0;
    if (a !== b) out.push({ table, sku: key.split(/[#|]/)[0], key, stored: a, replayed: b });
  }
}
