// Issue 6 item 7, generated from the permission table: every (role, event type) pair
// the table does not allow is refused with 403 and writes nothing — no ledger row, no
// idempotency record, no approval request. Each body is valid at that point of the
// lifecycle (the owner posts it right after), so the refusal is about the role alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledgerFixture, stock, type Call, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { EVENT_RULES, EVENT_TYPES, type EventType } from "../../lib/domain/event-types.ts";
import { can, ROLES, type Role } from "../../lib/domain/roles.ts";

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
  await stock(f, "T-STD", 30, { bin: "A-01" });
});
afterAll(() => f?.drop());

const at = { sku: "T-STD", location: "WH-EAST" };
const closable = `${new Date().getUTCFullYear() - 1}-02`;

/** One valid body per type, in an order in which each one can post after the ones before. */
const LIFECYCLE: [EventType, Record<string, unknown>][] = [
  ["po.confirm", { ...at, qty: 5, reference: "PO-M", unitCost: "1.00", eta: "2026-12-30T00:00:00Z", fob: "destination", supplier: "Acme" }],
  ["po.ship", { ...at, qty: 5, reference: "PO-M" }],
  ["receive", { ...at, qty: 5, reference: "PO-M" }],
  ["inspect", { ...at, qty: 1, result: "reject" }],
  ["vendor.return", { ...at, qty: 1 }],
  ["reserve", { ...at, qty: 3, channel: "web", orderLine: "SO-M/1" }],
  ["release", { ...at, qty: 1, orderLine: "SO-M/1" }],
  ["pick", { ...at, qty: 2, orderLine: "SO-M/1" }],
  ["pack", { ...at, qty: 2, orderLine: "SO-M/1" }],
  ["ship", { ...at, qty: 2, orderLine: "SO-M/1", fob: "destination" }],
  ["deliver", { ...at, qty: 2, orderLine: "SO-M/1" }],
  ["return.receive", { ...at, qty: 1, rma: "RMA-M", orderLine: "SO-M/1" }],
  ["return.inspect", { ...at, qty: 1, rma: "RMA-M", result: "restock" }],
  ["hold", { ...at, qty: 1 }],
  ["hold.release", { ...at, qty: 1 }],
  ["damage", { ...at, qty: 2, fromState: "AVAILABLE" }],
  ["writeoff", { ...at, qty: 1 }],
  ["transfer.ship", { ...at, qty: 1, toLocation: "WH-WEST", transfer: "TR-M" }],
  ["transfer.receive", { sku: "T-STD", location: "WH-WEST", qty: 1, transfer: "TR-M" }],
  ["count", { sku: "T-STD", location: "WH-WEST", countedQty: 1 }],
  ["dropship", { ...at, qty: 1, unitCost: "3.00", channel: "web", orderLine: "DS-M/1" }],
  ["invoice.match", { ...at, qty: 1, reference: "PO-M", unitCost: "1.00" }],
  ["cost.change", { sku: "T-STD", standardCost: "7.00" }],
  ["period.close", { period: closable }],
];

async function written() {
  const [row] = await f.query<{ ledger: number; keys: number; approvals: number }>(`
    SELECT (SELECT count(*)::int FROM ledger_event) AS ledger, (SELECT count(*)::int FROM idempotency_record) AS keys,
           (SELECT count(*)::int FROM approval_request) AS approvals`);
  return row;
}

async function expectRefusedWithNothingWritten(role: Role, body: Record<string, unknown>) {
  const before = await written();
  const response = await f.post(role, body);
  expect([response.status, response.body.code], JSON.stringify(response.body)).toEqual([403, "forbidden"]);
  expect(await written()).toEqual(before);
}

const allowed = (type: EventType) => ROLES.filter((role) => can(role, EVENT_RULES[type].permission));
const refused = (type: EventType) => ROLES.filter((role) => !can(role, EVENT_RULES[type].permission));
const seqs = new Map<EventType, number>();

it("the lifecycle covers every event type of the table", () => {
  expect(LIFECYCLE.map(([type]) => type).sort()).toEqual([...EVENT_TYPES].sort());
});

describe.each(LIFECYCLE)("%s", (type, rest) => {
  const body = { type, ...rest };
  it.each(refused(type))(`is refused for %s: 403, nothing written`, async (role) => {
    await expectRefusedWithNothingWritten(role, body);
  });
  it(`is accepted for ${allowed(type)[0]}`, async () => {
    const response: Call = await f.post(allowed(type)[0], body);
    expect([201, 202], JSON.stringify(response.body)).toContain(response.status);
    if (response.status === 201) seqs.set(type, (response.body.event as { seq: number }).seq);
  });
});

// A reversal needs the permission of the type it reverses.
const REVERSED: EventType[] = ["po.confirm", "receive", "reserve", "pick", "return.receive", "hold", "damage", "transfer.ship", "dropship"];

describe.each(REVERSED)("reverse of %s", (original) => {
  const body = () => ({ type: "reverse", reverses: seqs.get(original), reason: "matrix" });
  it.each(refused(original))("is refused for %s: 403, nothing written", async (role) => {
    expect(seqs.get(original)).toEqual(expect.any(Number));
    await expectRefusedWithNothingWritten(role, body());
  });
});

describe.each(REVERSED)("reverse of %s by a role holding its permission", (original) => {
  it(`is not refused for ${allowed(original)[0]}`, async () => {
    const response = await f.post(allowed(original)[0], { type: "reverse", reverses: seqs.get(original), reason: "matrix" });
    expect(response.status, JSON.stringify(response.body)).not.toBe(403);
  });
});

it("keeps the projection equal to the ledger replayed", async () => {
  expect(await f.verify()).toEqual([]);
});
