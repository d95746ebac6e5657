// A SKU's trace, read by every role: one PO followed from confirmation through
// receipt to the supplier's invoice, its journal lines and its effect on the views.
import type { APIRequestContext } from "@playwright/test";
import { demoUser, expect, test } from "./fixtures.ts";

const SKU = "SHELF-07";
const tag = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`.toUpperCase();

async function post(request: APIRequestContext, role: "finance" | "warehouse", body: Record<string, unknown>) {
  const response = await request.post("/api/v1/events", { headers: { authorization: `Bearer ${demoUser(role).token}`, "idempotency-key": tag() }, data: body });
  expect(response.status(), JSON.stringify(await response.json())).toBe(201);
}

/** A PO of its own: confirmed, received and invoiced, so the filter finds exactly these three. */
async function purchase(request: APIRequestContext): Promise<string> {
  const po = `PO-TRC-${tag()}`;
  const at = { sku: SKU, qty: 4, location: "WH-EAST" };
  await post(request, "finance", { type: "po.confirm", ...at, reference: po, unitCost: "12.00", eta: new Date(Date.now() + 86_400_000).toISOString(), fob: "destination", supplier: "E2E" });
  await post(request, "warehouse", { type: "receive", ...at, reference: po, bin: "A-03" });
  await post(request, "finance", { type: "invoice.match", ...at, reference: po, unitCost: "12.50" });
  return po;
}

test("a trace filtered by a PO shows its confirmation, receipt and invoice with their journal lines", async ({ warehousePage: page, request }) => {
  const po = await purchase(request);
  await page.goto("/trace");
  await page.getByLabel("SKU code").fill(SKU);
  await page.getByRole("button", { name: "Trace" }).click();
  await expect(page).toHaveURL(new RegExp(`/trace/${SKU}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Trace · ${SKU}`);

  await page.getByLabel("Document").fill(po);
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(new RegExp(`reference=${po}`));
  const entries = page.getByTestId("trace-entry");
  await expect(entries).toHaveCount(3);
  await expect(entries.nth(0)).toContainText("PO confirmed");
  await expect(entries.nth(0).getByTestId("trace-effects")).toContainText("Incoming+4");
  await expect(entries.nth(1)).toContainText("Received");
  await expect(entries.nth(1).getByTestId("trace-journal")).toContainText("Goods received not invoiced");
  await expect(entries.nth(1).getByTestId("trace-effects")).toContainText("Value+48.00");
  await expect(entries.nth(2)).toContainText("Supplier invoice matched");
  await expect(entries.nth(2).getByTestId("trace-journal")).toContainText("Accounts payable");
  await expect(entries.nth(2).getByTestId("trace-journal")).toContainText("Purchase price variance");
});

test("every role reads a trace; a bad filter is explained, not an error page", async ({ salesPage, financePage, adminPage }) => {
  for (const page of [salesPage, financePage, adminPage]) {
    await page.goto(`/trace/${SKU}`);
    await expect(page.getByTestId("trace-entry").first()).toBeVisible();
  }
  await salesPage.goto(`/trace/${SKU}?from=2026-02-30`);
  await expect(salesPage.getByTestId("trace-problem")).toContainText("not understood");
  await salesPage.goto("/trace/NO-SUCH-SKU");
  await expect(salesPage.getByTestId("trace-problem")).toContainText("There is no SKU");
});
