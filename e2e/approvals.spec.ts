// Roles in the browser: a role cannot reach or perform another role's work, and an
// approval needs a different person holding the owning role.
import type { APIRequestContext } from "@playwright/test";
import { expect, test, demoUser } from "./fixtures.ts";

const tag = () => `e2e-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

async function postEvent(request: APIRequestContext, token: string, body: Record<string, unknown>) {
  const response = await request.post("/api/v1/events", {
    headers: { authorization: `Bearer ${token}`, "idempotency-key": tag() },
    data: body,
  });
  return { status: response.status(), body: (await response.json()) as Record<string, unknown> & { approval?: { id: string }; code?: string } };
}

/** Fresh stock through the ledger: a PO confirmed by finance, received and passed by the warehouse. */
async function stock(request: APIRequestContext, qty: number) {
  const po = `PO-${tag()}`;
  const at = { sku: "LAMP-01", qty, location: "WH-EAST" };
  const eta = new Date(Date.now() + 86_400_000).toISOString();
  expect((await postEvent(request, demoUser("finance").token, { type: "po.confirm", ...at, reference: po, unitCost: "12.00", eta, fob: "destination", supplier: "E2E" })).status).toBe(201);
  expect((await postEvent(request, demoUser("warehouse").token, { type: "receive", ...at, reference: po, bin: "A-01" })).status).toBe(201);
  expect((await postEvent(request, demoUser("warehouse").token, { type: "inspect", ...at, bin: "A-01", result: "pass" })).status).toBe(201);
}

test("a sales user cannot call a finance action with their session", async ({ salesPage, baseURL }) => {
  // Same origin, so the refusal is the role's, not the cross-site guard's.
  const response = await salesPage.request.post("/api/v1/events", {
    headers: { "idempotency-key": tag(), origin: baseURL! },
    data: { type: "period.close", period: "2024-01" },
  });
  expect(response.status()).toBe(403);
  expect(await response.json()).toMatchObject({ code: "forbidden" });
});

test("a sales user cannot open the approvals or the admin screens", async ({ salesPage }) => {
  for (const path of ["/finance/approvals", "/warehouse/approvals", "/admin/users"]) {
    await salesPage.goto(path);
    await expect(salesPage.getByRole("heading", { level: 1 })).toHaveText("Not allowed");
  }
});

test("a write-off requested by the warehouse is approved by finance in the browser", async ({ financePage, request }) => {
  await stock(request, 2);
  const reason = tag();
  const warehouse = demoUser("warehouse").token;
  expect((await postEvent(request, warehouse, { type: "damage", sku: "LAMP-01", qty: 1, location: "WH-EAST", bin: "A-01", fromState: "AVAILABLE" })).status).toBe(201);
  const requested = await postEvent(request, warehouse, { type: "writeoff", sku: "LAMP-01", qty: 1, location: "WH-EAST", bin: "A-01", reason });
  expect(requested.status).toBe(202);

  await financePage.goto("/finance/approvals");
  const card = financePage.getByTestId("pending-approval").filter({ hasText: reason });
  await expect(card).toBeVisible();
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(financePage.getByTestId("pending-approval").filter({ hasText: reason })).toHaveCount(0);

  const decided = await request.get("/api/v1/approvals?status=approved", { headers: { authorization: `Bearer ${demoUser("finance").token}` } });
  const approvals = ((await decided.json()) as { approvals: { id: string; eventSeq: number | null }[] }).approvals;
  expect(approvals.find((a) => a.id === requested.body.approval?.id)?.eventSeq).toEqual(expect.any(Number));
});

test("the requester of a hold release sees that another approver must decide", async ({ warehousePage, request }) => {
  await stock(request, 1);
  const reason = tag();
  const warehouse = demoUser("warehouse").token;
  expect((await postEvent(request, warehouse, { type: "hold", sku: "LAMP-01", qty: 1, location: "WH-EAST", bin: "A-01" })).status).toBe(201);
  expect((await postEvent(request, warehouse, { type: "hold.release", sku: "LAMP-01", qty: 1, location: "WH-EAST", bin: "A-01", reason })).status).toBe(202);

  await warehousePage.goto("/warehouse/approvals");
  const card = warehousePage.getByTestId("pending-approval").filter({ hasText: reason });
  await expect(card).toContainText("Your request — another approver must decide");
  await expect(card.getByRole("button", { name: "Approve" })).toHaveCount(0);
});
