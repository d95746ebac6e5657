// Sign-in and sessions as an attacker would try them: a copied cookie after
// sign-out, a form submitted before the page hydrates, a locked account, a write
// from another origin riding on the session cookie.
import { expect, test, demoUser, signIn } from "./fixtures.ts";

test("after signing out, a copy of the session cookie no longer signs anyone in", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, demoUser("sales", true));
  const copied = await context.cookies();
  expect(copied.some((cookie) => cookie.name.endsWith("next-auth.session-token"))).toBe(true);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login(\?|$)/);

  // An attacker who kept the cookie replays it in a browser of their own.
  const thief = await browser.newContext({ baseURL });
  await thief.addCookies(copied);
  const stolen = await thief.newPage();
  await stolen.goto("/sales");
  await expect(stolen).toHaveURL(/\/login(\?|$)/);
  const api = await thief.request.get("/api/v1/channels");
  expect(api.status()).toBe(401);
  await thief.close();
  await context.close();
});

test("the login form submitted before hydration posts: the password never appears in a URL", async ({ browser, baseURL }) => {
  // No JavaScript at all: what a submit before hydration does.
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const page = await context.newPage();
  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));
  const user = demoUser("warehouse", true);

  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Email or password is wrong.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(user.email);
  await page.screenshot({ path: test.info().outputPath("login-no-js-error.png") });

  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/warehouse$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Warehouse overview");

  expect(urls.filter((url) => /password|not-the-password|concord-demo/.test(url))).toEqual([]);
  await context.close();
});

test("a GET of /login with a password in the query is redirected without it", async ({ page }) => {
  await page.goto("/login?email=sales%40concord.test&password=concord-demo");
  await expect(page).toHaveURL(/\/login\?email=sales%40concord\.test$/);
});

test("five wrong passwords lock the account: the right one is refused with how long to wait", async ({ adminPage, page }) => {
  const email = `locked-${Date.now().toString(36)}@e2e.test`;
  const password = "the right e2e password";
  await adminPage.goto("/admin/users");
  await adminPage.getByLabel("Name").fill("Locked Out");
  await adminPage.getByLabel("Email").fill(email);
  await adminPage.getByLabel("Initial password").fill(password);
  await adminPage.getByRole("button", { name: "Create user" }).click();
  await expect(adminPage.getByRole("status")).toContainText(email);

  await page.goto("/login");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong ${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("Email or password is wrong.");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  }
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("Too many failed sign-ins for this account. Try again in 15 minutes.");
  await expect(page).toHaveURL(/\/login(\?|$)/);
});

test("a write riding on the session cookie from another origin is refused", async ({ financePage, baseURL }) => {
  const port = Number(new URL(baseURL!).port) + 1;
  const response = await financePage.request.post("/api/v1/channels", {
    headers: { origin: `http://localhost:${port}` },
    data: { code: "csrf-e2e", name: "Forged" },
  });
  expect(response.status()).toBe(403);
  expect(await response.json()).toMatchObject({ code: "forbidden" });
  const form = await financePage.request.post("/api/v1/events", {
    headers: { origin: baseURL!, "content-type": "text/plain", "idempotency-key": "csrf-e2e" },
    data: JSON.stringify({ type: "period.close", period: "2024-03" }),
  });
  expect(form.status()).toBe(415);
});
