// Signing in and out, and who may open which area.
import { test, expect, signIn, DEMO_USERS, demoUser } from "./fixtures.ts";

const HEADINGS = {
  sales: "Sales overview",
  warehouse: "Warehouse overview",
  finance: "Finance overview",
  admin: "Administration",
} as const;

for (const user of DEMO_USERS) {
  test(`${user.email} signs in and lands on /${user.role}`, async ({ page }) => {
    await signIn(page, user);
    await expect(page).toHaveURL(new RegExp(`/${user.role}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(HEADINGS[user.role]);
  });
}

test("a sales user opening /finance is told it is not allowed", async ({ salesPage }) => {
  await salesPage.goto("/finance");
  await expect(salesPage.getByRole("heading", { level: 1 })).toHaveText("Not allowed");
  await expect(salesPage.getByText(HEADINGS.finance)).toHaveCount(0);
});

test("wrong credentials are refused and the user stays on the login page", async ({ page }) => {
  const user = demoUser("finance");
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  // Next.js keeps an empty role="alert" route announcer on every page: take the one with text.
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("Email or password is wrong.");
  await expect(page).toHaveURL(/\/login(\?|$)/);
});

test("signing out returns to the login page and closes the user's own area", async ({ salesPage: page }) => {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await page.goto("/sales");
  await expect(page).toHaveURL(/\/login(\?|$)/);
});

test("an unauthenticated visit to /warehouse is sent to the login page", async ({ page }) => {
  await page.goto("/warehouse");
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.getByLabel("Email")).toBeVisible();
});
