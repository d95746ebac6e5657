// The overview: the seed's four self-assessment questions, answered as figures
// for every role from the demo's live data.
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";

async function expectFourAnswers(page: Page) {
  await page.goto("/overview");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overview");
  await expect(page.getByTestId("answer-traceability")).toContainText(/\d+%/);
  await expect(page.getByTestId("answer-traceability")).toContainText(/\d+ of \d+ with history/);
  // The demo closes each ended month: the last one is compared with the views.
  await expect(page.getByTestId("answer-close")).toBeVisible();
  await expect(page.getByTestId("close-status")).toHaveText(/Reconciled|Does not reconcile/);
  await expect(page.getByTestId("answer-adjustments")).toContainText("Count variances");
  await expect(page.getByTestId("answer-adjustments").locator("tbody td").first()).toContainText(/^\d+ · /);
  await expect(page.getByTestId("atp-formula")).toContainText("ATP(c) = AVAILABLE − safety stock");
  await expect(page.getByTestId("answer-available")).toContainText("lib/domain/sales/availability.ts");
}

test("sales sees the four answers", async ({ salesPage }) => expectFourAnswers(salesPage));
test("warehouse sees the four answers", async ({ warehousePage }) => expectFourAnswers(warehousePage));
test("finance sees the four answers", async ({ financePage }) => expectFourAnswers(financePage));
test("admin sees the four answers", async ({ adminPage }) => expectFourAnswers(adminPage));

test("a stranger is sent to sign in", async ({ page }) => {
  await page.goto("/overview");
  await expect(page).toHaveURL(/\/login/);
});
