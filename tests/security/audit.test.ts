// Every admin action lands in an append-only audit log, in the same transaction as
// the change: who, when, what, on which record, before and after.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ledgerFixture, type LedgerFixture } from "../helpers/ledger-fixture.ts";
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
});
afterAll(() => f?.drop());

type Entry = { actor_id: string; action: string; target_kind: string; target_label: string; before: unknown; after: unknown; at: Date };

async function lastEntry(): Promise<Entry> {
  const [row] = await f.query<Entry>("SELECT actor_id::text, action, target_kind, target_label, before, after, at FROM audit_log ORDER BY id DESC LIMIT 1");
  return row;
}

async function entries(): Promise<number> {
  return (await f.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log"))[0].n;
}

describe("users and tokens (server actions)", () => {
  it("records each change with its actor, target and before/after, never a password", async () => {
    const actions = await import("../../app/actions/admin-actions.ts");
    const created = await actions.createUserAction({ kind: "human", name: "Nia Audit", email: "nia@concord.test", role: "sales", password: "a long enough secret" });
    if (!created.ok) throw new Error(created.message);
    expect(await lastEntry()).toMatchObject({
      actor_id: admin.id,
      action: "user.create",
      target_label: "nia@concord.test",
      before: null,
      after: { email: "nia@concord.test", role: "sales", kind: "human", active: true },
    });
    expect(JSON.stringify(await lastEntry())).not.toMatch(/argon2|secret/);

    await actions.changeRoleAction({ userId: created.data.id, role: "finance" });
    expect(await lastEntry()).toMatchObject({ action: "user.role", before: { role: "sales" }, after: { role: "finance" } });

    await actions.resetPasswordAction({ userId: created.data.id, password: "another long secret" });
    const reset = await lastEntry();
    expect(reset).toMatchObject({ action: "user.password", after: { passwordChanged: true } });
    expect(JSON.stringify(reset)).not.toMatch(/argon2|another long secret/);

    await actions.setUserActiveAction({ userId: created.data.id, active: false });
    expect(await lastEntry()).toMatchObject({ action: "user.status", before: { active: true }, after: { active: false } });

    const service = await actions.createUserAction({ kind: "service", name: "Bot", email: "bot@concord.test", role: "sales" });
    if (!service.ok) throw new Error(service.message);
    const token = await actions.issueTokenAction({ userId: service.data.id, name: "feed" });
    if (!token.ok) throw new Error(token.message);
    expect(await lastEntry()).toMatchObject({ action: "token.issue", target_kind: "token", after: { name: "feed", prefix: token.data.prefix, owner: "bot@concord.test" } });
    expect(JSON.stringify(await lastEntry())).not.toContain(token.data.token);
    await actions.revokeTokenAction({ tokenId: token.data.id });
    expect(await lastEntry()).toMatchObject({ action: "token.revoke", target_label: `${token.data.prefix}… (bot@concord.test)`, before: { revokedAt: null } });
  });

  it("a refused action leaves no entry", async () => {
    const actions = await import("../../app/actions/admin-actions.ts");
    const before = await entries();
    expect(await actions.changeRoleAction({ userId: admin.id, role: "sales" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await actions.createUserAction({ kind: "human", name: "Dup", email: "sales@concord.test", role: "sales", password: "a long enough secret" })).toMatchObject({ ok: false, code: "conflict" });
    expect(await entries()).toBe(before);
  });
});

describe("master data, from the screens and the API alike", () => {
  it("SKUs, locations, bins, channels and policies", async () => {
    const actions = await import("../../app/actions/admin-actions.ts");
    expect(await actions.createSkuAction({ sku: "AUD-1", name: "Audited", costingMethod: "fifo" })).toMatchObject({ ok: true });
    expect(await lastEntry()).toMatchObject({ action: "sku.create", target_label: "AUD-1", after: { code: "AUD-1", costingMethod: "fifo" } });
    expect(await actions.createLocationAction({ code: "AUD-LOC", name: "Audit loc", kind: "store", bins: ["X-1"] })).toMatchObject({ ok: true });
    expect(await lastEntry()).toMatchObject({ action: "location.create", target_label: "AUD-LOC" });
    expect(await actions.addBinsAction({ code: "AUD-LOC", bins: ["X-2"] })).toMatchObject({ ok: true });
    expect(await lastEntry()).toMatchObject({ action: "location.bins", before: { bins: ["X-1"] }, after: { bins: ["X-1", "X-2"] } });

    const api = await f.call("admin", "POST", "/api/v1/channels", { code: "audit-ch", name: "Audit channel" });
    expect(api.status).toBe(201);
    expect(await lastEntry()).toMatchObject({ actor_id: admin.id, action: "channel.create", target_label: "audit-ch" });

    const policy = { location: "WH-EAST", safetyStock: 2, inspectionLeadDays: 1, allocations: [{ channel: "web", qty: 3 }], approvalThresholds: { writeOffValue: "50.00", countVarianceUnits: 1 } };
    expect((await f.call("admin_2", "PUT", "/api/v1/skus/AUD-1/policy", policy)).status).toBe(200);
    expect(await lastEntry()).toMatchObject({ actor_id: demoUser("admin", true).id, action: "policy.set", target_label: "AUD-1 at WH-EAST", before: null, after: { safetyStock: 2 } });
    expect((await f.call("admin", "PUT", "/api/v1/skus/AUD-1/policy", { ...policy, safetyStock: 7 })).status).toBe(200);
    expect(await lastEntry()).toMatchObject({ before: { safetyStock: 2, allocations: [{ channel: "web", qty: 3 }] }, after: { safetyStock: 7 } });

    const skus = await f.call("admin", "POST", "/api/v1/skus", { sku: "AUD-2", name: "Via API", costingMethod: "average" });
    expect(skus.status).toBe(201);
    expect(await lastEntry()).toMatchObject({ action: "sku.create", target_label: "AUD-2" });
    expect((await f.call("admin", "POST", "/api/v1/locations", { code: "AUD-API", name: "Via API", kind: "store" })).status).toBe(201);
    expect(await lastEntry()).toMatchObject({ action: "location.create", target_label: "AUD-API" });
  });

  it("a change that fails writes no entry (same transaction)", async () => {
    const before = await entries();
    expect((await f.call("admin", "POST", "/api/v1/skus", { sku: "AUD-1", name: "Again", costingMethod: "fifo" })).status).toBe(409);
    expect((await f.call("sales", "POST", "/api/v1/channels", { code: "nope", name: "Nope" })).status).toBe(403);
    expect(await entries()).toBe(before);
  });
});

describe("the log is append-only and readable", () => {
  it("the database refuses UPDATE, DELETE and TRUNCATE", async () => {
    await expect(f.query("UPDATE audit_log SET action = 'nothing'")).rejects.toThrow(/append-only/);
    await expect(f.query("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
    await expect(f.query("TRUNCATE audit_log")).rejects.toThrow(/append-only/);
  });

  it("the admin page reads it newest first, a page at a time, filtered by action", async () => {
    const { auditPage } = await import("../../lib/server/admin/read.ts");
    const total = await entries();
    const first = await auditPage({ page: 1 });
    expect(first.total).toBe(total);
    expect(first.rows[0]).toMatchObject({ action: "location.create", actor: { name: admin.name }, target: { label: "AUD-API" } });
    const ids = first.rows.map((row) => Number(row.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const roles = await auditPage({ page: 1, action: "user.role" });
    expect(roles.rows.map((row) => row.action)).toEqual(["user.role"]);
  });
});
