// The journal as an accountant takes it out: filtered pages, the CSV export, the
// trial balance, and who may read it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledgerFixture, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { demoUser } from "../../prisma/demo-users.ts";
import { ago, buy, newSku, sell } from "./helpers.ts";

type Line = { eventId: string; sku: string; account: string; debit: string; credit: string; occurredAt: string; seq: number; group: string; location: string; doc: string };
type Page = { lines: Line[]; total: number; page: number; pageCount: number };
type Balance = { rows: { account: string; debit: string; credit: string; balance: string }[]; debit: string; credit: string; balanced: boolean };

let f: LedgerFixture;
let fifo: string;
let avg: string;
let oddPo: string;
beforeAll(async () => {
  f = await ledgerFixture();
  fifo = await newSku(f, "fifo");
  avg = await newSku(f, "average");
  // A reference holding a comma and a quote: the CSV must quote it.
  oddPo = await buy(f, fifo, 10, "5.00", { occurredAt: ago(3), po: 'PO-7,"rush"' });
  await buy(f, fifo, 10, "7.00", { occurredAt: ago(2) });
  await sell(f, fifo, 15, { occurredAt: ago(1) });
  await buy(f, avg, 4, "2.50", { occurredAt: ago(2) });
});
afterAll(() => f?.drop());

const journal = async (query: string, who: Parameters<LedgerFixture["call"]>[0] = "finance") => f.call(who, "GET", `/api/v1/journal${query}`);

async function csv(query: string): Promise<Response> {
  const route = await import("../../app/api/v1/journal/route.ts");
  const request = new Request(`http://concord.test/api/v1/journal${query}`, {
    headers: { authorization: `Bearer ${demoUser("finance").token}`, accept: "text/csv" },
  });
  return route.GET(request, { params: Promise.resolve({}) });
}

describe("journal lines", () => {
  it("lists a SKU's lines in business-time order, each naming its event, and pages them", async () => {
    const all = (await journal(`?sku=${fifo}&limit=500`)).body as unknown as Page;
    // Two receipts (Dr inventory / Cr grni) and one FOB shipping point shipment (Dr cogs / Cr inventory).
    expect(all.total).toBe(6);
    expect(all.lines.map((l) => l.occurredAt)).toEqual([...all.lines.map((l) => l.occurredAt)].sort());
    expect(all.lines.every((l) => l.sku === fifo && l.location === "WH-EAST" && /^[0-9a-f-]{36}$/.test(l.eventId))).toBe(true);
    expect(all.lines.filter((l) => l.account === "cogs").map((l) => l.debit)).toEqual(["85.00"]);
    expect(all.lines.filter((l) => l.doc === oddPo).map((l) => [l.account, l.debit, l.credit]).sort()).toEqual([["grni", "0.00", "50.00"], ["inventory", "50.00", "0.00"]]);

    const second = (await journal(`?sku=${fifo}&limit=4&page=2`)).body as unknown as Page;
    expect([second.total, second.page, second.pageCount, second.lines.length]).toEqual([6, 2, 2, 2]);
    expect(second.lines).toEqual(all.lines.slice(4));
  });

  it("filters by account and by days, both ends included", async () => {
    const cogs = (await journal(`?account=cogs&sku=${fifo}`)).body as unknown as Page;
    expect(cogs.lines.map((l) => [l.account, l.debit])).toEqual([["cogs", "85.00"]]);
    const day = ago(2).slice(0, 10);
    const thatDay = (await journal(`?sku=${fifo}&from=${day}&to=${day}`)).body as unknown as Page;
    expect(thatDay.lines.map((l) => [l.account, l.debit, l.credit]).sort()).toEqual([["grni", "0.00", "70.00"], ["inventory", "70.00", "0.00"]]);
    const upTo = (await journal(`?sku=${fifo}&to=${encodeURIComponent(ago(1, 12))}`)).body as unknown as Page;
    expect(upTo.total).toBe(4);
  });

  it("exports every matching line as CSV, header first, quoting what needs it", async () => {
    const response = await csv(`?sku=${fifo}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="journal\.csv"$/);
    const text = await response.text();
    const rows = text.split("\r\n").filter(Boolean);
    expect(rows[0]).toBe("id,occurredAt,seq,eventId,type,group,sku,location,account,debit,credit,doc");
    expect(rows).toHaveLength(7);
    expect(rows.filter((row) => row.endsWith(',"PO-7,""rush"""'))).toHaveLength(2);
    expect(rows.some((row) => row.includes(",cogs,85.00,0.00,"))).toBe(true);
  });

  it("a refusal before the export starts is still a problem, not half a file", async () => {
    const response = await csv("?sku=NOPE-1");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: "unknown_sku" });
  });
});

describe("trial balance", () => {
  it("balances over everything, per SKU, and over a range", async () => {
    for (const query of ["", `?sku=${fifo}`, `?sku=${avg}`, `?from=${ago(2).slice(0, 10)}&to=${ago(1).slice(0, 10)}`, `?from=${encodeURIComponent(ago(2, 2))}`]) {
      const answer = await f.call("finance", "GET", `/api/v1/journal/trial-balance${query}`);
      expect(answer.status, query).toBe(200);
      const tb = answer.body as unknown as Balance;
      expect(tb.balanced, query).toBe(true);
      expect(tb.debit, query).toBe(tb.credit);
      expect(tb.rows.map((r) => r.account)).toEqual([
        "inventory", "inventory_in_transit", "grni", "accounts_payable", "cogs", "purchase_price_variance", "writeoff_expense", "shrinkage", "revaluation",
      ]);
    }
    const tb = (await f.call("finance", "GET", `/api/v1/journal/trial-balance?sku=${fifo}`)).body as unknown as Balance;
    expect(tb.rows.filter((r) => r.balance !== "0.00").map((r) => [r.account, r.debit, r.credit, r.balance])).toEqual([
      ["inventory", "120.00", "85.00", "35.00"],
      ["grni", "0.00", "120.00", "-120.00"],
      ["cogs", "85.00", "0.00", "85.00"],
    ]);
    const lastDay = (await f.call("finance", "GET", `/api/v1/journal/trial-balance?sku=${fifo}&from=${encodeURIComponent(ago(1, 12))}`)).body as unknown as Balance;
    expect(lastDay.rows.filter((r) => r.balance !== "0.00").map((r) => [r.account, r.balance])).toEqual([["inventory", "-85.00"], ["cogs", "85.00"]]);
  });
});

describe("who may read money", () => {
  it.each(["sales", "warehouse"] as const)("%s gets 403 on the journal, the trial balance and a SKU's finance", async (role) => {
    for (const path of ["/api/v1/journal", "/api/v1/journal/trial-balance", `/api/v1/skus/${fifo}/finance`]) {
      const answer = await f.call(role, "GET", path);
      expect([answer.status, answer.body.code], path).toEqual([403, "forbidden"]);
    }
  });
  it.each(["finance", "admin"] as const)("%s reads them", async (role) => {
    for (const path of ["/api/v1/journal", "/api/v1/journal/trial-balance", `/api/v1/skus/${fifo}/finance`]) {
      expect((await f.call(role, "GET", path)).status, path).toBe(200);
    }
  });
  it("without a token it is 401", async () => {
    expect((await f.call(null, "GET", "/api/v1/journal")).status).toBe(401);
  });
});

describe("bad input is 400 invalid_input naming each field", () => {
  it.each([
    ["?from=2026-02-30", ["from"]],
    ["?to=yesterday", ["to"]],
    ["?account=cash", ["account"]],
    ["?page=0&limit=9999", ["limit", "page"]],
    ["?from=2026-03-10&to=2026-03-09", ["to"]],
  ])("%s", async (query, fields) => {
    const answer = await journal(query);
    expect([answer.status, answer.body.code]).toEqual([400, "invalid_input"]);
    expect(Object.keys(answer.body.errors as object).sort()).toEqual(fields);
  });
  it("the trial balance refuses a bad range too, and an unknown SKU is 404", async () => {
    const bad = await f.call("finance", "GET", "/api/v1/journal/trial-balance?from=03/01/2026");
    expect([bad.status, Object.keys(bad.body.errors as object)]).toEqual([400, ["from"]]);
    const unknown = await journal("?sku=NOPE-1");
    expect([unknown.status, unknown.body.code]).toEqual([404, "unknown_sku"]);
  });
  it("unserved methods are 405", async () => {
    const answer = await f.call("finance", "POST", "/api/v1/journal", {});
    expect([answer.status, answer.body.code]).toEqual([405, "method_not_allowed"]);
  });
});
