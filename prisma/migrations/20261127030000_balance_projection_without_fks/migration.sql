-- balance is a projection of ledger_event, whose own foreign keys already vouch for
-- every SKU and location it names; checking them again on each of a move's two
-- balance writes only costs time on the hot path.
ALTER TABLE balance DROP CONSTRAINT balance_sku_id_fkey;
ALTER TABLE balance DROP CONSTRAINT balance_location_id_fkey;
