-- Which locations serve each sales channel. A channel with no rows is served by
-- every location; with rows, a reservation on it is taken only at those.
CREATE TABLE channel_location (
  channel_id  uuid NOT NULL REFERENCES channel(id),
  location_id uuid NOT NULL REFERENCES location(id),
  PRIMARY KEY (channel_id, location_id)
);

-- Reservations refused for want of stock: the lost demand that forecasts need,
-- kept apart from the ledger (nothing moved).
CREATE TABLE demand_refusal (
  id          bigserial PRIMARY KEY,
  sku_id      uuid NOT NULL REFERENCES sku(id),
  location_id uuid NOT NULL REFERENCES location(id),
  channel_id  uuid NOT NULL REFERENCES channel(id),
  qty         integer NOT NULL CHECK (qty > 0),
  occurred_at timestamptz(3) NOT NULL,
  actor_id    uuid NOT NULL REFERENCES app_user(id),
  order_line  text
);
CREATE INDEX demand_refusal_sku_occurred_idx ON demand_refusal (sku_id, occurred_at);
