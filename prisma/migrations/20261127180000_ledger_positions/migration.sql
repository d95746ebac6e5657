-- A SKU's internal positions that hold units, as the ledger reads them before
-- every event. Setting a position's quantity to zero leaves its old row
-- version's entry in balance_internal_nonzero_idx (qty is in its predicate)
-- until a vacuum, and order lines leave many such positions behind. A bitmap
-- scan visits every one of them each time; a plain index scan marks an entry
-- dead the first time it finds its row gone, so the next read skips it. Without
-- this, the read grew with the table (a fifth of it may be dead before
-- autovacuum runs) and posting slowed down month after month.
CREATE FUNCTION ledger_positions(p_sku uuid)
  RETURNS TABLE (location_id uuid, state text, bin text, doc text, channel_id text, qty int)
  LANGUAGE sql STABLE
  SET enable_bitmapscan = off
AS $$
  SELECT b.location_id, b.state, b.bin, b.doc, b.channel_id, b.qty FROM balance b
   WHERE b.sku_id = p_sku AND b.qty <> 0 AND b.state NOT IN ('SUPPLIER', 'CUSTOMER', 'SCRAP', 'COUNT_ADJUSTMENT')
$$;
