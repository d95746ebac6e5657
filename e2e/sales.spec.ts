// The sales screens in the browser: a rep reads what can be promised, confirms an
// order line and sees it taken off ATP; an order beyond ATP is refused in words
// with the date it could be promised; another role cannot reach the sales actions.
import type { APIRequestContext } from "@playwright/test";
import { expect, test, demoUser } from "./fixtures.ts";

// A SKU no other spec moves, so its ATP changes only by what this file does.
const SKU = "SHELF-06";
const NAME = "Floating shelf";
const CHANNEL = "web";

const tag = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`.toUpperCase();
const bearer = (role: "sales" | "warehouse" | "finance") => ({ authorization: `Bearer ${demoUser(role).token}` });

async function postEvent(request: APIRequestContext, role: "warehouse" | "finance", body: Record<string, unknown>) {
  const response = await request.post("/api/v1/events", { headers: { ...bearer(role), "idempotency-key": tag() }, data: body });
  expect(response.status(), JSON.stringify(await response.json())).toBe(201);
}

/** Units on the shelf at WH-EAST now, and a PO due in ten days, so a larger order has a promise date. */
async function stockUp(request: APIRequestContext) {
  const at = { sku: SKU, location: "WH-EAST" };
  const soon = new Date(Date.now() + 86_400_000).toISOString();
  const later = new Date(Date.now() + 10 * 86_400_000).toISOString();
  const arrived = `PO-E2E-${tag()}`;
  await postEvent(request, "finance", { type: "po.confirm", ...at, qty: 6, reference: arrived, unitCost: "20.00", eta: soon, fob: "destination", supplier: "E2E" });
  await postEvent(request, "warehouse", { type: "receive", ...at, qty: 6, reference: arrived, bin: "A-03" });
  await postEvent(request, "warehouse", { type: "inspect", ...at, qty: 6, bin: "A-03", result: "pass" });
  await postEvent(request, "finance", { type: "po.confirm", ...at, qty: 400, reference: `PO-E2E-${tag()}`, unitCost: "20.00", eta: later, fob: "destination", supplier: "E2E" });
}

type SalesView = { atp: number; reservations: { orderLine: string }[]; promise?: { earliestDate: string | null; location: string | null } };

async function salesView(request: APIRequestContext, qty?: number): Promise<SalesView> {
  const response = await request.get(`/api/v1/skus/${SKU}/sales?channel=${CHANNEL}${qty ? `&qty=${qty}` : ""}`, { headers: bearer("sales") });
  expect(response.status()).toBe(200);
  return (await response.json()) as SalesView;
}

/** The refusal names the day as refusalInWords does: "14 March". */
const dayInWords = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", timeZone: "UTC" });

test("a sales rep finds a SKU, confirms an order line within ATP and is refused beyond it with the promise date", async ({ salesPage: page, request }) => {
  await stockUp(request);

  await page.goto(`/sales?channel=${CHANNEL}`);
  await page.getByRole("searchbox", { name: "Search SKUs" }).fill(NAME);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=Floating/);
  const row = page.getByTestId("sales-row");
  await expect(row).toHaveCount(1);
  await row.getByRole("link", { name: new RegExp(NAME) }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText(NAME);
  await expect(page.getByTestId("as-of")).toContainText("as of event #");
  const atp = page.getByTestId("atp-today");
  const before = Number(await atp.textContent());
  expect(before).toBeGreaterThanOrEqual(6);

  const form = page.getByRole("form", { name: "Confirm an order line" });
  const orderLine = `SO-E2E-${tag()}`;
  await form.getByLabel("Quantity").fill("2");
  await form.getByLabel("Order reference").fill(orderLine);
  await form.getByRole("button", { name: "Confirm order line" }).click();
  await expect(form.getByRole("status")).toContainText(`Reserved 2 for ${orderLine}`);
  await expect(atp).toHaveText(String(before - 2));
  const reservation = page.getByTestId("reservation").filter({ hasText: orderLine });
  await expect(reservation).toContainText("Reserved");
  await expect(reservation).toContainText("today");

  // More than any location can promise today, less than arrives with the PO.
  const tooMany = before + 10;
  const promised = (await salesView(request, tooMany)).promise?.earliestDate;
  expect(promised).toBeTruthy();
  await form.getByLabel("Quantity").fill(String(tooMany));
  await form.getByLabel("Order reference").fill(`SO-E2E-${tag()}`);
  await form.getByRole("button", { name: "Confirm order line" }).click();
  const refusal = form.getByRole("alert").filter({ hasText: "available to promise" });
  await expect(refusal).toContainText(`Only `);
  await expect(refusal).toContainText(`arrive on ${dayInWords(promised!)}`);
  await expect(form.getByLabel("Quantity")).toHaveValue(String(tooMany));
  await expect(atp).toHaveText(String(before - 2));

  // The promise calculator gives the same date for that quantity.
  const calculator = page.getByRole("form", { name: "Promise calculator" });
  await calculator.getByLabel("Units wanted").fill(String(tooMany));
  await calculator.getByRole("button", { name: "Check" }).click();
  await expect(page.getByTestId("promise-answer")).toContainText("from WH-EAST");
  await expect(page).toHaveURL(new RegExp(`qty=${tooMany}`));
});

test("the admin reads a SKU's sales view but is offered no order action", async ({ adminPage }) => {
  await adminPage.goto(`/sales/skus/${SKU}?channel=${CHANNEL}`);
  await expect(adminPage.getByRole("heading", { level: 1 })).toContainText(NAME);
  await expect(adminPage.getByText("Sales reps confirm and release order lines here.")).toBeVisible();
  await expect(adminPage.getByRole("button", { name: "Confirm order line" })).toHaveCount(0);
});

test("a warehouse user cannot reach the sales actions, on the page or by posting the action", async ({ salesPage, warehousePage, request, baseURL }) => {
  await warehousePage.goto(`/sales/skus/${SKU}?channel=${CHANNEL}`);
  await expect(warehousePage.getByRole("heading", { level: 1 })).toHaveText("Not allowed");
  await expect(warehousePage.getByRole("button", { name: "Confirm order line" })).toHaveCount(0);

  // Take the confirm action's request from a rep's page without letting it through...
  const path = `/sales/skus/${SKU}?channel=${CHANNEL}`;
  let captured: { headers: Record<string, string>; body: Buffer } | null = null;
  await salesPage.route("**/sales/skus/**", async (route) => {
    const req = route.request();
    if (req.method() !== "POST" || !req.headers()["next-action"]) return route.continue();
    captured = { headers: req.headers(), body: req.postDataBuffer()! };
    await route.abort();
  });
  await salesPage.goto(path);
  const orderLine = `SO-E2E-WH-${tag()}`;
  const form = salesPage.getByRole("form", { name: "Confirm an order line" });
  await form.getByLabel("Quantity").fill("1");
  await form.getByLabel("Order reference").fill(orderLine);
  await form.getByRole("button", { name: "Confirm order line" }).click();
  await expect.poll(() => captured).not.toBeNull();

  // ...and send it with the warehouse user's session: the action refuses the role.
  const { headers, body } = captured!;
  const response = await warehousePage.request.post(path, {
    headers: { "next-action": headers["next-action"], "content-type": headers["content-type"], accept: "text/x-component", origin: baseURL! },
    data: body,
  });
  const text = await response.text();
  expect(text).toContain("does not take orders");
  expect(text).not.toContain(`"ok":true`);
  expect((await salesView(request)).reservations.map((r) => r.orderLine)).not.toContain(orderLine);
});
