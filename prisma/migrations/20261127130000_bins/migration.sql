-- Bins can be removed once empty (history keeps the bin code as text, so an
-- empty bin's removal loses nothing). From then on no unit may be put into a
-- bin its location does not have: the ledger checks the code before it plans,
-- but from a cached list, so the database holds the rule itself. Only a row
-- that gains units is checked; taking units out of a bin never is.
CREATE FUNCTION balance_bin_exists() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.qty <= OLD.qty THEN
    RETURN NEW;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM bin WHERE location_id = NEW.location_id AND code = NEW.bin) THEN
    RAISE EXCEPTION 'balance_bin_unknown: location % has no bin %', NEW.location_id, NEW.bin
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END $$;

-- The removal (lib/server/catalogue/write.ts) takes balance in SHARE mode before
-- it checks the bin is empty, so a write in flight finishes first and is seen,
-- and a write after it runs this check against the bin's absence.
CREATE TRIGGER balance_bin_exists
  BEFORE INSERT OR UPDATE OF qty ON balance
  FOR EACH ROW WHEN (NEW.bin <> '' AND NEW.qty > 0)
  EXECUTE FUNCTION balance_bin_exists();
