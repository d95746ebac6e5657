// A SKU with a long history, written in bulk: the same rows the ledger service
// would write (a 7-step cycle PO → customer), and its projection built by SQL
// aggregation. The bench then checks it against a replay before timing reads.
import pg from "pg";

const CYCLE = [
  ["po.confirm", "SUPPLIER", "", "", "ON_ORDER", "", "PO"],
  ["receive", "ON_ORDER", "", "PO", "RECEIVING", "A-01", ""],
  ["inspect", "RECEIVING", "A-01", "", "AVAILABLE", "A-01", ""],
  ["reserve", "AVAILABLE", "A-01", "", "RESERVED", "A-01", "SO"],
  ["pick", "RESERVED", "A-01", "SO", "PICKED", "A-02", "SO"],
  ["pack", "PICKED", "A-02", "SO", "PACKED", "A-02", "SO"],
  ["ship", "PACKED", "A-02", "SO", "CUSTOMER", "", ""],
] as const;

export async function writeHistory(url: string, skuCode: string, events: number, days: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const values = CYCLE.map((c, i) => `(${i}, '${c.join("','")}')`).join(",");
  await client.query("BEGIN");
  await client.query(
    `INSERT INTO ledger_event (group_id, type, sku_id, qty, location_id, from_state, from_bin, from_doc, to_location_id, to_state, to_bin, to_doc, channel_id, occurred_at, actor_id, data)
     SELECT gen_random_uuid(), c.type, s.id, 5, l.id, c.from_state, c.from_bin, CASE c.from_doc WHEN '' THEN '' ELSE c.from_doc || '-' || (i / 7) END,
            l.id, c.to_state, c.to_bin, CASE c.to_doc WHEN '' THEN '' ELSE c.to_doc || '-' || (i / 7) END,
            CASE WHEN c.type IN ('reserve', 'pick', 'pack', 'ship') THEN ch.id END,
            now() - make_interval(days => $3) + (i::float / $2) * make_interval(days => $3) - interval '1 hour',
            '00000000-0000-4000-8000-000000000003', '{}'
     FROM generate_series(0, $2 - 1) i
     JOIN (VALUES ${values}) AS c(k, type, from_state, from_bin, from_doc, to_state, to_bin, to_doc) ON c.k = i % 7
     CROSS JOIN (SELECT id FROM sku WHERE code = $1) s
     CROSS JOIN (SELECT id FROM location WHERE code = 'WH-EAST') l
     CROSS JOIN (SELECT id FROM channel WHERE code = 'web') ch
     ORDER BY i`,
    [skuCode, events, days],
  );
  const sides = `
    SELECT sku_id, location_id, from_state AS state, from_bin AS bin, from_doc AS doc,
           CASE WHEN from_state IN ('RESERVED','PICKED','PACKED','OUTBOUND_TRANSIT') THEN coalesce(channel_id::text, '') ELSE '' END AS channel_id,
           -qty AS delta, seq, occurred_at FROM ledger_event WHERE sku_id = (SELECT id FROM sku WHERE code = $1)
    UNION ALL
    SELECT sku_id, to_location_id, to_state, to_bin, to_doc,
           CASE WHEN to_state IN ('RESERVED','PICKED','PACKED','OUTBOUND_TRANSIT') THEN coalesce(channel_id::text, '') ELSE '' END,
           qty, seq, occurred_at FROM ledger_event WHERE sku_id = (SELECT id FROM sku WHERE code = $1)`;
  await client.query(
    `INSERT INTO balance (sku_id, location_id, state, bin, doc, channel_id, qty, last_seq)
     SELECT sku_id, location_id, state, bin, doc, channel_id, sum(delta), max(seq) FROM (${sides}) m GROUP BY 1, 2, 3, 4, 5, 6`,
    [skuCode],
  );
  await client.query(
    `INSERT INTO balance_day (sku_id, location_id, state, bin, channel_id, day, delta)
     SELECT sku_id, location_id, state, bin, channel_id, (occurred_at AT TIME ZONE 'UTC')::date, sum(delta) FROM (${sides}) m GROUP BY 1, 2, 3, 4, 5, 6`,
    [skuCode],
  );
  await client.query("COMMIT");
  await client.query("ANALYZE");
  await client.end();
}
