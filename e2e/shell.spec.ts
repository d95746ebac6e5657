// The shell as a new user meets it: deep links through sign-in, a real 403 and
// 404, the API's own 404, the login form's messages and demo accounts, and a
// layout that fits a phone.
import type { Page } from "@playwright/test";
import { expect, test, demoUser, signIn } from "./fixtures.ts";

async function fillAndSubmit(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("a deep link survives sign-in: /admin/tokens signed out lands on /admin/tokens", async ({ page }) => {
  await page.goto("/admin/tokens?page=1");
  await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Ftokens%3Fpage%3D1$/);
  const admin = demoUser("admin");
  await fillAndSubmit(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/admin\/tokens\?page=1$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("API tokens");
});

for (const next of ["//evil.example/x", "https://evil.example/", "/\\evil.example"]) {
  test(`?next=${next} is ignored: sign-in lands on the user's own area`, async ({ page }) => {
    await page.goto(`/login?${new URLSearchParams({ next })}`);
    const sales = demoUser("sales");
    await fillAndSubmit(page, sales.email, sales.password);
    await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/sales$/);
  });
}

test("a sales user on /finance gets a 403 titled Not allowed, inside the shell", async ({ salesPage }) => {
  const response = await salesPage.goto("/finance");
  expect(response?.status()).toBe(403);
  await expect(salesPage).toHaveTitle(/^Not allowed/);
  await expect(salesPage.getByRole("heading", { level: 1 })).toHaveText("Not allowed");
  await expect(salesPage.getByText("This area belongs to the Finance role.")).toBeVisible();
  await expect(salesPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sales" })).toBeVisible();
  await expect(salesPage.getByText("Finance overview")).toHaveCount(0);
});

test("an unknown page answers 404 inside the shell for a signed-in user", async ({ warehousePage }) => {
  const response = await warehousePage.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(warehousePage).toHaveTitle(/^Page not found/);
  await expect(warehousePage.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(warehousePage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Warehouse" })).toBeVisible();
  await expect(warehousePage.getByRole("button", { name: "Sign out" })).toBeVisible();
});

test("an unknown /api/v1 route answers problem+json 404, not HTML", async ({ request }) => {
  for (const path of ["/api/v1/nope", "/api/v1/skus/CHAIR-01/nope"]) {
    const response = await request.get(path, { headers: { authorization: `Bearer ${demoUser("sales").token}` } });
    expect(response.status()).toBe(404);
    expect(response.headers()["content-type"]).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 404, code: "not_found" });
  }
});

test("the login form names the empty fields, tells a wrong password apart, and moves focus to the problem", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const email = page.getByLabel("Email");
  const password = page.getByLabel("Password");
  await expect(page.getByText("Enter your email", { exact: true })).toBeVisible();
  await expect(page.getByText("Enter your password", { exact: true })).toBeVisible();
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveAccessibleDescription("Enter your email");
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(email).toBeFocused();

  await email.fill("sales@concord.test");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Enter your email", { exact: true })).toHaveCount(0);
  await expect(email).not.toHaveAttribute("aria-invalid", "true");
  await expect(password).toBeFocused();

  const sales2 = demoUser("sales", true);
  await fillAndSubmit(page, sales2.email, "not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("Email or password is wrong.");
  await expect(page.getByText("Enter your password", { exact: true })).toHaveCount(0);
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveAccessibleDescription("Email or password is wrong.");
  await expect(password).toBeFocused();
  await expect(email).toHaveValue(sales2.email);
});

test("clicking a demo account fills the form, and it signs in", async ({ page }) => {
  const finance = demoUser("finance");
  await page.goto("/login");
  await page.getByRole("complementary", { name: "Demo sign-ins" }).getByRole("button", { name: new RegExp(finance.email) }).click();
  await expect(page.getByLabel("Email")).toHaveValue(finance.email);
  await expect(page.getByLabel("Password")).toHaveValue(finance.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/finance$/);
});

for (const [width, height] of [[390, 844], [1280, 800]] as const) {
  test(`at ${width} px the navigation and Sign out fit, and wide tables say they scroll`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, viewport: { width, height } });
    const page = await context.newPage();
    await signIn(page, demoUser("admin"));
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const name of ["Sales", "Warehouse", "Finance", "Administration"]) {
      const box = await nav.getByRole("link", { name, exact: true }).boundingBox();
      expect(box, name).not.toBeNull();
      expect(box!.x, `${name} starts on screen`).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width, `${name} ends on screen`).toBeLessThanOrEqual(width);
    }
    const signOut = page.getByRole("button", { name: "Sign out" });
    const button = await signOut.boundingBox();
    expect(button!.x + button!.width).toBeLessThanOrEqual(width);
    expect(button!.height, "Sign out on one line").toBeLessThan(40);
    await page.screenshot({ path: test.info().outputPath(`admin-${width}.png`), fullPage: true });

    await page.goto("/finance/approvals");
    const hint = page.getByRole("region", { name: "Decided" }).getByTestId("scroll-hint");
    if (width < 640) await expect(hint).toBeVisible();
    else await expect(hint).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath(`finance-${width}.png`), fullPage: true });

    await page.goto("/no-such-page");
    await page.screenshot({ path: test.info().outputPath(`not-found-${width}.png`), fullPage: true });
    await page.goto("/admin/channels");
    await page.screenshot({ path: test.info().outputPath(`channels-${width}.png`), fullPage: true });
    await context.close();

    const guest = await browser.newContext({ baseURL, viewport: { width, height } });
    const login = await guest.newPage();
    await login.goto("/login");
    await login.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(login.getByText("Enter your email", { exact: true })).toBeVisible();
    await login.screenshot({ path: test.info().outputPath(`login-${width}.png`), fullPage: true });
    await guest.close();
  });
}

test("an admin creates a channel and chooses the locations that serve it; none ticked means every location", async ({ adminPage: page }) => {
  // A channel of its own, so the demo channels other specs sell on keep their mapping.
  const code = `e2e-${Date.now().toString(36)}`;
  const name = `Channel ${code}`;
  await page.goto("/admin/channels");
  const create = page.getByRole("form", { name: "New sales channel" });
  await create.getByLabel("Channel code").fill(code);
  await create.getByLabel("Name").fill(name);
  await create.getByRole("button", { name: "Create channel" }).click();
  const form = page.getByRole("form", { name: `Locations serving ${name}` });
  await expect(form).toBeVisible();
  const region = page.getByRole("region", { name });
  await expect(region).toContainText("served by every location");

  const codes = await form.getByRole("checkbox").evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
  expect(codes.length).toBeGreaterThan(1);
  await form.getByRole("checkbox", { name: new RegExp(`^${codes[0]}`) }).check();
  await form.getByRole("button", { name: "Save locations" }).click();
  await expect(form.getByRole("status")).toHaveText(`${name} is served by ${codes[0]}.`);
  expect(await (await page.request.get(`/api/v1/channels/${code}/locations`)).json()).toMatchObject({ channel: code, locations: [codes[0]] });

  await page.reload();
  await expect(page.getByRole("form", { name: `Locations serving ${name}` }).getByRole("checkbox", { name: new RegExp(`^${codes[0]}`) })).toBeChecked();
  await expect(page.getByRole("region", { name })).toContainText(`served by ${codes[0]}`);
  await page.goto(`/admin/audit?${new URLSearchParams({ action: "channel.locations" })}`);
  await expect(page.getByText(code).first()).toBeVisible();
});

test("an address whose percent escapes do not decode is a 400, not a crash", async ({ request }) => {
  const api = await request.get("/api/v1/skus/%E0%A4%A/sales?channel=web", { headers: { authorization: `Bearer ${demoUser("sales").token}` } });
  expect(api.status()).toBe(400);
  expect(api.headers()["content-type"]).toContain("application/problem+json");
  expect(await api.json()).toMatchObject({ code: "invalid_input" });
  const page = await request.get("/sales/skus/%E0%A4%A");
  expect(page.status()).toBe(400);
});
