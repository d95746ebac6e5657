-- Second round of indexes for the screens at 100x the demo, each found with
-- EXPLAIN ANALYZE on `npm run bench:screens`'s database.

-- A recent moment is read backward: the current balances less the per-day
-- movement after its day (stock grid and valuation as of a recent moment).
-- Those days are few; without this every read scanned the whole of balance_day.
CREATE INDEX balance_day_day_idx ON balance_day (day);

-- Units a location has shipped on transfers and not yet received, as of a
-- moment: the events into and out of TRANSFER_TRANSIT, a small slice of the
-- ledger that was found by scanning all of it.
CREATE INDEX ledger_event_transfer_in_idx ON ledger_event (sku_id, to_doc) INCLUDE (occurred_at, qty)
  WHERE to_state = 'TRANSFER_TRANSIT';
CREATE INDEX ledger_event_transfer_out_idx ON ledger_event (sku_id, from_doc) INCLUDE (occurred_at, qty)
  WHERE from_state = 'TRANSFER_TRANSIT';
