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
async function stock(request: APIRequestContext, qty: number, sku = "LAMP-01", bin = "A-01") {
  const po = `PO-${tag()}`;
  const at = { sku, qty, location: "WH-EAST" };
  const eta = new Date(Date.now() + 86_400_000).toISOString();
  expect((await postEvent(request, demoUser("finance").token, { type: "po.confirm", ...at, reference: po, unitCost: "12.00", eta, fob: "destination", supplier: "E2E" })).status).toBe(201);
  expect((await postEvent(request, demoUser("warehouse").token, { type: "receive", ...at, reference: po, bin })).status).toBe(201);
  expect((await postEvent(request, demoUser("warehouse").token, { type: "inspect", ...at, bin, result: "pass" })).status).toBe(201);
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

test("an approval whose moves no longer fit is refused in words, and the request says why", async ({ financePage, request }) => {
  // A SKU and bin no other spec touches, so nothing else moves its damaged units meanwhile.
  const at = { sku: "LAMP-02", location: "WH-EAST", bin: "B-02" };
  await stock(request, 1, at.sku, at.bin);
  const view = await request.get(`/api/v1/skus/${at.sku}/warehouse?location=${at.location}`, { headers: { authorization: `Bearer ${demoUser("warehouse").token}` } });
  const bins = ((await view.json()) as { locations: { bins: { bin: string; states: Record<string, number> }[] }[] }).locations[0].bins;
  const damagedBefore = bins.find((b) => b.bin === at.bin)?.states.DAMAGED ?? 0;

  const reason = tag();
  const warehouse = demoUser("warehouse").token;
  const damaged = await postEvent(request, warehouse, { type: "damage", ...at, qty: 1, fromState: "AVAILABLE" });
  expect(damaged.status).toBe(201);
  const qty = damagedBefore + 1;
  expect((await postEvent(request, warehouse, { type: "writeoff", ...at, qty, reason })).status).toBe(202);
  // The damage turns out to be a mistake: reversing it takes a unit the write-off showed.
  const group = (damaged.body as { group: string }).group;
  expect((await postEvent(request, warehouse, { type: "reverse", reverses: group, reason: "not damaged after all" })).status).toBe(201);

  await financePage.goto("/finance/approvals");
  const card = financePage.getByTestId("pending-approval").filter({ hasText: reason });
  await expect(card).toContainText(`Posts ${qty} · WH-EAST DAMAGED bin B-02 → WH-EAST SCRAP`);
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(card.getByRole("alert")).toContainText("no longer fit");
  await financePage.reload();
  const stale = financePage.getByTestId("pending-approval").filter({ hasText: reason });
  await expect(stale.getByRole("status")).toContainText("Could not be approved as shown");
  await stale.screenshot({ path: test.info().outputPath("stale-approval.png") });
});
