// Month-end reconciliation, read by every role: the company list with each SKU's
// three remainders, and a SKU page with the three identities as waterfalls, all
// with zero remainders on the demo data, and the timing gaps linking to their queues.
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";

const SKU = "SHELF-07";

async function opensReconciliation(page: Page) {
  await page.goto("/reconciliation");
  await expect(page.getByRole("heading", { name: "Reconciliation", level: 1 })).toBeVisible();
  await expect(page.getByTestId("failing-count")).toHaveText("0");
  await expect(page.getByTestId("reconciliation-row").first()).toBeVisible();

  await page.goto(`/reconciliation/${SKU}`);
  for (const name of ["on-hand-vs-atp", "owned-vs-on-hand", "journal-vs-layers"]) {
    await expect(page.locator(`[data-testid="identity"][data-name="${name}"]`).first()).toBeVisible();
  }
  const remainders = page.locator('[data-testid="identity"] [data-testid="remainder"]');
  expect(await remainders.count()).toBeGreaterThanOrEqual(3);
  await expect(page.locator('[data-testid="remainder"][data-zero="false"]')).toHaveCount(0);
  await expect(page.getByRole("img", { name: /On hand → ATP/ }).first()).toBeVisible();
}

// Playwright reads a test's fixtures from its parameter list, so each role names its page.
test("a sales user opens the reconciliation and a SKU's three identities, all explained", ({ salesPage }) => opensReconciliation(salesPage));
test("a warehouse user opens the reconciliation and a SKU's three identities, all explained", ({ warehousePage }) => opensReconciliation(warehousePage));
test("a finance user opens the reconciliation and a SKU's three identities, all explained", ({ financePage }) => opensReconciliation(financePage));
test("an admin opens the reconciliation and a SKU's three identities, all explained", ({ adminPage }) => opensReconciliation(adminPage));

test("the timing gaps name their age and link to the queue that clears them, where the role may open it", async ({ warehousePage: page }) => {
  // CHAIR-01 has goods in transit and on hold in the demo history.
  await page.goto("/reconciliation/CHAIR-01");
  const gaps = page.getByTestId("gap-row");
  if ((await gaps.count()) > 0) {
    await expect(gaps.first()).toContainText(/day|—/);
    // A warehouse user is sent to warehouse queues only; a finance queue is named with its team instead.
    for (const row of await gaps.all()) {
      const link = row.getByRole("link");
      if (await link.count()) await expect(link).toHaveAttribute("href", /^\/warehouse\//);
      else await expect(row).toContainText("(finance team)");
    }
  } else {
    await expect(page.getByText("Nothing is waiting.")).toBeVisible();
  }
});
