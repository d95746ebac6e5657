// Live updates in the browser: the warehouse posts a receipt and, without anyone
// reloading, the sales rep's SKU page, the warehouse's SKU page and the finance
// user's GRNI move to the new figures, and "as of event #N" advances.
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test, demoUser } from "./fixtures.ts";

// SKUs no other spec (nor another test here, running in parallel) moves.
const SKU = "SHELF-03";
const OTHER_SKU = "SHELF-04";
const FINANCE_SKU = "SHELF-02";
const tag = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`.toUpperCase();

async function post(request: APIRequestContext, role: "warehouse" | "finance", body: Record<string, unknown>): Promise<number> {
  const response = await request.post("/api/v1/events", {
    headers: { authorization: `Bearer ${demoUser(role).token}`, "idempotency-key": tag() },
    data: body,
  });
  const answer = (await response.json()) as { events: { seq: number }[] };
  expect(response.status(), JSON.stringify(answer)).toBe(201);
  return Math.max(...answer.events.map((event) => event.seq));
}

/** The badge once the page's stream is up: the seq it shows. */
async function liveSeq(page: Page): Promise<number> {
  const badge = page.getByTestId("as-of-event");
  await expect(badge).toHaveAttribute("data-live", "live");
  return Number(await badge.getAttribute("data-seq"));
}

const onHand = (page: Page) => page.locator("dt", { hasText: /^On hand$/ }).locator("xpath=following-sibling::dd[1]");

test("a receipt and its inspection reach the sales and warehouse screens without a reload", async ({ salesPage, warehousePage, request }) => {
  const at = { sku: SKU, location: "WH-EAST" };
  const po = `PO-LIVE-${tag()}`;
  await post(request, "finance", { type: "po.confirm", ...at, qty: 12, reference: po, unitCost: "30.00", eta: new Date(Date.now() + 86_400_000).toISOString(), fob: "destination", supplier: "E2E" });

  await salesPage.goto(`/sales/skus/${SKU}?channel=web`);
  await warehousePage.goto(`/warehouse/skus/${SKU}`);
  const salesBefore = await liveSeq(salesPage);
  const warehouseBefore = await liveSeq(warehousePage);
  const atpBefore = Number(await salesPage.getByTestId("atp-today").textContent());
  const onHandBefore = Number(await onHand(warehousePage).textContent());
  // Both pages were read after the PO: they are at the same instant for this SKU.
  expect(salesBefore).toBe(warehouseBefore);

  const received = await post(request, "warehouse", { type: "receive", ...at, qty: 12, reference: po, bin: "A-02" });
  await expect(warehousePage.getByTestId("as-of-event")).toHaveAttribute("data-seq", String(received));
  await expect(onHand(warehousePage)).toHaveText(String(onHandBefore + 12));
  // The browser raised its read floor to the event its stream delivered: with a read
  // replica, the refetch it caused reads where that event already is.
  const floor = (await warehousePage.context().cookies()).find((cookie) => cookie.name === "concord_seq");
  expect(Number(floor?.value)).toBeGreaterThanOrEqual(received);
  await expect(salesPage.getByTestId("as-of-event")).toHaveAttribute("data-seq", String(received));
  await expect(salesPage.getByTestId("as-of-event")).toContainText(`as of event #${received}`);

  const inspected = await post(request, "warehouse", { type: "inspect", ...at, qty: 12, bin: "A-02", result: "pass" });
  await expect(salesPage.getByTestId("atp-today")).toHaveText(String(atpBefore + 12));
  await expect(salesPage.getByTestId("as-of-event")).toHaveAttribute("data-seq", String(inspected));
  await expect(warehousePage.getByTestId("as-of-event")).toHaveAttribute("data-seq", String(inspected));
});

test("a page whose stream is down says so, and catches up once it is back", async ({ salesPage, request }) => {
  // The stream is refused until the route is lifted: the page still renders, its badge says so.
  await salesPage.route("**/api/live**", (route) => route.abort());
  await salesPage.goto(`/sales/skus/${OTHER_SKU}?channel=web`);
  await expect(salesPage.getByTestId("as-of-event")).toHaveAttribute("data-live", "reconnecting");
  await expect(salesPage.getByTestId("as-of-event")).toContainText("Reconnecting");
  const po = `PO-LIVE-${tag()}`;
  const confirmed = await post(request, "finance", { type: "po.confirm", sku: OTHER_SKU, location: "WH-EAST", qty: 3, reference: po, unitCost: "30.00", eta: new Date(Date.now() + 86_400_000).toISOString(), fob: "destination", supplier: "E2E" });
  await salesPage.unroute("**/api/live**");
  await expect(salesPage.getByTestId("as-of-event")).toHaveAttribute("data-live", "live", { timeout: 20_000 });
  await expect(salesPage.getByTestId("as-of-event")).toHaveAttribute("data-seq", String(confirmed));
});

test("a receipt moves the finance user's GRNI without a reload", async ({ financePage, request }) => {
  const at = { sku: FINANCE_SKU, location: "WH-EAST" };
  const po = `PO-LIVE-${tag()}`;
  await post(request, "finance", { type: "po.confirm", ...at, qty: 5, reference: po, unitCost: "30.00", eta: new Date(Date.now() + 86_400_000).toISOString(), fob: "destination", supplier: "E2E" });
  await financePage.goto(`/finance/skus/${FINANCE_SKU}`);
  const before = await liveSeq(financePage);
  const grniUnits = financePage.getByTestId("timing-bucket").filter({ hasText: "Received, not invoiced" }).locator("td").nth(1);
  const units = Number(await grniUnits.innerText());
  const received = await post(request, "warehouse", { type: "receive", ...at, qty: 5, reference: po, bin: "A-02" });
  expect(received).toBeGreaterThan(before);
  await expect(grniUnits).toHaveText(String(units + 5), { useInnerText: true });
  // The finance pages show the ledger's last seq read before their data: at least the receipt's.
  await expect.poll(async () => Number(await financePage.getByTestId("as-of-event").getAttribute("data-seq"))).toBeGreaterThanOrEqual(received);
});
