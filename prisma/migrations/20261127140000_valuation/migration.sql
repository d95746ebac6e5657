-- Valuation (inventory-model §5–§7): the SKU's cost pool and its FIFO layers,
-- value held outside the pool on documents, what can be invoiced, and the
-- double-entry journal. All of it is written in the transaction that posts the
-- event, from costs fixed at that moment, so a posted line never changes.

-- One pool per SKU across all locations: the valued units (RECEIVING, AVAILABLE,
-- RESERVED, PICKED, PACKED, QUALITY_HOLD, DAMAGED, REJECTED, TRANSFER_TRANSIT).
-- unit_cost is the current cost: the newest FIFO layer's, the running average,
-- or the standard.
CREATE TABLE cost_pool (
  sku_id     uuid PRIMARY KEY,
  qty        integer NOT NULL DEFAULT 0 CONSTRAINT cost_pool_qty_not_negative CHECK (qty >= 0),
  value      numeric(20, 2) NOT NULL DEFAULT 0,
  unit_cost  numeric(20, 4),
  last_seq   bigint NOT NULL
);

-- FIFO layers, consumed oldest receipt first (received_at, then seq).
CREATE TABLE cost_layer (
  id          uuid PRIMARY KEY,
  sku_id      uuid NOT NULL,
  seq         bigint NOT NULL,
  received_at timestamptz(3) NOT NULL,
  unit_cost   numeric(20, 4) NOT NULL,
  qty_in      integer NOT NULL,
  value_in    numeric(20, 2) NOT NULL,
  qty_left    integer NOT NULL CONSTRAINT cost_layer_qty_not_negative CHECK (qty_left >= 0),
  value_left  numeric(20, 2) NOT NULL
);
CREATE INDEX cost_layer_open_idx ON cost_layer (sku_id, received_at, seq) WHERE qty_left > 0;
CREATE INDEX cost_layer_sku_idx ON cost_layer (sku_id, received_at);

-- Every change to a layer, dated by its event's business time: a layer as of a
-- moment is the sum of its moves up to then.
CREATE TABLE layer_move (
  layer_id    uuid NOT NULL,
  sku_id      uuid NOT NULL,
  seq         bigint NOT NULL,
  occurred_at timestamptz(3) NOT NULL,
  qty         integer NOT NULL,
  value       numeric(20, 2) NOT NULL,
  PRIMARY KEY (layer_id, seq)
);
CREATE INDEX layer_move_sku_idx ON layer_move (sku_id, occurred_at);

-- Value held on a document, outside the pool: inbound goods owned in transit at
-- PO cost (po_transit), outbound goods in transit on their order line
-- (line_transit), the cost each order line left at the customer (line_customer)
-- and what a return brings back once inspected (rma; rma_open for a return
-- without an order line, valued at inspection).
CREATE TABLE cost_holding (
  sku_id      uuid NOT NULL,
  kind        text NOT NULL CONSTRAINT cost_holding_kind CHECK (kind IN ('po_transit', 'line_transit', 'line_customer', 'rma', 'rma_open')),
  doc         text NOT NULL,
  location_id uuid NOT NULL,
  qty         integer NOT NULL CONSTRAINT cost_holding_qty_not_negative CHECK (qty >= 0),
  value       numeric(20, 2) NOT NULL,
  PRIMARY KEY (sku_id, kind, doc)
);

-- What a PO (or a drop ship, by its reference) booked to GRNI, and how much of
-- it suppliers invoiced: an invoice may not exceed booked − invoiced.
CREATE TABLE invoice_match (
  sku_id       uuid NOT NULL,
  doc          text NOT NULL,
  location_id  uuid NOT NULL,
  unit_cost    numeric(20, 4) NOT NULL,
  booked_qty   integer NOT NULL DEFAULT 0,
  invoiced_qty integer NOT NULL DEFAULT 0,
  CONSTRAINT invoice_match_not_over CHECK (booked_qty >= 0 AND invoiced_qty >= 0 AND invoiced_qty <= booked_qty),
  PRIMARY KEY (sku_id, doc)
);

CREATE TABLE journal_line (
  id          bigserial PRIMARY KEY,
  seq         bigint NOT NULL,
  group_id    uuid NOT NULL,
  sku_id      uuid NOT NULL,
  location_id uuid NOT NULL,
  account     text NOT NULL CONSTRAINT journal_line_account CHECK (account IN (
                'inventory', 'inventory_in_transit', 'grni', 'accounts_payable', 'cogs',
                'purchase_price_variance', 'writeoff_expense', 'shrinkage', 'revaluation')),
  debit       numeric(20, 2) NOT NULL DEFAULT 0,
  credit      numeric(20, 2) NOT NULL DEFAULT 0,
  occurred_at timestamptz(3) NOT NULL,
  doc         text NOT NULL DEFAULT '',
  CONSTRAINT journal_line_one_side CHECK (debit >= 0 AND credit >= 0 AND (debit = 0 OR credit = 0))
);
CREATE INDEX journal_line_sku_idx ON journal_line (sku_id, occurred_at);
CREATE INDEX journal_line_time_idx ON journal_line (occurred_at, id);
CREATE INDEX journal_line_seq_idx ON journal_line (seq);

CREATE FUNCTION valuation_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'object_not_in_prerequisite_state';
END $$;
CREATE TRIGGER journal_line_no_update BEFORE UPDATE OR DELETE ON journal_line
  FOR EACH ROW EXECUTE FUNCTION valuation_is_append_only();
CREATE TRIGGER journal_line_no_truncate BEFORE TRUNCATE ON journal_line
  FOR EACH STATEMENT EXECUTE FUNCTION valuation_is_append_only();

-- Per-day sums of the journal, so a figure as of a moment reads days, not lines.
CREATE TABLE journal_day (
  sku_id      uuid NOT NULL,
  location_id uuid NOT NULL,
  account     text NOT NULL,
  day         date NOT NULL,
  debit       numeric(20, 2) NOT NULL DEFAULT 0,
  credit      numeric(20, 2) NOT NULL DEFAULT 0,
  PRIMARY KEY (sku_id, day, account, location_id)
);

-- What closing a month stored: the valuation at its end, per SKU and location,
-- and the journal's trial balance. Never changed afterwards.
CREATE TABLE period_valuation (
  period      text NOT NULL,
  sku_id      uuid NOT NULL,
  location_id uuid NOT NULL,
  owned       integer NOT NULL,
  valued      integer NOT NULL,
  value       numeric(20, 2) NOT NULL,
  PRIMARY KEY (period, sku_id, location_id)
);

CREATE TABLE period_trial_balance (
  period  text NOT NULL,
  account text NOT NULL,
  debit   numeric(20, 2) NOT NULL,
  credit  numeric(20, 2) NOT NULL,
  PRIMARY KEY (period, account)
);

CREATE TRIGGER period_valuation_no_update BEFORE UPDATE OR DELETE ON period_valuation
  FOR EACH ROW EXECUTE FUNCTION valuation_is_append_only();
CREATE TRIGGER period_trial_balance_no_update BEFORE UPDATE OR DELETE ON period_trial_balance
  FOR EACH ROW EXECUTE FUNCTION valuation_is_append_only();
