import "server-only";
import type pg from "pg";
import { position } from "@/lib/domain/positions";
import { ALL_STATES } from "@/lib/domain/states";

/**
 * The dimensions each state keeps, asked of the projection rule itself
 * (position()): a ledger row's bin, document and channel count only where its
 * state carries them, as legOf and posting apply them.
 */
function dimensions() {
  const keeps = (part: "bin" | "doc" | "channel") =>
    ALL_STATES.filter((state) => position("L", state, { bin: "x", doc: "x", channel: "x" })[part] === "x");
  return { binned: keeps("bin"), documented: keeps("doc"), channelled: keeps("channel") };
}

/**
 * Balances and per-day movements, recomputed by aggregation over the ledger: each
 * move takes qty from its from-position and adds it to its to-position; a
 * position's last_seq is the last row that touched it, a day is the UTC date of
 * the business time. `skus` limits it to those SKUs (null: all).
 */
export async function rebuildPositions(client: pg.ClientBase, skus: string[] | null): Promise<{ balances: number; days: number }> {
  const { binned, documented, channelled } = dimensions();
  const side = (prefix: "from" | "to", location: string, sign: string) => `
    SELECT sku_id, ${location} AS location_id, ${prefix}_state AS state,
           CASE WHEN ${prefix}_state = ANY($1::text[]) THEN ${prefix}_bin ELSE '' END AS bin,
           CASE WHEN ${prefix}_state = ANY($2::text[]) THEN ${prefix}_doc ELSE '' END AS doc,
           CASE WHEN ${prefix}_state = ANY($3::text[]) THEN coalesce(channel_id::text, '') ELSE '' END AS channel_id,
           ${sign}qty AS delta, seq, (occurred_at AT TIME ZONE 'UTC')::date AS day
      FROM ledger_event
     WHERE from_state IS NOT NULL AND ($4::uuid[] IS NULL OR sku_id = ANY($4::uuid[]))`;
  const sides = `${side("from", "location_id", "-")} UNION ALL ${side("to", "to_location_id", "")}`;
  const values = [binned, documented, channelled, skus];
  // Two aggregations over the ledger's rows rather than one materialised list of their sides: scanning the ledger twice costs less than spilling it.
  const balances = await client.query(`
    INSERT INTO balance_rebuild (sku_id, location_id, state, bin, doc, channel_id, qty, last_seq)
    SELECT sku_id, location_id, state, bin, doc, channel_id, sum(delta), max(seq) FROM (${sides}) m GROUP BY 1, 2, 3, 4, 5, 6`, values);
  const days = await client.query(`
    INSERT INTO balance_day_rebuild (sku_id, location_id, state, bin, channel_id, day, delta)
    SELECT sku_id, location_id, state, bin, channel_id, day, sum(delta) FROM (${sides}) m GROUP BY 1, 2, 3, 4, 5, 6`, values);
  return { balances: balances.rowCount ?? 0, days: days.rowCount ?? 0 };
}
