-- The ledger keeps partitions two months ahead instead of a year. Every read of
-- the ledger that is not bounded in time (a SKU's trace, its history, "after t"
-- reads) is planned against every partition, empty or not: with a year of empty
-- months ahead, planning such a read cost several times running it. Events are
-- never dated more than minutes ahead, and each app process makes this month and
-- the next two when it starts and daily (lib/server/sql.ts), so a month's
-- partition still exists long before its first event.
--
-- Drops the empty partitions of months after those, as made by
-- 20261127160000_ledger_partitions. A partition holding any event stays.
DO $$
DECLARE
  part record;
  horizon timestamp := date_trunc('month', now() AT TIME ZONE 'UTC') + interval '3 months';
  empty boolean;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('concord ledger_event partitions'));
  FOR part IN
    SELECT c.relname, to_timestamp(substr(c.relname, 14), 'YYYY_MM')::timestamp AS month
      FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'ledger_event'::regclass AND c.relname ~ '^ledger_event_\d{4}_\d{2}$'
  LOOP
    CONTINUE WHEN part.month < horizon;
    EXECUTE format('SELECT NOT EXISTS (SELECT 1 FROM ledger_partitions.%I)', part.relname) INTO empty;
    IF empty THEN
      EXECUTE format('DROP TABLE ledger_partitions.%I', part.relname);
    END IF;
  END LOOP;
END $$;
