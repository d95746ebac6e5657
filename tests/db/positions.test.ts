// ledger_positions(sku) (migration 20261127180000_ledger_positions): the internal
// positions holding units that the ledger reads before every event. It must read
// exactly what the balance table holds, and leave out exactly the external states.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXTERNAL_STATES } from "../../lib/domain/states.ts";
import { expectOk, ledgerFixture, type LedgerFixture } from "../helpers/ledger-fixture.ts";

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
});
afterAll(() => f?.drop());

type Row = { location_id: string; state: string; bin: string; doc: string; channel_id: string; qty: number };
const order = (rows: Row[]) => rows.map((r) => `${r.location_id}|${r.state}|${r.bin}|${r.doc}|${r.channel_id}|${r.qty}`).sort();

describe("ledger_positions", () => {
  it("leaves out exactly the external states", async () => {
    const [{ body }] = await f.query<{ body: string }>("SELECT prosrc AS body FROM pg_proc WHERE proname = 'ledger_positions'");
    const listed = /state NOT IN \(([^)]*)\)/.exec(body)?.[1].match(/'([A-Z_]+)'/g)?.map((s) => s.slice(1, -1));
    expect(listed?.sort()).toEqual([...EXTERNAL_STATES].sort());
  });

  it("reads the positions holding units, and none that went back to zero", async () => {
    const at = { sku: "T-FIFO", location: "WH-EAST" };
    expectOk(await f.post("finance", { type: "po.confirm", ...at, qty: 20, reference: "PO-LP-1", unitCost: "3.00", eta: new Date().toISOString(), fob: "destination", supplier: "Acme" }));
    expectOk(await f.post("warehouse", { type: "receive", ...at, qty: 20, reference: "PO-LP-1" }));
    expectOk(await f.post("warehouse", { type: "inspect", ...at, qty: 20, result: "pass" }));
    for (let i = 1; i <= 6; i++) expectOk(await f.post("sales", { type: "reserve", ...at, qty: 2, channel: "web", orderLine: `SO-LP/${i}` }));
    for (let i = 1; i <= 4; i++) expectOk(await f.post("sales", { type: "release", ...at, qty: 2, orderLine: `SO-LP/${i}` }));

    const internal = `state NOT IN (${EXTERNAL_STATES.map((s) => `'${s}'`).join(", ")})`;
    const [sku] = await f.query<{ id: string }>("SELECT id::text FROM sku WHERE code = 'T-FIFO'");
    const read = await f.query<Row>("SELECT location_id::text, state, bin, doc, channel_id, qty FROM ledger_positions($1::uuid)", sku.id);
    const held = await f.query<Row>(`SELECT location_id::text, state, bin, doc, channel_id, qty FROM balance WHERE sku_id = $1::uuid AND qty <> 0 AND ${internal}`, sku.id);
    expect(order(read)).toEqual(order(held));
    expect(read.filter((r) => r.state === "RESERVED").map((r) => r.doc).sort()).toEqual(["SO-LP/5", "SO-LP/6"]);
    expect(read.find((r) => r.state === "AVAILABLE")?.qty).toBe(16);
  });
});
