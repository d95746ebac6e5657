// Bins per location: the admin screen shows what each holds now, removes a bin
// only when it is empty (in words otherwise, nothing written), audits each
// change in the same transaction, and no unit can land in a removed bin — not
// even from a write that raced the removal.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import pg from "pg";
import { expectOk, ledgerFixture, stock, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { demoUser } from "../../prisma/demo-users.ts";
import type { Role } from "../../lib/domain/roles.ts";

const acting = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string; role: Role } }));
vi.mock("@/lib/server/session", () => ({ currentUser: async () => acting.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const admin = demoUser("admin");
let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
  acting.user = { id: admin.id, email: admin.email, name: admin.name, role: admin.role };
  await stock(f, "T-FIFO", 10, { bin: "A-01" });
  expectOk(await f.post("sales", { type: "reserve", sku: "T-FIFO", qty: 3, location: "WH-EAST", channel: "web", orderLine: "L-1", bin: "A-01" }));
  await stock(f, "T-AVG", 2);
});
afterAll(() => f?.drop());

const actions = () => import("../../app/actions/admin-actions.ts");
const binsAt = async (location: string) => {
  const { locationBins } = await import("../../lib/server/catalogue/bins.ts");
  return (await locationBins()).find((l) => l.code === location)!;
};
const auditRows = () => f.query<{ action: string; target_label: string; before: unknown; after: unknown }>("SELECT action, target_label, before, after FROM audit_log ORDER BY id");
const binCodes = async (location: string) =>
  (await f.query<{ code: string }>("SELECT b.code FROM bin b JOIN location l ON l.id = b.location_id WHERE l.code = $1 ORDER BY b.code", location)).map((r) => r.code);

describe("what each bin holds", () => {
  it("lists every bin with units on hand by state, empty ones too, and units in no bin apart", async () => {
    const east = await binsAt("WH-EAST");
    expect(east.bins).toEqual([
      { code: "A-01", total: 10, states: { AVAILABLE: 7, RESERVED: 3 }, registered: true },
      { code: "A-02", total: 0, states: {}, registered: true },
      { code: "B-01", total: 0, states: {}, registered: true },
    ]);
    expect(east.unbinned).toMatchObject({ total: 2, states: { AVAILABLE: 2 } });
    expect((await binsAt("STORE")).bins).toEqual([]);
  });
});

describe("removing a bin", () => {
  it("is refused while the bin holds units, naming them, and writes nothing", async () => {
    const before = (await auditRows()).length;
    const result = await (await actions()).removeBinAction({ code: "WH-EAST", bin: "A-01" });
    expect(result).toMatchObject({ ok: false, code: "conflict" });
    expect(!result.ok && result.message).toBe("Bin A-01 at WH-EAST still holds 10 units (7 available, 3 reserved). Move or count them out first; only an empty bin can be removed.");
    expect(await binCodes("WH-EAST")).toEqual(["A-01", "A-02", "B-01"]);
    expect((await auditRows()).length).toBe(before);
  });

  it("removes an empty bin with its audit entry; the history keeps the code and a move out of it by name is refused", async () => {
    // B-01 held units once: they came in and left for the other warehouse.
    await stock(f, "T-STD", 4, { bin: "B-01" });
    expectOk(await f.post("warehouse", { type: "transfer.ship", sku: "T-STD", qty: 4, location: "WH-EAST", toLocation: "WH-WEST", transfer: "TR-A", bin: "B-01" }));
    expect((await binsAt("WH-EAST")).bins.find((b) => b.code === "B-01")?.total).toBe(0);

    const result = await (await actions()).removeBinAction({ code: "WH-EAST", bin: "B-01" });
    expect(result).toEqual({ ok: true, data: { location: "WH-EAST", bin: "B-01" } });
    expect(await binCodes("WH-EAST")).toEqual(["A-01", "A-02"]);
    expect((await auditRows()).at(-1)).toEqual({
      action: "location.bins", target_label: "WH-EAST", before: { bins: ["A-01", "A-02", "B-01"] }, after: { bins: ["A-01", "A-02"] },
    });
    const history = await f.query<{ n: number }>("SELECT count(*)::int AS n FROM ledger_event WHERE to_bin = 'B-01' OR from_bin = 'B-01'");
    expect(history[0].n).toBeGreaterThan(0);

    const again = await f.post("warehouse", { type: "transfer.ship", sku: "T-FIFO", qty: 1, location: "WH-EAST", toLocation: "WH-WEST", transfer: "TR-B", bin: "B-01" });
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ code: "unknown_bin", detail: "Location WH-EAST has no bin 'B-01'." });

    // Re-adding the code is allowed and audited like any addition.
    expect(await (await actions()).addBinsAction({ code: "WH-EAST", bins: ["B-01"] })).toEqual({ ok: true, data: { added: ["B-01"] } });
    expect((await auditRows()).at(-1)).toMatchObject({ before: { bins: ["A-01", "A-02"] }, after: { bins: ["A-01", "A-02", "B-01"] } });
  });

  it("an unknown bin or location is refused in words", async () => {
    expect(await (await actions()).removeBinAction({ code: "WH-EAST", bin: "Z-99" })).toMatchObject({ ok: false, code: "unknown_bin", message: "WH-EAST has no bin 'Z-99'. Its bins: A-01, A-02, B-01." });
    expect(await (await actions()).removeBinAction({ code: "NOWHERE", bin: "A-01" })).toMatchObject({ ok: false, code: "unknown_location" });
  });

  it("waits for a write in flight into the bin and then refuses; the database refuses units into a removed bin", async () => {
    const client = new pg.Client({ connectionString: f.url });
    await client.connect();
    try {
      // A ledger write into A-02 that has not committed yet (balance rows as the ledger writes them).
      await client.query("BEGIN");
      await client.query(`UPDATE balance SET qty = qty - 1 WHERE qty > 0 AND bin = '' AND state = 'AVAILABLE' AND sku_id = (SELECT id FROM sku WHERE code = 'T-AVG')`);
      await client.query(`INSERT INTO balance (sku_id, location_id, state, bin, doc, channel_id, qty, last_seq)
        SELECT s.id, l.id, 'AVAILABLE', 'A-02', '', '', 1, 0 FROM sku s, location l WHERE s.code = 'T-AVG' AND l.code = 'WH-EAST'`);
      const removal = (await actions()).removeBinAction({ code: "WH-EAST", bin: "A-02" });
      await new Promise((resolve) => setTimeout(resolve, 200));
      await client.query("COMMIT");
      expect(await removal).toMatchObject({ ok: false, code: "conflict", message: expect.stringContaining("still holds 1 unit (1 available)") });
      expect(await binCodes("WH-EAST")).toContain("A-02");

      // Put back, then remove A-02 for real: a writer with an out-of-date list of bins cannot fill it again.
      await client.query(`UPDATE balance SET qty = 0 WHERE bin = 'A-02'`);
      await client.query(`UPDATE balance SET qty = qty + 1 WHERE bin = '' AND state = 'AVAILABLE' AND sku_id = (SELECT id FROM sku WHERE code = 'T-AVG')`);
      expect(await (await actions()).removeBinAction({ code: "WH-EAST", bin: "A-02" })).toMatchObject({ ok: true });
      await expect(client.query(`UPDATE balance SET qty = 1 WHERE bin = 'A-02'`)).rejects.toThrow(/balance_bin_unknown/);
      // Taking units out of a bin is never refused, so the check costs nothing on the way out.
      await client.query(`UPDATE balance SET qty = 0 WHERE bin = 'A-02'`);
    } finally {
      await client.end();
    }
  });
});
