// The finance approvals inbox puts the money first: a write-off shows the value
// it takes off the books before anyone approves it. SHELF-05 is this spec's own SKU.
import type { APIRequestContext } from "@playwright/test";
import { demoUser, expect, test } from "./fixtures.ts";

const SKU = "SHELF-05";
const tag = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`.toUpperCase();

async function post(request: APIRequestContext, role: "finance" | "warehouse", body: Record<string, unknown>) {
  const response = await request.post("/api/v1/events", { headers: { authorization: `Bearer ${demoUser(role).token}`, "idempotency-key": tag() }, data: body });
  return { status: response.status(), body: (await response.json()) as Record<string, unknown> };
}

test("a write-off waiting for finance shows the value at stake, and the requester cannot decide it", async ({ financePage, warehousePage, request }) => {
  const po = `PO-FIN-${tag()}`;
  const at = { sku: SKU, qty: 1, location: "WH-EAST", bin: "B-01" };
  expect((await post(request, "finance", { type: "po.confirm", ...at, reference: po, unitCost: "64.00", eta: new Date(Date.now() + 86_400_000).toISOString(), fob: "destination", supplier: "E2E" })).status).toBe(201);
  expect((await post(request, "warehouse", { type: "receive", ...at, reference: po })).status).toBe(201);
  expect((await post(request, "warehouse", { type: "inspect", ...at, result: "pass" })).status).toBe(201);
  expect((await post(request, "warehouse", { type: "damage", ...at, fromState: "AVAILABLE" })).status).toBe(201);
  const reason = `e2e ${tag()}`;
  expect((await post(request, "warehouse", { type: "writeoff", ...at, reason })).status).toBe(202);

  await financePage.goto("/finance/approvals");
  const card = financePage.getByTestId("pending-approval").filter({ hasText: reason });
  const stake = card.getByTestId("value-at-stake");
  await expect(stake).toContainText("Value written off");
  await expect(stake).toContainText(/\d[\d,]*\.\d\d/);
  await expect(card.getByRole("button", { name: "Approve" })).toBeVisible();

  // The warehouse user who asked sees the same figure and no way to decide it.
  await warehousePage.goto("/warehouse/approvals");
  const own = warehousePage.getByTestId("pending-approval").filter({ hasText: reason });
  await expect(own).toContainText("Your request — another approver must decide");
  await expect(own.getByRole("button", { name: "Approve" })).toHaveCount(0);
});

test("a finance user cannot approve their own standard cost change; another finance user can, and the revaluation posts", async ({ financePage, request }) => {
  const reason = `e2e cost ${tag()}`;
  const asked = await post(request, "finance", { type: "cost.change", sku: "LAMP-08", location: "WH-EAST", standardCost: "31.25", reason });
  expect(asked.status).toBe(202);
  const { id } = asked.body.approval as { id: string };

  await financePage.goto("/finance/approvals");
  const card = financePage.getByTestId("pending-approval").filter({ hasText: reason });
  await expect(card).toContainText("Your request — another approver must decide");
  await expect(card.getByTestId("value-at-stake")).toContainText("Revaluation");
  await expect(card.getByRole("button", { name: "Approve" })).toHaveCount(0);
  // Nor through the API with the same person's token.
  const self = await request.post(`/api/v1/approvals/${id}/approve`, { headers: { authorization: `Bearer ${demoUser("finance").token}` } });
  expect(self.status()).toBe(403);

  const other = await request.post(`/api/v1/approvals/${id}/approve`, { headers: { authorization: `Bearer ${demoUser("finance", true).token}` } });
  expect(other.status()).toBe(201);
  await financePage.goto("/finance/skus/LAMP-08");
  await expect(financePage.getByText("31.25").first()).toBeVisible();
});
