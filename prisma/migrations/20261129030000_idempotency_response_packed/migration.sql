-- A large stored answer (a batch's, about 1.25 MB for 1,000 events) is kept
-- gzipped by the app in response_packed instead of as text: PostgreSQL's own
-- compression of that text took 10-20 ms at the end of every batch, with the batch's
-- locks held, where gzip at level 1 takes about 3 ms off the database. The column
-- is stored as it comes (EXTERNAL): compressing it again would gain nothing.
-- An answer is kept one way or the other, never both.
ALTER TABLE idempotency_record ADD COLUMN response_packed bytea;
ALTER TABLE idempotency_record ALTER COLUMN response_packed SET STORAGE EXTERNAL;
ALTER TABLE idempotency_record ADD CONSTRAINT idempotency_record_one_answer CHECK (response IS NULL OR response_packed IS NULL);
