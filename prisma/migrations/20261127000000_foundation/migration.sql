-- Users, API tokens and the catalogue: SKUs, locations with bins, sales channels.
CREATE TYPE "Role" AS ENUM ('sales', 'warehouse', 'finance', 'admin');
CREATE TYPE "CostingMethod" AS ENUM ('fifo', 'average', 'standard');
CREATE TYPE "LocationKind" AS ENUM ('warehouse', 'store');

CREATE TABLE app_user (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email         text NOT NULL UNIQUE CHECK (email = lower(email)),
  name          text NOT NULL,
  role          "Role" NOT NULL,
  password_hash text NOT NULL,
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE api_token (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id      uuid NOT NULL REFERENCES app_user(id),
  name         text NOT NULL,
  token_hash   text NOT NULL UNIQUE,
  prefix       text NOT NULL,
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  last_used_at timestamptz(3),
  revoked_at   timestamptz(3)
);
CREATE INDEX api_token_user_id_idx ON api_token(user_id);

CREATE TABLE sku (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code           text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9._-]{0,63}$'),
  name           text NOT NULL,
  category       text NOT NULL DEFAULT 'general',
  uom            text NOT NULL DEFAULT 'each',
  costing_method "CostingMethod" NOT NULL,
  standard_cost  numeric(14,4) CHECK (standard_cost IS NULL OR standard_cost >= 0),
  created_at     timestamptz(3) NOT NULL DEFAULT now(),
  CHECK (costing_method <> 'standard' OR standard_cost IS NOT NULL)
);

CREATE TABLE location (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code       text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9._-]{0,63}$'),
  name       text NOT NULL,
  kind       "LocationKind" NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE bin (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  location_id uuid NOT NULL REFERENCES location(id),
  code        text NOT NULL CHECK (code <> ''),
  UNIQUE (location_id, code)
);

CREATE TABLE channel (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code       text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
  name       text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
