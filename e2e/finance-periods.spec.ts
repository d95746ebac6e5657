// Closing a month from the screen: the close stores the month-end valuation and
// trial balance, shown afterwards as stored, and an event dated into the month
// is refused from then on. This spec is the only one that closes a month.
import { demoUser, expect, test } from "./fixtures.ts";

test("a finance user closes a month, sees its stored trial balance, and an event dated into it is refused", async ({ financePage: page, request }) => {
  test.setTimeout(90_000);
  await page.goto("/finance/periods");
  const form = page.getByRole("form", { name: "Close a period" });
  const month = form.getByLabel("Month");
  // The last ended month is offered; when it is closed already (the demo history closes some), go back to the latest open one.
  const closed = await page.getByTestId("closed-period").getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href")?.split("/").pop()));
  let period = await month.inputValue();
  while (closed.includes(period)) {
    const [y, mo] = period.split("-").map(Number);
    period = new Date(Date.UTC(y, mo - 2, 1)).toISOString().slice(0, 7);
  }
  await month.fill(period);
  await form.getByRole("button", { name: /^Close / }).click();
  await expect(form.getByRole("status").filter({ hasText: "is closed" })).toBeVisible({ timeout: 60_000 });

  await form.getByRole("link", { name: "See what was stored" }).click();
  await expect(page).toHaveURL(new RegExp(`/finance/periods/${period}$`));
  const balance = page.getByTestId("trial-balance");
  await expect(balance.getByTestId("trial-balance-row")).not.toHaveCount(0);
  await expect(balance.getByTestId("trial-balance-total")).toContainText("Balanced");
  const stored = await balance.textContent();

  // The stored valuation is the valuation as of the month's last instant, as every screen computes it.
  const tile = (label: string) => page.locator("dt", { hasText: label }).locator("xpath=following-sibling::dd[1]");
  const storedValue = await tile("Inventory value").textContent();
  const storedOwned = await tile("Owned units").textContent();
  const [year, m] = period.split("-").map(Number);
  const lastInstant = new Date(Date.UTC(year, m, 1) - 1).toISOString();
  await page.goto(`/finance?asOf=${encodeURIComponent(lastInstant)}`);
  await expect(page.getByTestId("as-of-banner")).toBeVisible();
  await expect(tile("Inventory value")).toHaveText(storedValue ?? "");
  await expect(tile("Owned units")).toHaveText(storedOwned ?? "");

  // Frozen: a receipt dated into the closed month is refused in words.
  const occurredAt = `${period}-15T12:00:00.000Z`;
  const refused = await request.post("/api/v1/events", {
    headers: { authorization: `Bearer ${demoUser("finance").token}`, "idempotency-key": `fin-period-${Date.now()}` },
    data: { type: "po.confirm", sku: "SHELF-07", qty: 1, location: "WH-EAST", reference: `PO-CLOSED-${Date.now()}`, unitCost: "10.00", eta: new Date().toISOString(), fob: "destination", supplier: "E2E", occurredAt },
  });
  expect(refused.status()).toBeGreaterThanOrEqual(400);
  expect(await refused.json()).toMatchObject({ code: "period_closed" });

  // The list shows it, and the stored figures read the same again.
  await page.goto("/finance/periods");
  await expect(page.getByTestId("closed-period").filter({ hasText: /\w+ \d{4}/ }).first()).toBeVisible();
  await page.goto(`/finance/periods/${period}`);
  await expect(page.getByTestId("trial-balance")).toHaveText(stored ?? "");
});
