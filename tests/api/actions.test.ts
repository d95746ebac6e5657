// The server actions the screens call: the same parse → authorise → transaction
// path as the API, with errors returned as data for forms.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ledgerFixture, stock, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { demoUser } from "../../prisma/demo-users.ts";
import type { Role } from "../../lib/domain/roles.ts";

// The signed-in user is whoever the test says; the session module reads it per call.
const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string; role: Role } }));
vi.mock("@/lib/server/session", () => ({ currentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

function signIn(role: Role, second = false) {
  const user = demoUser(role, second);
  session.user = { id: user.id, email: user.email, name: user.name, role: user.role };
}

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
  await stock(f, "T-FIFO", 6, { bin: "A-01" });
});
afterAll(() => f?.drop());

const reserve = { type: "reserve", sku: "T-FIFO", qty: 2, location: "WH-EAST", channel: "web", orderLine: "SO-A/1" };

describe("postEventAction", () => {
  it("posts once for one submission, however often it arrives", async () => {
    const { postEventAction } = await import("../../app/actions/ledger-actions.ts");
    signIn("sales");
    const [first, again] = await Promise.all([
      postEventAction({ idempotencyKey: "form-submission-1", event: reserve }),
      postEventAction({ idempotencyKey: "form-submission-1", event: reserve }),
    ]);
    expect(first.ok && again.ok).toBe(true);
    const [row] = await f.query<{ n: number }>("SELECT count(*)::int AS n FROM ledger_event WHERE data->>'orderLine' = 'SO-A/1'");
    expect(row.n).toBe(1);
  });

  it("refuses the wrong role, a signed-out user and bad fields, writing nothing", async () => {
    const { postEventAction } = await import("../../app/actions/ledger-actions.ts");
    const before = await f.query<{ n: number }>("SELECT count(*)::int AS n FROM ledger_event");
    signIn("warehouse");
    expect(await postEventAction({ idempotencyKey: "form-submission-2", event: reserve })).toMatchObject({ ok: false, code: "forbidden" });
    signIn("sales");
    const invalid = await postEventAction({ idempotencyKey: "form-submission-3", event: { ...reserve, qty: 0 } });
    expect(invalid).toMatchObject({ ok: false, code: "invalid_input", fields: { qty: [expect.any(String)] } });
    expect(await postEventAction({ idempotencyKey: "x", event: reserve })).toMatchObject({ ok: false, code: "invalid_input" });
    session.user = null;
    expect(await postEventAction({ idempotencyKey: "form-submission-4", event: reserve })).toMatchObject({ ok: false, code: "unauthenticated" });
    const after = await f.query<{ n: number }>("SELECT count(*)::int AS n FROM ledger_event");
    expect(after[0].n).toBe(before[0].n);
  });
});

describe("approveAction / rejectAction", () => {
  it("lets a different approver decide, and tells the requester why they cannot", async () => {
    const { postEventAction, approveAction } = await import("../../app/actions/ledger-actions.ts");
    signIn("warehouse");
    expect((await postEventAction({ idempotencyKey: "form-hold-1", event: { type: "hold", sku: "T-FIFO", qty: 1, location: "WH-EAST" } })).ok).toBe(true);
    const requested = await postEventAction({ idempotencyKey: "form-release-1", event: { type: "hold.release", sku: "T-FIFO", qty: 1, location: "WH-EAST" } });
    if (!requested.ok || !("approval" in requested.data)) throw new Error("expected a pending approval");
    const id = requested.data.approval.id;
    expect(await approveAction({ id })).toMatchObject({ ok: false, code: "self_approval" });
    signIn("finance");
    expect(await approveAction({ id })).toMatchObject({ ok: false, code: "forbidden" });
    signIn("warehouse", true);
    expect(await approveAction({ id, note: "checked" })).toMatchObject({ ok: true, data: { approval: { status: "approved", decisionNote: "checked" } } });
  });
});
