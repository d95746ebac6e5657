// Closing a month: the valuation and trial balance it stores, the progress the
// screen shows, and the month frozen afterwards.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { expectOk, ledgerFixture, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { demoUser } from "../../prisma/demo-users.ts";
import type { Role } from "../../lib/domain/roles.ts";

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string; role: Role } }));
vi.mock("@/lib/server/session", () => ({ currentUser: async () => session.user }));

function signIn(role: Role) {
  const user = demoUser(role);
  session.user = { id: user.id, email: user.email, name: user.name, role: user.role };
}

let f: LedgerFixture;
const year = new Date().getUTCFullYear() - 1;
const at = (month: number, day: number) => new Date(Date.UTC(year, month - 1, day, 10)).toISOString();
const period = (month: number) => `${year}-${String(month).padStart(2, "0")}`;

beforeAll(async () => {
  f = await ledgerFixture();
  const buy = async (sku: string, po: string, qty: number, unitCost: string, occurredAt: string) => {
    const common = { sku, qty, location: "WH-EAST", occurredAt };
    expectOk(await f.post("finance", { type: "po.confirm", ...common, reference: po, unitCost, eta: occurredAt, fob: "destination", supplier: "Acme" }));
    expectOk(await f.post("warehouse", { type: "receive", ...common, reference: po }));
  };
  await buy("T-FIFO", "PO-C1", 10, "5.00", at(3, 10));
  await buy("T-AVG", "PO-C2", 4, "2.50", at(3, 12));
  await buy("T-FIFO", "PO-C3", 10, "7.00", at(4, 2));
  expectOk(await f.post("finance", { type: "invoice.match", sku: "T-FIFO", location: "WH-EAST", reference: "PO-C1", qty: 10, unitCost: "5.20", occurredAt: at(3, 20) }));
});
afterAll(() => f?.drop());

async function closeThroughScreen(month: string, origin = "http://localhost") {
  const { POST } = await import("../../app/(finance)/finance/periods/close/route.ts");
  const response = await POST(new Request("http://localhost/finance/periods/close", {
    method: "POST", headers: { "content-type": "application/json", origin, host: "localhost" }, body: JSON.stringify({ period: month, idempotencyKey: `close-${month}-key` }),
  }));
  const text = await response.text();
  return { status: response.status, lines: text.trim().split("\n").filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe("closing a month", () => {
  it("stores the month-end valuation and trial balance, reporting progress as it values each SKU", async () => {
    signIn("finance");
    const { status, lines } = await closeThroughScreen(period(3));
    expect(status).toBe(200);
    expect(lines.at(-1)).toEqual({ done: { period: period(3) } });
    expect(lines.filter((line) => "progress" in line).at(-1)).toEqual({ progress: { done: 2, total: 2 } });
    const stored = await f.query<{ sku: string; owned: number; value: string }>(`
      SELECT s.code AS sku, v.owned, v.value::text FROM period_valuation v JOIN sku s ON s.id = v.sku_id WHERE v.period = '${period(3)}' ORDER BY 1`);
    // April's receipt is after the month's end: March holds 10 @ 5.00 and 4 @ 2.50.
    expect(stored).toEqual([{ sku: "T-AVG", owned: 4, value: "10.00" }, { sku: "T-FIFO", owned: 10, value: "50.00" }]);
    const balance = await f.query<{ account: string; debit: string; credit: string }>(`
      SELECT account, debit::text, credit::text FROM period_trial_balance WHERE period = '${period(3)}' AND (debit <> 0 OR credit <> 0) ORDER BY account`);
    expect(balance).toEqual([
      { account: "accounts_payable", debit: "0.00", credit: "52.00" },
      { account: "grni", debit: "50.00", credit: "60.00" },
      { account: "inventory", debit: "60.00", credit: "0.00" },
      { account: "purchase_price_variance", debit: "2.00", credit: "0.00" },
    ]);
  });

  it("never changes what it stored, and refuses anything dated into the closed month", async () => {
    const backDated = await f.post("warehouse", { type: "hold", sku: "T-FIFO", qty: 1, location: "WH-EAST", occurredAt: at(3, 25) });
    expect([backDated.status, backDated.body.code]).toEqual([409, "period_closed"]);
    await expect(f.query(`UPDATE period_valuation SET value = 0 WHERE period = '${period(3)}'`)).rejects.toThrow(/append-only/);
    await expect(f.query(`DELETE FROM period_trial_balance WHERE period = '${period(3)}'`)).rejects.toThrow(/append-only/);
  });

  it("freezes every month before the closed one too: a move dated there would change the balances it closed on", async () => {
    // February was never closed, but its units are in March's closing balance.
    const earlier = { type: "po.confirm", sku: "T-FIFO", qty: 5, location: "WH-EAST", reference: "PO-C0", unitCost: "1.00", fob: "destination", supplier: "Acme" };
    for (const occurredAt of [at(2, 15), new Date(Date.UTC(2001, 0, 2)).toISOString()]) {
      const refused = await f.post("finance", { ...earlier, occurredAt, eta: occurredAt });
      expect([refused.status, refused.body.code]).toEqual([409, "period_closed"]);
      expect(refused.body.detail).toContain(`${period(3)} is closed`);
    }
    // Alone, or sharing a group transaction with others (the grouped path reads every SKU's state in one statement).
    const together = await Promise.all([
      f.post("warehouse", { type: "hold", sku: "T-FIFO", qty: 1, location: "WH-EAST", occurredAt: at(2, 20) }),
      f.post("warehouse", { type: "hold", sku: "T-AVG", qty: 1, location: "WH-EAST", occurredAt: at(1, 20) }),
    ]);
    expect(together.map((answer) => [answer.status, answer.body.code])).toEqual([[409, "period_closed"], [409, "period_closed"]]);
    const [stored] = await f.query<{ n: number }>(`SELECT count(*)::int AS n FROM ledger_event WHERE occurred_at < '${at(3, 1)}'`);
    expect(stored.n).toBe(0);
    // After the closed month, events post as before.
    expectOk(await f.post("finance", { ...earlier, reference: "PO-C4", occurredAt: at(4, 20), eta: at(4, 25) }));
  });

  it("refuses a month that has not ended, a second close, another role and another origin, in words", async () => {
    signIn("finance");
    const future = new Date();
    future.setUTCMonth(future.getUTCMonth() + 1);
    const notEnded = await closeThroughScreen(future.toISOString().slice(0, 7));
    expect(notEnded.lines.at(-1)).toMatchObject({ error: { code: "invalid_input" } });
    const again = await f.post("finance", { type: "period.close", period: period(3) });
    expect([again.status, again.body.code]).toEqual([409, "conflict"]);
    expect((await closeThroughScreen(period(4), "http://evil.example")).status).toBe(403);
    signIn("warehouse");
    expect((await closeThroughScreen(period(4))).status).toBe(403);
    session.user = null;
    expect((await closeThroughScreen(period(4))).status).toBe(401);
    const [open] = await f.query<{ n: number }>(`SELECT count(*)::int AS n FROM period WHERE period = '${period(4)}'`);
    expect(open.n).toBe(0);
  });
});
