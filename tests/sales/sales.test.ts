// Sales on a real PostgreSQL: ATP bounds reservations under concurrent submits,
// the sales and demand views answer per api.md, channels are served where the
// mapping says, refused reservations count as lost demand, and the order form
// answers a refusal with when the units can be promised.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { expectOk, ledgerFixture, stock, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { demoUser } from "../../prisma/demo-users.ts";
import type { Role } from "../../lib/domain/roles.ts";

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string; role: Role } }));
vi.mock("@/lib/server/session", () => ({ currentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined, set: () => {} }) }));

function signIn(role: Role) {
  const user = demoUser(role);
  session.user = { id: user.id, email: user.email, name: user.name, role: user.role };
}

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
});
afterAll(() => f?.drop());

async function policy(sku: string, body: Record<string, unknown>) {
  const answer = await f.call("admin", "PUT", `/api/v1/skus/${sku}/policy`, body);
  expect(answer.status).toBe(200);
}
const sales = (sku: string, query: string) => f.call("sales", "GET", `/api/v1/skus/${sku}/sales?${query}`);

describe("reservations against ATP under concurrency", () => {
  it("50 concurrent submits across two channels with a fence: exactly ATP is accepted, no channel goes below zero", async () => {
    await stock(f, "T-AVG", 40);
    await policy("T-AVG", { location: "WH-EAST", safetyStock: 5, allocations: [{ channel: "wholesale", qty: 10 }] });
    const attempts = [
      ...Array.from({ length: 30 }, (_, i) => ({ channel: "web", orderLine: `W-${i}` })),
      ...Array.from({ length: 20 }, (_, i) => ({ channel: "wholesale", orderLine: `S-${i}` })),
    ].sort(() => Math.random() - 0.5);
    const answers = await Promise.all(
      attempts.map((a) => f.post("sales", { type: "reserve", sku: "T-AVG", qty: 1, location: "WH-EAST", ...a })),
    );
    expect(answers.every((a) => a.status === 201 || (a.status === 409 && a.body.code === "insufficient_quantity"))).toBe(true);
    // 40 available less 5 safety stock: whatever the interleaving, 35 are promised and not one more.
    expect(answers.filter((a) => a.status === 201)).toHaveLength(35);
    const web = await sales("T-AVG", "channel=web");
    const wholesale = await sales("T-AVG", "channel=wholesale");
    expect(web.body.atp).toBe(0);
    expect(wholesale.body.atp).toBe(0);
    expect(web.body.committed).toBe(35);
    expect(await f.verify()).toEqual([]);
    // Every refusal is kept as lost demand.
    const [lost] = await f.query<{ n: number }>("SELECT count(*)::int AS n FROM demand_refusal");
    expect(lost.n).toBe(15);
  });
});

describe("GET /api/v1/skus/{sku}/sales", () => {
  it("answers ATP now, incoming by date and the earliest date for a quantity", async () => {
    await stock(f, "T-STD", 6);
    const eta = new Date(Date.now() + 5 * 86_400_000).toISOString();
    expectOk(await f.post("finance", { type: "po.confirm", sku: "T-STD", qty: 10, location: "WH-EAST", reference: "PO-SALES-1", unitCost: "6.50", eta, fob: "destination", supplier: "Acme" }));
    await policy("T-STD", { location: "WH-EAST", safetyStock: 1, inspectionLeadDays: 2 });
    const answer = await sales("T-STD", "channel=web&qty=12");
    expect(answer.status).toBe(200);
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    expect(answer.body).toMatchObject({ atp: 5, sellable: 5, safetyStock: 1, incoming: [{ qty: 10, ref: "PO-SALES-1", date: day(7), overdue: false }] });
    expect(answer.body.promise).toMatchObject({ qty: 12, earliestDate: day(7), location: "WH-EAST" });
    const onDate = await sales("T-STD", `channel=web&date=${day(8)}`);
    expect(onDate.body.atpOn).toEqual({ date: day(8), atp: 15 });
  });

  it("dates a PO's units shipped under an ASN by its ETA, and the units still on order by the PO's own", async () => {
    expect((await f.call("admin", "POST", "/api/v1/skus", { sku: "T-ASN", name: "Asn", costingMethod: "fifo" })).status).toBe(201);
    await policy("T-ASN", { location: "WH-EAST", inspectionLeadDays: 3 });
    const at = (offset: number) => new Date(Date.now() + offset * 86_400_000);
    const day = (offset: number) => at(offset).toISOString().slice(0, 10);
    expectOk(await f.post("finance", { type: "po.confirm", sku: "T-ASN", qty: 5, location: "WH-EAST", reference: "PO-ASN-1", unitCost: "2.00", eta: at(20).toISOString(), fob: "destination", supplier: "Acme" }));
    expectOk(await f.post("finance", { type: "po.ship", sku: "T-ASN", qty: 3, location: "WH-EAST", reference: "PO-ASN-1", eta: at(5).toISOString() }));
    const answer = await sales("T-ASN", "channel=web&qty=4");
    const incoming = (answer.body.incoming as { date: string; qty: number }[]).map((item) => [item.date, item.qty]);
    expect(incoming).toEqual([[day(8), 3], [day(23), 2]]);
    expect(answer.body.promise).toMatchObject({ qty: 4, earliestDate: day(23) });
  });

  it("answers the model's signed ATP: a location's shortfall counts, and what can be promised without borrowing is beside it", async () => {
    expect((await f.call("admin", "POST", "/api/v1/skus", { sku: "T-SHORT", name: "Short", costingMethod: "average" })).status).toBe(201);
    await stock(f, "T-SHORT", 3);
    await stock(f, "T-SHORT", 4, { location: "WH-WEST" });
    await policy("T-SHORT", { location: "WH-EAST", safetyStock: 5 });
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    // WH-EAST: 3 available − 5 safety stock = −2; WH-WEST: 4. Together: sellable 2, ATP 2.
    const both = await sales("T-SHORT", `channel=web&date=${day(3)}`);
    expect(both.body).toMatchObject({ sellable: 2, atp: 2, promisable: 4, shortfall: -2, atpOn: { date: day(3), atp: 2 } });
    expect((both.body.curve as { atp: number }[])[0].atp).toBe(2);
    expect((both.body.promisableCurve as { atp: number }[])[0].atp).toBe(4); // what the screen draws
    const east = await sales("T-SHORT", "channel=web&location=WH-EAST");
    expect(east.body).toMatchObject({ sellable: -2, atp: -2, promisable: 0, shortfall: -2 });
    // The reconciliation reads the same ATP: on hand less ATP is explained to the unit.
    const reconciliation = await f.call("sales", "GET", "/api/v1/skus/T-SHORT/reconciliation?channel=web");
    expect(reconciliation.status).toBe(200);
    const identities = reconciliation.body.identities as { channel: string | null; location: string | null; right: number; unexplained: number }[];
    const company = identities.find((identity) => identity.channel === "web" && identity.location === null);
    expect(company).toMatchObject({ right: both.body.atp, unexplained: 0 });
  });

  it.each([
    ["channel=web&qty=0", 400, "invalid_input"],
    ["channel=web&qty=two", 400, "invalid_input"],
    ["channel=web&date=14-03-2026", 400, "invalid_input"],
    ["qty=1", 400, "invalid_input"],
    ["channel=telepathy", 404, "unknown_channel"],
    ["channel=web&location=NOWHERE", 404, "unknown_location"],
  ])("refuses %s with %i %s", async (query, status, code) => {
    const answer = await sales("T-STD", query);
    expect([answer.status, answer.body.code]).toEqual([status, code]);
  });

  it("refuses an unknown SKU", async () => {
    expect((await sales("NOPE", "channel=web")).body.code).toBe("unknown_sku");
  });
});

describe("the locations that serve a channel", () => {
  it("make up the channel's ATP and promise; a location outside them does not count, nor can it be asked for", async () => {
    await stock(f, "T-FIFO", 5, { location: "WH-WEST" });
    await stock(f, "T-FIFO", 2, { location: "WH-EAST" });
    await f.query(`INSERT INTO channel_location (channel_id, location_id) SELECT c.id, l.id FROM channel c, location l WHERE c.code = 'wholesale' AND l.code = 'WH-EAST'`);
    const wholesale = await sales("T-FIFO", "channel=wholesale&qty=4");
    expect(wholesale.body).toMatchObject({ atp: 2, servedBy: ["WH-EAST"], promise: { earliestDate: null, missing: 2 } });
    expect((await sales("T-FIFO", "channel=web")).body.atp).toBe(7);
    const elsewhere = await sales("T-FIFO", "channel=wholesale&location=WH-WEST");
    expect([elsewhere.status, elsewhere.body.code]).toEqual([400, "invalid_input"]);
  });
});

describe("the order form", () => {
  it("confirms at the best location, refuses beyond ATP in words with the promise date, and a double submit reserves once", async () => {
    const { confirmOrderLineAction } = await import("../../app/actions/sales-actions.ts");
    signIn("sales");
    const form = (fields: Record<string, string>) => {
      const data = new FormData();
      for (const [k, v] of Object.entries({ sku: "T-STD", channel: "marketplace", location: "best", ...fields })) data.set(k, v);
      return data;
    };
    const first = form({ qty: "2", orderLine: "MKT-1", idempotencyKey: "form-key-0001" });
    const [a, b] = await Promise.all([confirmOrderLineAction(null, first), confirmOrderLineAction(null, first)]);
    expect(a).toMatchObject({ ok: true, reserved: { location: "WH-EAST", qty: 2 } });
    expect(b).toMatchObject({ ok: true });
    const [rows] = await f.query<{ n: number }>("SELECT count(*)::int AS n FROM ledger_event WHERE type = 'reserve' AND to_doc = 'MKT-1'");
    expect(rows.n).toBe(1);
    const over = await confirmOrderLineAction(null, form({ qty: "10", orderLine: "MKT-2", idempotencyKey: "form-key-0002" }));
    expect(over?.ok).toBe(false);
    expect(over?.message).toMatch(/^Only 3 available to promise on marketplace today; 10 more arrive on \d+ \w+ at WH-EAST \(PO-SALES-1\), so all 10 can be promised from then\.$/);
    const invalid = await confirmOrderLineAction(null, form({ qty: "-1", orderLine: "", idempotencyKey: "form-key-0003" }));
    expect(invalid).toMatchObject({ ok: false, fields: { qty: ["must be at least 1"], orderLine: ["required"] } });
    signIn("warehouse");
    expect(await confirmOrderLineAction(null, form({ qty: "1", orderLine: "MKT-3", idempotencyKey: "form-key-0004" }))).toMatchObject({ ok: false });
  });
});

describe("GET /api/v1/skus/{sku}/demand", () => {
  it("answers weekly demand with the forecast, its method and error, cover and the reorder suggestion", async () => {
    const answer = await f.call("sales", "GET", "/api/v1/skus/T-AVG/demand?channel=web");
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ sku: "T-AVG", channel: "web", method: { name: expect.stringContaining("Holt") }, forecast: expect.any(Array) });
    expect((answer.body.forecast as unknown[]).length).toBe(8);
    expect((await f.call("sales", "GET", "/api/v1/skus/T-AVG/demand")).body.code).toBe("invalid_input");
  });
});
