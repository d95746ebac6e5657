-- The ledger partitioned by month of occurred_at (native range partitioning), so a
-- month's events sit together: old months can be archived, vacuumed and backed up as
-- whole tables, and a SKU's reads dated "after t" skip every earlier month.
--
-- Partitions live in their own schema, ledger_partitions, named ledger_event_YYYY_MM
-- (UTC months), plus ledger_event_default for any month that has none yet, so an
-- event is never refused for want of a partition. ledger_event_add_partition() makes
-- a month's partition (moving any rows the default partition holds for it); the app
-- calls ledger_event_add_partitions() when its pool starts (lib/server/sql.ts) to
-- keep a year ahead. See docs/operations.md.
--
-- A unique index of a partitioned table must contain the partition key, so the
-- primary key is (seq, occurred_at) and id is unique with occurred_at. seq stays
-- unique because it only ever comes from ledger_event_seq_seq; id from gen_random_uuid().

CREATE SCHEMA ledger_partitions;

CREATE TABLE ledger_event_by_month (LIKE ledger_event INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
  PARTITION BY RANGE (occurred_at);
CREATE TABLE ledger_partitions.ledger_event_default PARTITION OF ledger_event_by_month DEFAULT;

-- Every month that has events gets its partition before the rows move.
DO $$
DECLARE
  month timestamp;
BEGIN
  FOR month IN SELECT DISTINCT date_trunc('month', occurred_at AT TIME ZONE 'UTC') FROM ledger_event LOOP
    EXECUTE format('CREATE TABLE ledger_partitions.%I PARTITION OF ledger_event_by_month FOR VALUES FROM (%L) TO (%L)',
      'ledger_event_' || to_char(month, 'YYYY_MM'),
      to_char(month, 'YYYY-MM-DD"T"HH24:MI:SS"+00"'),
      to_char(month + interval '1 month', 'YYYY-MM-DD"T"HH24:MI:SS"+00"'));
  END LOOP;
END $$;

INSERT INTO ledger_event_by_month SELECT * FROM ledger_event;

-- The old table's indexes and foreign keys, made again on the partitioned table
-- (each index on every partition). The primary key and id's unique key change shape
-- and are made below.
CREATE TEMPORARY TABLE ledger_event_carried ON COMMIT DROP AS
  SELECT pg_get_indexdef(i.indexrelid) AS ddl FROM pg_index i
   WHERE i.indrelid = 'ledger_event'::regclass
     AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
  UNION ALL
  SELECT format('ALTER TABLE ledger_event ADD CONSTRAINT %I %s', conname, pg_get_constraintdef(oid)) FROM pg_constraint
   WHERE conrelid = 'ledger_event'::regclass AND contype = 'f';

-- The sequence outlives the old table: it keeps numbering the new one.
ALTER SEQUENCE ledger_event_seq_seq OWNED BY NONE;
DROP TABLE ledger_event;
ALTER TABLE ledger_event_by_month RENAME TO ledger_event;
ALTER SEQUENCE ledger_event_seq_seq OWNED BY ledger_event.seq;

ALTER TABLE ledger_event ADD CONSTRAINT ledger_event_pkey PRIMARY KEY (seq, occurred_at);
ALTER TABLE ledger_event ADD CONSTRAINT ledger_event_id_key UNIQUE (id, occurred_at);
DO $$
DECLARE
  statement text;
BEGIN
  FOR statement IN SELECT ddl FROM ledger_event_carried LOOP
    EXECUTE statement;
  END LOOP;
END $$;

-- Append-only, as before. Row triggers are cloned onto every partition; a TRUNCATE
-- trigger is not, so each partition gets its own (ledger_event_add_partition does
-- the same for partitions made later).
CREATE TRIGGER ledger_event_no_update BEFORE UPDATE OR DELETE ON ledger_event
  FOR EACH ROW EXECUTE FUNCTION ledger_event_is_append_only();
CREATE TRIGGER ledger_event_no_truncate BEFORE TRUNCATE ON ledger_event
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_event_is_append_only();
DO $$
DECLARE
  part regclass;
BEGIN
  FOR part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'ledger_event'::regclass LOOP
    EXECUTE format('CREATE TRIGGER ledger_event_no_truncate BEFORE TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION ledger_event_is_append_only()', part);
  END LOOP;
END $$;

-- The partition of the UTC month that contains `moment`, made if missing; true when
-- it was made. Rows the default partition holds for that month move into it (the
-- default partition is detached meanwhile, which drops its cloned append-only
-- triggers; attaching it again clones them back). SECURITY DEFINER: an application
-- role that does not own the table may still keep partitions ahead.
CREATE FUNCTION ledger_event_add_partition(moment timestamptz) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  month timestamp := date_trunc('month', moment AT TIME ZONE 'UTC');
  lo timestamptz := month AT TIME ZONE 'UTC';
  hi timestamptz := (month + interval '1 month') AT TIME ZONE 'UTC';
  name text := 'ledger_event_' || to_char(month, 'YYYY_MM');
  bounds text := format('FOR VALUES FROM (%L) TO (%L)',
    to_char(month, 'YYYY-MM-DD"T"HH24:MI:SS"+00"'), to_char(month + interval '1 month', 'YYYY-MM-DD"T"HH24:MI:SS"+00"'));
BEGIN
  IF to_regclass(format('ledger_partitions.%I', name)) IS NOT NULL THEN
    RETURN false;
  END IF;
  -- Two processes starting together: one makes it, the other finds it made.
  PERFORM pg_advisory_xact_lock(hashtext('concord ledger_event partitions'));
  IF to_regclass(format('ledger_partitions.%I', name)) IS NOT NULL THEN
    RETURN false;
  END IF;
  IF EXISTS (SELECT 1 FROM ledger_partitions.ledger_event_default WHERE occurred_at >= lo AND occurred_at < hi) THEN
    ALTER TABLE ledger_event DETACH PARTITION ledger_partitions.ledger_event_default;
    EXECUTE format('CREATE TABLE ledger_partitions.%I PARTITION OF ledger_event %s', name, bounds);
    EXECUTE format('INSERT INTO ledger_partitions.%I SELECT * FROM ledger_partitions.ledger_event_default WHERE occurred_at >= $1 AND occurred_at < $2', name)
      USING lo, hi;
    DELETE FROM ledger_partitions.ledger_event_default WHERE occurred_at >= lo AND occurred_at < hi;
    ALTER TABLE ledger_event ATTACH PARTITION ledger_partitions.ledger_event_default DEFAULT;
  ELSE
    EXECUTE format('CREATE TABLE ledger_partitions.%I PARTITION OF ledger_event %s', name, bounds);
  END IF;
  EXECUTE format('CREATE TRIGGER ledger_event_no_truncate BEFORE TRUNCATE ON ledger_partitions.%I FOR EACH STATEMENT EXECUTE FUNCTION ledger_event_is_append_only()', name);
  RETURN true;
END $$;

-- The partitions of `months` UTC months from the one containing `moment`; how many were made.
CREATE FUNCTION ledger_event_add_partitions(moment timestamptz, months integer) RETURNS integer
LANGUAGE sql SECURITY DEFINER SET search_path FROM CURRENT AS $$
  SELECT count(*) FILTER (WHERE made)::integer
    FROM generate_series(0, months - 1) AS i,
         LATERAL ledger_event_add_partition(((date_trunc('month', moment AT TIME ZONE 'UTC') + make_interval(months => i)) AT TIME ZONE 'UTC')) AS made;
$$;

-- Last month (events are back-dated), this month and a year ahead.
SELECT ledger_event_add_partitions(now() - interval '1 month', 14);
ANALYZE ledger_event;
