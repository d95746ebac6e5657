// npm run simulate flags.
import { parseArgs } from "node:util";

export type CliOptions = { skus: number; events: number; seed: number; months: number; concurrency: number; help: boolean };

export const USAGE = `npm run simulate -- [--skus N] [--events N] [--months N] [--seed N] [--concurrency N]

Posts a year of business through the domain service: every event type, month by
month, closing each month and checking every reconciliation identity of every SKU
at its end. Exits 1 if a close fails or any identity has an unexplained remainder.

  --skus N          SKUs in the catalogue (default 1000)
  --events N        events to post over the whole run, approximately (default 1000000)
  --months N        calendar months, ending with the last complete one (default 12)
  --seed N          random seed: the same seed gives the same business (default 2026)
  --concurrency N   SKUs posted at once, each its events in order (default 128); events
                    that arrive together share group transactions
  --help            this text

DATABASE_URL: a server to create a throwaway database on; unset, an embedded
PostgreSQL is started under .tmp/ and removed at the end.`;

export function parseOptions(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      skus: { type: "string", default: "1000" },
      events: { type: "string", default: "1000000" },
      months: { type: "string", default: "12" },
      seed: { type: "string", default: "2026" },
      concurrency: { type: "string", default: "128" },
      help: { type: "boolean", default: false },
    },
  });
  const whole = (name: keyof typeof values, min: number, max: number) => {
    const text = String(values[name]).replaceAll("_", "").replaceAll(",", "");
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}, not "${values[name]}"`);
    return value;
  };
  return {
    skus: whole("skus", 1, 100_000),
    events: whole("events", 1, 100_000_000),
    months: whole("months", 1, 120),
    seed: whole("seed", 0, 2 ** 31 - 1),
    concurrency: whole("concurrency", 1, 1000),
    help: Boolean(values.help),
  };
}
