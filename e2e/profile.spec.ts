// A person's own API tokens: issued on their profile, seen once by them alone,
// acting with their role until they revoke it.
import { expect, test } from "./fixtures.ts";

test("a sales user issues their own token on /profile, uses it, and revokes it", async ({ salesPage: page, request }) => {
  await page.getByTestId("current-user-name").click();
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your profile");

  const name = `laptop ${Date.now().toString(36)}`;
  await page.getByLabel("Token name").fill(name);
  await page.getByRole("button", { name: "Issue token" }).click();
  const token = (await page.getByTestId("issued-token-value").textContent())?.trim() ?? "";
  expect(token).toMatch(/^concord_/);
  await page.screenshot({ path: test.info().outputPath("profile-issued.png"), fullPage: true });

  const asMe = { authorization: `Bearer ${token}` };
  expect((await request.get("/api/v1/channels", { headers: asMe })).status()).toBe(200);
  // It acts as a sales user, nothing more.
  const close = await request.post("/api/v1/events", { headers: { ...asMe, "idempotency-key": `profile-${name}` }, data: { type: "period.close", period: "2024-04" } });
  expect(close.status()).toBe(403);

  // The same name twice is refused next to the field.
  await page.getByLabel("Token name").fill(name);
  await page.getByRole("button", { name: "Issue token" }).click();
  await expect(page.getByTestId("token-name-error")).toHaveText("a live token already has this name");

  await page.reload();
  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  const dialog = page.getByRole("alertdialog", { name: `Revoke “${name}”?` });
  await expect(dialog).toContainText(`${token.slice(0, 12)}…`);
  await page.screenshot({ path: test.info().outputPath("profile-revoke-confirm.png") });
  await dialog.getByRole("button", { name: "Revoke token" }).click();
  await expect(page.getByRole("button", { name: `Revoke ${name}` })).toHaveCount(0);
  expect((await request.get("/api/v1/channels", { headers: asMe })).status()).toBe(401);
});

test("every role has a profile page", async ({ warehousePage, financePage, adminPage }) => {
  for (const page of [warehousePage, financePage, adminPage]) {
    await page.goto("/profile");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your profile");
  }
});

test("a stranger opening /profile is sent to sign in", async ({ page }) => {
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/login(\?|$)/);
});
