-- Sign-in that resists attack, sessions that end when they should, tokens issued
-- by their owner, and an append-only audit log of every admin action.

-- A service account acts only through API tokens: it has no password and cannot sign in.
CREATE TYPE "UserKind" AS ENUM ('human', 'service');
ALTER TABLE app_user ADD COLUMN kind "UserKind" NOT NULL DEFAULT 'human';
ALTER TABLE app_user ALTER COLUMN password_hash DROP NOT NULL;
ALTER TABLE app_user ADD CONSTRAINT app_user_password_by_kind CHECK ((kind = 'human') = (password_hash IS NOT NULL));

-- One live token name per user, so a person can tell their tokens apart; a revoked
-- token's name may be reused (rotation).
CREATE UNIQUE INDEX api_token_live_name_key ON api_token (user_id, name) WHERE revoked_at IS NULL;

-- A server-side session per sign-in. The session cookie (a JWT) names its row; the
-- row must be live on every request, so signing out, a password reset, a role
-- change or a deactivation ends sessions at once, whatever copies of the cookie exist.
CREATE TABLE user_session (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    uuid NOT NULL REFERENCES app_user(id),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  expires_at timestamptz(3) NOT NULL,
  ended_at   timestamptz(3)
);
CREATE INDEX user_session_user_id_idx ON user_session (user_id) WHERE ended_at IS NULL;

-- Failed sign-ins, counted per account and per client address over a sliding
-- window; shared by every app process through the database.
CREATE TABLE sign_in_failure (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email     text NOT NULL,
  address   text NOT NULL,
  failed_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_failure_email_idx ON sign_in_failure (email, failed_at);
CREATE INDEX sign_in_failure_address_idx ON sign_in_failure (address, failed_at);

-- Who did what to which record, with the record before and after. Append-only,
-- like the ledger: the database refuses to edit or remove an entry.
CREATE TABLE audit_log (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at           timestamptz(3) NOT NULL DEFAULT now(),
  actor_id     uuid NOT NULL REFERENCES app_user(id),
  action       text NOT NULL,
  target_kind  text NOT NULL,
  target_id    text NOT NULL,
  target_label text NOT NULL,
  before       jsonb,
  after        jsonb
);
CREATE INDEX audit_log_target_idx ON audit_log (target_kind, target_id);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
