-- Units a PO shipped FOB shipping point has put in transit and not yet received,
-- as of a moment (owned units, finance/as-of.ts): the events out of
-- INBOUND_TRANSIT by PO, a small slice of the ledger that was found by reading
-- every event of the SKU. The same shape as the transfer indexes.
CREATE INDEX ledger_event_inbound_out_idx ON ledger_event (sku_id, from_doc) INCLUDE (occurred_at, qty, location_id)
  WHERE from_state = 'INBOUND_TRANSIT';
