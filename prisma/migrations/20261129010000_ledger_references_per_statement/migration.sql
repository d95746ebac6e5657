-- The ledger's references (its SKU, locations, channel, actor and approval) are
-- checked once per statement instead of once per row. A foreign key checks each
-- inserted row on its own, one lookup per reference, each with its own executor
-- start: for a batch of 1,000 events that was 5,000 lookups and about a quarter
-- of the server's CPU for the whole batch. Checked per statement, an insert of
-- 1,000 rows took about 22 ms instead of 46-56 ms; one of a few rows costs about
-- the same as before, a single row about 0.1 ms more (the trigger's own start).
-- The rule is unchanged: a ledger row names only rows that exist, and a row the
-- ledger names is never deleted and never changes its id.
--
-- Inserting: every statement's new rows are checked together, after the
-- statement (as a foreign key is). The rows they name are locked FOR KEY SHARE,
-- as a foreign key locks them, so a concurrent delete waits for the inserting
-- transaction and then finds the rows that name them. A missing row is refused
-- with SQLSTATE 23503 (foreign_key_violation), naming the foreign key that used
-- to hold the rule (ledger_event_sku_id_fkey, ...) and the missing key.
--
-- A statement-level trigger of a partitioned table fires for statements that
-- name it, not for rows written into one partition directly, so every partition
-- has the same trigger of its own (ledger_event_add_partition adds it to the
-- partitions it makes).
--
-- Deleting or re-keying a row the ledger names: refused by a trigger on each
-- named table, as the foreign key refused it.
--
-- The check runs as the role inserting the events, which must be allowed to lock
-- the rows they name (FOR KEY SHARE needs UPDATE on the named tables; the one role
-- Concord connects as owns them all). Running it as the owner instead (SECURITY
-- DEFINER with its own search_path) made every single-row insert about 0.05 ms
-- dearer: a function with its own settings saves and restores them on every call.
-- The trigger on the named tables runs as their owner: deletes are rare.
ALTER TABLE ledger_event
  DROP CONSTRAINT ledger_event_sku_id_fkey,
  DROP CONSTRAINT ledger_event_location_id_fkey,
  DROP CONSTRAINT ledger_event_to_location_id_fkey,
  DROP CONSTRAINT ledger_event_channel_id_fkey,
  DROP CONSTRAINT ledger_event_actor_id_fkey,
  DROP CONSTRAINT ledger_event_approval_id_fkey;

CREATE FUNCTION ledger_event_check_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing record;
BEGIN
  -- Each CTE locks what it finds; the anti-joins read every row of them, so every
  -- named row is locked before the statement ends, missing or not.
  WITH skus AS (SELECT id FROM sku WHERE id IN (SELECT sku_id FROM added) FOR KEY SHARE),
       locations AS (SELECT id FROM location WHERE id IN (SELECT location_id FROM added UNION SELECT to_location_id FROM added) FOR KEY SHARE),
       channels AS (SELECT id FROM channel WHERE id IN (SELECT channel_id FROM added) FOR KEY SHARE),
       actors AS (SELECT id FROM app_user WHERE id IN (SELECT actor_id FROM added) FOR KEY SHARE),
       approvals AS (SELECT id FROM approval_request WHERE id IN (SELECT approval_id FROM added) FOR KEY SHARE)
  SELECT m.col, m.id INTO missing FROM (
    SELECT 'sku_id' AS col, a.sku_id AS id FROM added a WHERE a.sku_id IS NOT NULL AND a.sku_id NOT IN (SELECT id FROM skus)
    UNION ALL
    SELECT 'location_id', a.location_id FROM added a WHERE a.location_id IS NOT NULL AND a.location_id NOT IN (SELECT id FROM locations)
    UNION ALL
    SELECT 'to_location_id', a.to_location_id FROM added a WHERE a.to_location_id IS NOT NULL AND a.to_location_id NOT IN (SELECT id FROM locations)
    UNION ALL
    SELECT 'channel_id', a.channel_id FROM added a WHERE a.channel_id IS NOT NULL AND a.channel_id NOT IN (SELECT id FROM channels)
    UNION ALL
    SELECT 'actor_id', a.actor_id FROM added a WHERE a.actor_id NOT IN (SELECT id FROM actors)
    UNION ALL
    SELECT 'approval_id', a.approval_id FROM added a WHERE a.approval_id IS NOT NULL AND a.approval_id NOT IN (SELECT id FROM approvals)
  ) m LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'insert or update on table "ledger_event" violates foreign key constraint "ledger_event_%_fkey"', missing.col
      USING ERRCODE = 'foreign_key_violation', TABLE = 'ledger_event', CONSTRAINT = format('ledger_event_%s_fkey', missing.col),
            DETAIL = format('Key (%s)=(%s) is not present.', missing.col, missing.id);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER ledger_event_references AFTER INSERT ON ledger_event
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION ledger_event_check_references();
DO $$
DECLARE
  part regclass;
BEGIN
  FOR part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'ledger_event'::regclass LOOP
    EXECUTE format('CREATE TRIGGER ledger_event_references AFTER INSERT ON %s REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION ledger_event_check_references()', part);
  END LOOP;
END $$;

-- A row the ledger names keeps its id and is never deleted. The argument is the
-- condition that finds the ledger rows naming it ($1: its id).
CREATE FUNCTION ledger_event_named() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  named boolean;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN
    RETURN NEW;
  END IF;
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM ledger_event WHERE %s)', TG_ARGV[0]) INTO named USING OLD.id;
  IF named THEN
    RAISE EXCEPTION 'update or delete on table "%" violates foreign key constraint "ledger_event_%_fkey" on table "ledger_event"', TG_TABLE_NAME, TG_ARGV[1]
      USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME,
            DETAIL = format('Key (id)=(%s) is still referenced from table "ledger_event".', OLD.id);
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER sku_named_by_ledger BEFORE DELETE OR UPDATE OF id ON sku
  FOR EACH ROW EXECUTE FUNCTION ledger_event_named('sku_id = $1', 'sku_id');
CREATE TRIGGER location_named_by_ledger BEFORE DELETE OR UPDATE OF id ON location
  FOR EACH ROW EXECUTE FUNCTION ledger_event_named('location_id = $1 OR to_location_id = $1', 'location_id');
CREATE TRIGGER channel_named_by_ledger BEFORE DELETE OR UPDATE OF id ON channel
  FOR EACH ROW EXECUTE FUNCTION ledger_event_named('channel_id = $1', 'channel_id');
CREATE TRIGGER app_user_named_by_ledger BEFORE DELETE OR UPDATE OF id ON app_user
  FOR EACH ROW EXECUTE FUNCTION ledger_event_named('actor_id = $1', 'actor_id');
CREATE TRIGGER approval_request_named_by_ledger BEFORE DELETE OR UPDATE OF id ON approval_request
  FOR EACH ROW EXECUTE FUNCTION ledger_event_named('approval_id = $1', 'approval_id');

-- As made by 20261127160000_ledger_partitions, plus the reference check on each partition it makes.
CREATE OR REPLACE FUNCTION ledger_event_add_partition(moment timestamptz) RETURNS boolean
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
  EXECUTE format('CREATE TRIGGER ledger_event_references AFTER INSERT ON ledger_partitions.%I REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION ledger_event_check_references()', name);
  RETURN true;
END $$;
