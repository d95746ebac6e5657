-- One request, one event group: every ledger row a request writes carries the
-- group's id, and a reversal undoes a whole group, once.
-- Rows written before groups existed are each a group of their own. Filling the new
-- columns is the migration's one write to the append-only table.
ALTER TABLE ledger_event DISABLE TRIGGER ledger_event_no_update;
ALTER TABLE ledger_event ADD COLUMN group_id uuid;
UPDATE ledger_event SET group_id = id;
ALTER TABLE ledger_event ALTER COLUMN group_id SET NOT NULL;
ALTER TABLE ledger_event ADD COLUMN reverses_group uuid;
UPDATE ledger_event r SET reverses_group = o.group_id FROM ledger_event o WHERE o.seq = r.reverses_seq;
ALTER TABLE ledger_event ENABLE TRIGGER ledger_event_no_update;
CREATE INDEX ledger_event_group_id_idx ON ledger_event(group_id);
CREATE INDEX ledger_event_reverses_group_idx ON ledger_event(reverses_group) WHERE reverses_group IS NOT NULL;

-- A group is reversed at most once, whatever any code path does.
CREATE TABLE reversal (
  group_id    uuid PRIMARY KEY,
  reversed_by uuid NOT NULL
);
INSERT INTO reversal (group_id, reversed_by)
  SELECT DISTINCT ON (reverses_group) reverses_group, group_id FROM ledger_event WHERE reverses_group IS NOT NULL ORDER BY reverses_group, seq;
ALTER TABLE ledger_event DROP COLUMN reverses_seq;

-- Units at the customer are kept per order line, so a return can never bring back
-- more than its line delivered: that position may not go below zero either.
ALTER TABLE balance ADD CONSTRAINT balance_customer_line_not_negative CHECK (state <> 'CUSTOMER' OR doc = '' OR qty >= 0);
DROP INDEX balance_nonzero_idx;
CREATE INDEX balance_internal_nonzero_idx ON balance (sku_id)
  WHERE qty <> 0 AND state NOT IN ('SUPPLIER', 'CUSTOMER', 'SCRAP', 'COUNT_ADJUSTMENT');

-- Approvals post exactly the legs they showed; when those no longer fit, the request says why.
ALTER TABLE approval_request ADD COLUMN event_group uuid;
ALTER TABLE approval_request ADD COLUMN stale_reason text;

-- A return reads what its order line left at the customer.
CREATE INDEX balance_customer_line_idx ON balance (sku_id, doc) WHERE state = 'CUSTOMER' AND doc <> '';
