-- Indexes for the screens at 100x the demo (4,000 SKUs, ~240,000 events), each
-- found with EXPLAIN ANALYZE on `npm run bench:screens`'s database.

-- "Today's events up to the moment" (on hand from balance_day plus the day's
-- rows: reconciliation, overview, valuation and stock as of a moment) read a
-- time range across every SKU; without this they scanned the whole ledger.
CREATE INDEX ledger_event_occurred_at_idx ON ledger_event (occurred_at);

-- Events of one type in a time range or over every SKU: shipments of the last 30
-- days and the latest counts (counts due), the traceability checks (receipts,
-- shipments), the overview's adjustments.
CREATE INDEX ledger_event_type_occurred_at_idx ON ledger_event (type, occurred_at);

-- The arrivals into one position, newest first: the work queues date each
-- position by the oldest arrival still in it (one lateral read per position).
CREATE INDEX ledger_event_arrival_idx ON ledger_event (sku_id, to_location_id, to_state, to_bin, to_doc, occurred_at DESC, seq DESC) INCLUDE (qty)
  WHERE to_state IS NOT NULL;

-- A SKU's events of a type by document: is this receipt's PO confirmed, this
-- shipment's line reserved (traceability)?
CREATE INDEX ledger_event_sku_type_doc_idx ON ledger_event (sku_id, type, to_doc);

-- A SKU's latest PO (its last known unit cost, for counts due by value).
CREATE INDEX document_sku_kind_created_idx ON document (sku_id, kind, created_seq);

-- Pending requests on a SKU's positions (units a queue item already asked to move).
CREATE INDEX approval_request_pending_sku_idx ON approval_request (sku_id) WHERE status = 'pending';
