// Business days are UTC on every server. This file runs the process and its
// database sessions west of UTC, where a JS Date bound to `::date` lands on the
// previous day; the warehouse view must still match the ledger at every moment.
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectOk, ledgerFixture, type LedgerFixture } from "../helpers/ledger-fixture.ts";

const ZONE = "America/New_York";
const saved = { TZ: process.env.TZ, PGOPTIONS: process.env.PGOPTIONS };
process.env.TZ = ZONE;
process.env.PGOPTIONS = `-c TimeZone=${ZONE}`;

const HOUR = 3_600_000;
const today = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
const at = (daysAgo: number, hour: number) => new Date(today - daysAgo * 24 * HOUR + hour * HOUR);
const STOCKED = at(6, 12);
// Holds on several days, one of them early in a UTC day (the evening before, in New York).
const HOLDS = [
  { at: at(4, 12), qty: 1 },
  { at: at(3, 2), qty: 2 },
  { at: at(2, 12), qty: 3 },
];

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
  const common = { sku: "T-FIFO", qty: 10, location: "WH-EAST", occurredAt: STOCKED.toISOString() };
  expectOk(await f.post("finance", { type: "po.confirm", ...common, reference: "PO-TZ", unitCost: "5.00", eta: STOCKED.toISOString(), fob: "destination", supplier: "Acme" }));
  expectOk(await f.post("warehouse", { type: "receive", ...common, reference: "PO-TZ", bin: "A-01" }));
  expectOk(await f.post("warehouse", { type: "inspect", ...common, result: "pass", bin: "A-01" }));
  for (const hold of HOLDS) expectOk(await f.post("warehouse", { type: "hold", sku: "T-FIFO", qty: hold.qty, location: "WH-EAST", bin: "A-01", occurredAt: hold.at.toISOString() }));
});
afterAll(async () => {
  await f?.drop();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

it("runs in a zone west of UTC", () => {
  expect(new Date(today).getHours()).not.toBe(0);
});

it("the warehouse view as of any moment, read forward or backward, counts each day's events once", async () => {
  const { warehouseBalances } = await import("../../lib/server/views/balances.ts");
  const moments = [6, 5, 4, 3, 2, 1, 0].flatMap((daysAgo) => [1, 3, 11, 13, 23.99].map((hour) => at(daysAgo, hour))).filter((m) => m > STOCKED && m.getTime() < Date.now());
  for (const asOf of moments) {
    const held = HOLDS.filter((hold) => hold.at <= asOf).reduce((total, hold) => total + hold.qty, 0);
    const expected = { AVAILABLE: 10 - held, ...(held ? { QUALITY_HOLD: held } : {}) };
    for (const strategy of ["forward", "backward"] as const) {
      const view = await warehouseBalances("T-FIFO", { asOf, strategy });
      const east = view.locations.find((l) => l.location === "WH-EAST");
      expect({ asOf: asOf.toISOString(), strategy, states: east?.states }).toEqual({ asOf: asOf.toISOString(), strategy, states: expected });
    }
  }
});

it("reads times right through Prisma too: the app's sessions run in UTC whatever the server's zone", async () => {
  const { prisma } = await import("../../lib/server/db.ts");
  const { db, sql } = await import("../../lib/server/sql.ts");
  expect(await db.query(sql`SELECT current_setting('TimeZone') AS zone`)).toEqual([{ zone: "UTC" }]);
  const [first] = await prisma.$queryRawUnsafe<{ occurred_at: Date }[]>("SELECT occurred_at FROM ledger_event ORDER BY seq LIMIT 1");
  expect(first.occurred_at.toISOString()).toBe(STOCKED.toISOString());
});

it("stores each event's movement under its UTC day", async () => {
  const days = await f.query<{ day: string; delta: number }>(
    "SELECT to_char(day, 'YYYY-MM-DD') AS day, delta FROM balance_day bd JOIN sku s ON s.id = bd.sku_id WHERE s.code = 'T-FIFO' AND state = 'QUALITY_HOLD' ORDER BY day",
  );
  expect(days).toEqual(HOLDS.map((hold) => ({ day: hold.at.toISOString().slice(0, 10), delta: hold.qty })));
  expect(await f.verify()).toEqual([]);
});
