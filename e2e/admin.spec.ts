// The admin's work in the browser: tokens issued on screen act through the API with
// their user's role until revoked; other roles cannot reach the admin screens' actions.
import { expect, test } from "./fixtures.ts";

test("an admin issues a token that works for its user's role, then revokes it", async ({ adminPage, request }) => {
  const name = `e2e ${Date.now().toString(36)}`;
  await adminPage.goto("/admin/tokens");
  await adminPage.locator("#token-user").selectOption({ label: "Wes Okafor (Warehouse)" });
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

  adminPage.on("dialog", (dialog) => dialog.accept());
  await adminPage.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(adminPage.getByRole("button", { name: `Revoke ${name}` })).toHaveCount(0);
  expect((await request.get("/api/v1/skus/CHAIR-01/warehouse", { headers: asWarehouse })).status()).toBe(401);
});

test("a warehouse user cannot create master data through the API with their session", async ({ warehousePage }) => {
  const response = await warehousePage.request.post("/api/v1/skus", {
    data: { sku: "NOPE-1", name: "Nope", costingMethod: "fifo" },
  });
  expect(response.status()).toBe(403);
  await warehousePage.goto("/admin/catalogue");
  await expect(warehousePage.getByRole("heading", { level: 1 })).toHaveText("Not allowed");
});
