// The journal with its filters in the URL, the trial balance for the same lines,
// and the CSV download holding exactly the lines the screen lists. SHELF-08 is
// this spec's own SKU.
import { readFile } from "node:fs/promises";
import type { APIRequestContext } from "@playwright/test";
import { demoUser, expect, test } from "./fixtures.ts";

const SKU = "SHELF-08";
const tag = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`.toUpperCase();

async function post(request: APIRequestContext, role: "finance" | "warehouse", body: Record<string, unknown>) {
  const response = await request.post("/api/v1/events", { headers: { authorization: `Bearer ${demoUser(role).token}`, "idempotency-key": tag() }, data: body });
  expect(response.status(), JSON.stringify(await response.json())).toBe(201);
}

test("a finance user filters the journal by SKU and account and downloads the same lines as CSV", async ({ financePage: page, request }) => {
  // A receipt under FOB destination: inventory debited 2 × 33.10, GRNI credited.
  const po = `PO-FIN-${tag()}`;
  const at = { sku: SKU, qty: 2, location: "WH-WEST" };
  await post(request, "finance", { type: "po.confirm", ...at, reference: po, unitCost: "33.10", eta: new Date(Date.now() + 86_400_000).toISOString(), fob: "destination", supplier: "E2E" });
  await post(request, "warehouse", { type: "receive", ...at, reference: po, bin: "R-01" });

  await page.goto("/finance/journal");
  await page.getByLabel("SKU").fill(SKU);
  await page.getByLabel("Account").selectOption("inventory");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(new RegExp(`sku=${SKU}&account=inventory`));

  const lines = page.getByTestId("journal-line");
  await expect(lines.first()).toBeVisible();
  for (const text of await lines.allTextContents()) {
    expect(text).toContain(SKU);
    expect(text).toContain("Inventory");
  }
  const mine = lines.filter({ hasText: po });
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText("66.20");
  const pager = await page.getByRole("navigation", { name: "lines pages" }).textContent();
  const total = Number(/(\d+) lines/.exec(pager ?? "")?.[1]);
  expect(total).toBeGreaterThan(0);

  // The trial balance covers the same lines (every account) and balances.
  const balance = page.getByTestId("trial-balance");
  await expect(balance.getByTestId("trial-balance-total")).toContainText("Balanced");
  await expect(balance.locator('[data-account="inventory"]')).toBeVisible();

  // The download honours the filters: a header, then exactly the lines listed above.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("journal-csv").click()]);
  expect(download.suggestedFilename()).toBe(`journal_${SKU}_inventory.csv`);
  const csv = await readFile(await download.path(), "utf8");
  const [header, ...rows] = csv.trimEnd().split("\r\n");
  expect(header).toBe("id,occurredAt,seq,eventId,type,group,sku,location,account,debit,credit,doc");
  expect(rows).toHaveLength(total);
  for (const row of rows) {
    const cells = row.split(",");
    expect(cells[6]).toBe(SKU);
    expect(cells[8]).toBe("inventory");
  }
  expect(rows.find((row) => row.endsWith(`,${po}`))).toMatch(new RegExp(`,${SKU},WH-WEST,inventory,66\\.20,0\\.00,${po}$`));
});

test("an unknown SKU in the journal filter is said in words, and its download is refused", async ({ financePage: page }) => {
  await page.goto("/finance/journal?sku=NO-SUCH-SKU");
  await expect(page.getByRole("alert").filter({ hasText: "There is no SKU" })).toContainText("NO-SUCH-SKU");
  const response = await page.request.get("/finance/journal/export?sku=NO-SUCH-SKU");
  expect(response.status()).toBe(400);
});
