// The admin's work in the browser: service accounts and their tokens, which act
// through the API with the account's role until revoked; destructive actions ask
// first; other roles cannot reach the admin screens' actions.
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";

const tag = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Creates an account on the users screen; returns its email. */
async function createAccount(page: Page, kind: "Person" | "Service account", name: string, role: string): Promise<string> {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}@e2e.test`;
  await page.goto("/admin/users");
  await page.getByLabel("Kind").selectOption({ label: kind });
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role").selectOption({ label: role });
  if (kind === "Person") await page.getByLabel("Initial password").fill("an e2e password of some length");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("status")).toContainText(email);
  return email;
}

test("an admin issues a token for a service account; it acts with that role until revoked, after a confirmation naming it", async ({ adminPage, request }) => {
  const account = `Sync ${tag()}`;
  await createAccount(adminPage, "Service account", account, "Warehouse");
  await adminPage.screenshot({ path: test.info().outputPath("users.png"), fullPage: true });
  const name = `e2e ${tag()}`;
  await adminPage.goto("/admin/tokens");
  await adminPage.locator("#token-user").selectOption({ label: `${account} (Warehouse)` });
  await adminPage.locator("#token-name").fill(name);
  await adminPage.getByRole("button", { name: "Issue token" }).click();
  const token = (await adminPage.getByTestId("issued-token-value").textContent())?.trim() ?? "";
  expect(token).toMatch(/^concord_/);

  const asWarehouse = { authorization: `Bearer ${token}` };
  expect((await request.get("/api/v1/skus/CHAIR-01/warehouse", { headers: asWarehouse })).status()).toBe(200);
  const finance = await request.post("/api/v1/events", {
    headers: { ...asWarehouse, "idempotency-key": `e2e-${name}` },
    data: { type: "period.close", period: "2024-02" },
  });
  expect(finance.status()).toBe(403);

  await adminPage.reload();
  await adminPage.getByRole("button", { name: `Revoke ${name}` }).click();
  const dialog = adminPage.getByRole("alertdialog", { name: `Revoke “${name}”?` });
  await expect(dialog).toContainText(`${token.slice(0, 12)}…`);
  await expect(dialog).toContainText(account);
  // Cancel first: nothing happens.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  expect((await request.get("/api/v1/skus/CHAIR-01/warehouse", { headers: asWarehouse })).status()).toBe(200);
  await adminPage.getByRole("button", { name: `Revoke ${name}` }).click();
  await dialog.getByRole("button", { name: "Revoke token" }).click();
  await expect(adminPage.getByRole("button", { name: `Revoke ${name}` })).toHaveCount(0);
  expect((await request.get("/api/v1/skus/CHAIR-01/warehouse", { headers: asWarehouse })).status()).toBe(401);

  await adminPage.goto("/admin/audit?action=token.revoke");
  await expect(adminPage.getByRole("table", { name: "Audit log" })).toContainText(`${token.slice(0, 12)}…`);
  await adminPage.goto("/admin/audit");
  await adminPage.screenshot({ path: test.info().outputPath("audit-log.png"), fullPage: true });
});

test("an admin cannot pick a person when issuing a token", async ({ adminPage }) => {
  await adminPage.goto("/admin/tokens");
  const options = await adminPage.locator("#token-user option").allTextContents();
  expect(options.some((option) => option.includes("Wes Okafor"))).toBe(false);
});

test("deactivating a user asks first, then signs them out everywhere", async ({ adminPage, browser, baseURL }) => {
  const name = `Temp ${tag()}`;
  const email = await createAccount(adminPage, "Person", name, "Sales");
  // The new user signs in in a browser of their own.
  const theirs = await browser.newContext({ baseURL });
  const them = await theirs.newPage();
  await them.goto("/login");
  await them.getByLabel("Email").fill(email);
  await them.getByLabel("Password").fill("an e2e password of some length");
  await them.getByRole("button", { name: "Sign in" }).click();
  await expect(them).toHaveURL(/\/sales$/);

  await adminPage.goto("/admin/users");
  await adminPage.getByRole("link", { name: `Manage ${name}` }).click();
  await adminPage.getByRole("button", { name: "Deactivate user" }).click();
  const dialog = adminPage.getByRole("alertdialog", { name: `Deactivate ${name}?` });
  await expect(dialog).toBeVisible();
  await adminPage.screenshot({ path: test.info().outputPath("deactivate-confirm.png") });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(adminPage.getByText("Active: can sign in")).toBeVisible();
  await adminPage.getByRole("button", { name: "Deactivate user" }).click();
  await dialog.getByRole("button", { name: "Deactivate" }).click();
  await expect(adminPage.getByRole("status")).toHaveText("User deactivated.");

  await them.goto("/sales");
  await expect(them).toHaveURL(/\/login(\?|$)/);
  await theirs.close();
});

test("a warehouse user cannot create master data through the API with their session", async ({ warehousePage, baseURL }) => {
  // Same origin, so the refusal below is the role's, not the cross-site guard's.
  const response = await warehousePage.request.post("/api/v1/skus", {
    headers: { origin: baseURL! },
    data: { sku: "NOPE-1", name: "Nope", costingMethod: "fifo" },
  });
  expect(response.status()).toBe(403);
  expect(await response.json()).toMatchObject({ code: "forbidden", detail: expect.stringContaining("catalogue.write") });
  await warehousePage.goto("/admin/catalogue");
  await expect(warehousePage.getByRole("heading", { level: 1 })).toHaveText("Not allowed");
});
