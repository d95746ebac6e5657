-- Positions tied to finished documents (shipped order lines, received POs) stay
-- at zero forever; reads of the live balances skip them through this index.
CREATE INDEX balance_nonzero_idx ON balance (sku_id) WHERE qty <> 0;
