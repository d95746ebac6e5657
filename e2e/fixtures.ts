// Signed-in pages per role, each in its own browser context so that a test can
// hold several roles at once (a requester and an approver, say).
import { test as base, expect, type Browser, type Page } from "@playwright/test";
import { DEMO_USERS, demoUser, type DemoUser } from "../prisma/demo-users.ts";
import type { Role } from "../lib/domain/roles.ts";

export { expect, DEMO_USERS, demoUser, type DemoUser };

/** Signs in through the login form and waits for the user's area. */
export async function signIn(page: Page, user: DemoUser): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/${user.role}$`));
}

async function signedInPage(browser: Browser, baseURL: string | undefined, user: DemoUser, provide: (page: Page) => Promise<void>) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, user);
  await provide(page);
  await context.close();
}

type RolePages = Record<`${Role}Page`, Page>;

export const test = base.extend<RolePages>({
  salesPage: async ({ browser, baseURL }, use) => signedInPage(browser, baseURL, demoUser("sales"), use),
  warehousePage: async ({ browser, baseURL }, use) => signedInPage(browser, baseURL, demoUser("warehouse"), use),
  financePage: async ({ browser, baseURL }, use) => signedInPage(browser, baseURL, demoUser("finance"), use),
  adminPage: async ({ browser, baseURL }, use) => signedInPage(browser, baseURL, demoUser("admin"), use),
});
