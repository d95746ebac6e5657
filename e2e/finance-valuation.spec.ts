// The finance lead's valuation: every SKU and location with totals, sorted in SQL,
// as of a past moment; a SKU's page with its FIFO layers. Warehouse and sales
// users reach none of it. SHELF-07 (FIFO) is this spec's own SKU.
import type { APIRequestContext, Locator } from "@playwright/test";
import { demoUser, expect, test } from "./fixtures.ts";

const SKU = "SHELF-07";
const tag = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`.toUpperCase();

async function post(request: APIRequestContext, role: "finance" | "warehouse", body: Record<string, unknown>) {
  const response = await request.post("/api/v1/events", { headers: { authorization: `Bearer ${demoUser(role).token}`, "idempotency-key": tag() }, data: body });
  expect(response.status(), JSON.stringify(await response.json())).toBe(201);
}

/** A receipt at a cost no demo PO uses, so its layer is recognisable. */
async function receive(request: APIRequestContext, qty: number, unitCost: string) {
  const po = `PO-FIN-${tag()}`;
  const at = { sku: SKU, qty, location: "WH-EAST" };
  await post(request, "finance", { type: "po.confirm", ...at, reference: po, unitCost, eta: new Date(Date.now() + 86_400_000).toISOString(), fob: "destination", supplier: "E2E" });
  await post(request, "warehouse", { type: "receive", ...at, reference: po, bin: "A-03" });
  await post(request, "warehouse", { type: "inspect", ...at, bin: "A-03", result: "pass" });
}

/** "−1,234.50" → cents, exact. */
function cents(text: string): bigint {
  const clean = text.trim().replace(/,/g, "").replace("−", "-");
  const [whole, fraction = ""] = clean.split(".");
  const negative = whole.startsWith("-");
  const value = BigInt(whole.replace("-", "") + fraction.padEnd(2, "0"));
  return negative ? -value : value;
}

async function values(rows: Locator): Promise<bigint[]> {
  const texts = await rows.locator("td:nth-child(6) span[class*=tabular-nums]").allTextContents();
  return texts.map(cents);
}

test("a finance user sees the valuation with totals, sorts it by value, and opens a SKU's FIFO layers", async ({ financePage: page, request }) => {
  await receive(request, 3, "71.37");

  await page.goto("/finance");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Finance overview");
  const table = page.getByTestId("valuation-table");
  await expect(table.getByTestId("valuation-row").first()).toBeVisible();
  await expect(page.getByTestId("valuation-totals")).toContainText("every page");
  await expect(page.getByRole("navigation", { name: "rows pages" })).toContainText("page 1 of");

  // Sorting is the server's: the header is a link, and the page comes back ordered.
  await page.getByTestId("sort-value").click();
  await expect(page).toHaveURL(/sort=value&dir=desc/);
  const sorted = await values(page.getByTestId("valuation-row"));
  expect(sorted.length).toBeGreaterThan(1);
  expect(sorted).toEqual([...sorted].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
  await page.getByTestId("sort-value").click();
  await expect(page).toHaveURL(/sort=value&dir=asc/);

  // Search narrows the list; the totals follow the filter.
  await page.getByLabel("SKU code or name").fill(SKU);
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${SKU}`));
  const rows = page.getByTestId("valuation-row");
  await expect(rows.first()).toBeVisible();
  for (const sku of await rows.evaluateAll((els) => els.map((el) => el.getAttribute("data-sku")))) expect(sku).toBe(SKU);
  const rowValues = await values(rows);
  const total = cents((await page.getByTestId("valuation-totals").locator("td").nth(2).locator("span[class*=tabular-nums]").textContent()) ?? "");
  expect(rowValues.reduce((a, b) => a + b, 0n)).toBe(total);

  await rows.first().getByRole("link", { name: SKU }).click();
  await expect(page).toHaveURL(new RegExp(`/finance/skus/${SKU}`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(SKU);
  await expect(page.getByText("FIFO").first()).toBeVisible();
  const layer = page.getByTestId("cost-layer").filter({ hasText: "71.37" });
  await expect(layer).toHaveCount(1);
  await expect(layer).toContainText("3");
  await expect(layer).toContainText("214.11");
  await expect(page.getByRole("region", { name: "Value over time" }).getByRole("img")).toBeVisible();
  await expect(page.getByTestId("timing-bucket")).toHaveCount(4);
});

test("as of a past moment, the valuation says so and its links keep the moment", async ({ financePage: page }) => {
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 16);
  await page.goto(`/finance?asOf=${yesterday}`);
  await expect(page.getByTestId("as-of-banner")).toContainText("as of");
  await expect(page.getByLabel("As of (UTC)")).toHaveValue(yesterday);
  const link = page.getByTestId("valuation-row").first().getByRole("link").first();
  await expect(link).toHaveAttribute("href", /asOf=/);
  await link.click();
  await expect(page.getByTestId("as-of-banner")).toBeVisible();
  await page.getByRole("link", { name: "Back to now" }).click();
  await expect(page.getByTestId("as-of-banner")).toHaveCount(0);
});

test("warehouse and sales users cannot reach the finance screens or the journal download", async ({ warehousePage, salesPage }) => {
  for (const page of [warehousePage, salesPage]) {
    for (const path of ["/finance", `/finance/skus/${SKU}`, "/finance/grni", "/finance/journal", "/finance/periods"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 }), path).toHaveText("Not allowed");
      await expect(page.getByTestId("valuation-table")).toHaveCount(0);
    }
    const download = await page.request.get("/finance/journal/export");
    expect(download.status()).toBe(403);
    expect(await download.text()).not.toContain("account");
  }
});

test("an admin reads the finance screens but is not offered the period close", async ({ adminPage: page }) => {
  await page.goto("/finance");
  await expect(page.getByTestId("valuation-table")).toBeVisible();
  await page.goto("/finance/periods");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Periods");
  await expect(page.getByRole("form", { name: "Close a period" })).toHaveCount(0);
});
