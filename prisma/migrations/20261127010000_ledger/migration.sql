-- The master record: an append-only ledger of unit movements, the balances
-- projected from it, approvals, closed periods and idempotency records.
CREATE TYPE "ApprovalStatus" AS ENUM ('pending', 'approved', 'rejected');

CREATE TABLE sku_policy (
  sku_id               uuid NOT NULL REFERENCES sku(id),
  location_id          uuid NOT NULL REFERENCES location(id),
  safety_stock         integer NOT NULL DEFAULT 0 CHECK (safety_stock >= 0),
  inspection_lead_days integer NOT NULL DEFAULT 0 CHECK (inspection_lead_days >= 0),
  write_off_value      numeric(14,2) NOT NULL DEFAULT 500 CHECK (write_off_value >= 0),
  count_variance_units integer NOT NULL DEFAULT 0 CHECK (count_variance_units >= 0),
  PRIMARY KEY (sku_id, location_id)
);

CREATE TABLE channel_allocation (
  sku_id      uuid NOT NULL REFERENCES sku(id),
  location_id uuid NOT NULL REFERENCES location(id),
  channel_id  uuid NOT NULL REFERENCES channel(id),
  qty         integer NOT NULL CHECK (qty >= 0),
  PRIMARY KEY (sku_id, location_id, channel_id)
);

CREATE TABLE approval_request (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  type          text NOT NULL,
  status        "ApprovalStatus" NOT NULL DEFAULT 'pending',
  sku_id        uuid REFERENCES sku(id),
  requested_by  uuid NOT NULL REFERENCES app_user(id),
  requested_at  timestamptz(3) NOT NULL DEFAULT now(),
  decided_by    uuid REFERENCES app_user(id),
  decided_at    timestamptz(3),
  decision_note text,
  reason        text,
  qty           integer,
  amount        numeric(14,2),
  payload       jsonb NOT NULL,
  event_seq     bigint,
  CHECK ((status = 'pending') = (decided_by IS NULL)),
  CHECK (decided_by IS NULL OR decided_by <> requested_by)
);
CREATE INDEX approval_request_status_requested_at_idx ON approval_request(status, requested_at);

CREATE TABLE ledger_event (
  seq            bigserial PRIMARY KEY,
  id             uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
  type           text NOT NULL,
  sku_id         uuid REFERENCES sku(id),
  qty            integer NOT NULL CHECK (qty >= 0),
  location_id    uuid REFERENCES location(id),
  from_state     text,
  from_bin       text NOT NULL DEFAULT '',
  from_doc       text NOT NULL DEFAULT '',
  to_location_id uuid REFERENCES location(id),
  to_state       text,
  to_bin         text NOT NULL DEFAULT '',
  to_doc         text NOT NULL DEFAULT '',
  channel_id     uuid REFERENCES channel(id),
  occurred_at    timestamptz(3) NOT NULL,
  recorded_at    timestamptz(3) NOT NULL DEFAULT now(),
  actor_id       uuid NOT NULL REFERENCES app_user(id),
  reason         text,
  reference      text,
  data           jsonb NOT NULL DEFAULT '{}',
  approval_id    uuid REFERENCES approval_request(id),
  reverses_seq   bigint REFERENCES ledger_event(seq),
  -- A move names both positions and moves a positive quantity; a memo names neither.
  CONSTRAINT ledger_event_move_or_memo CHECK (
    (from_state IS NULL AND to_state IS NULL)
    OR (from_state IS NOT NULL AND to_state IS NOT NULL AND qty > 0
        AND sku_id IS NOT NULL AND location_id IS NOT NULL AND to_location_id IS NOT NULL
        AND (from_state <> to_state OR location_id <> to_location_id
             OR from_bin <> to_bin OR from_doc <> to_doc))
  )
);
CREATE INDEX ledger_event_sku_id_occurred_at_idx ON ledger_event(sku_id, occurred_at);
CREATE INDEX ledger_event_reference_idx ON ledger_event(reference);

-- Append-only, enforced where no code path can go around it.
CREATE FUNCTION ledger_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger_event is append-only: % refused (post a reversing event instead)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER ledger_event_no_update BEFORE UPDATE OR DELETE ON ledger_event
  FOR EACH ROW EXECUTE FUNCTION ledger_event_is_append_only();
CREATE TRIGGER ledger_event_no_truncate BEFORE TRUNCATE ON ledger_event
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_event_is_append_only();

CREATE TABLE balance (
  sku_id      uuid NOT NULL REFERENCES sku(id),
  location_id uuid NOT NULL REFERENCES location(id),
  state       text NOT NULL,
  bin         text NOT NULL DEFAULT '',
  doc         text NOT NULL DEFAULT '',
  channel_id  text NOT NULL DEFAULT '',
  qty         integer NOT NULL,
  last_seq    bigint NOT NULL,
  PRIMARY KEY (sku_id, location_id, state, bin, doc, channel_id),
  -- External positions are sources and sinks; every internal one stays at or above zero.
  CONSTRAINT balance_internal_not_negative
    CHECK (qty >= 0 OR state IN ('SUPPLIER', 'CUSTOMER', 'SCRAP', 'COUNT_ADJUSTMENT'))
);

CREATE TABLE balance_day (
  sku_id      uuid NOT NULL,
  location_id uuid NOT NULL,
  state       text NOT NULL,
  bin         text NOT NULL DEFAULT '',
  channel_id  text NOT NULL DEFAULT '',
  day         date NOT NULL,
  delta       integer NOT NULL,
  PRIMARY KEY (sku_id, day, location_id, state, bin, channel_id)
);

CREATE TABLE document (
  kind        text NOT NULL,
  ref         text NOT NULL,
  sku_id      uuid NOT NULL REFERENCES sku(id),
  location_id uuid NOT NULL REFERENCES location(id),
  channel_id  uuid REFERENCES channel(id),
  eta         timestamptz(3),
  fob         text CHECK (fob IS NULL OR fob IN ('shipping_point', 'destination')),
  unit_cost   numeric(14,4),
  party       text,
  created_seq bigint NOT NULL,
  PRIMARY KEY (kind, ref, sku_id)
);

CREATE TABLE period (
  period    text PRIMARY KEY CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  closed_at timestamptz(3) NOT NULL DEFAULT now(),
  closed_by uuid NOT NULL REFERENCES app_user(id)
);

CREATE TABLE idempotency_record (
  key          text NOT NULL,
  actor_id     uuid NOT NULL REFERENCES app_user(id),
  request_hash text NOT NULL,
  status       integer NOT NULL DEFAULT 0,
  response     jsonb,
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (actor_id, key)
);
