// An admin manages bins per location: each bin with what it holds now, bins
// added from the keyboard, an empty bin removed (and audited), a bin that took
// units since the page loaded refused in words. RUG-08 is this spec's own SKU.
import { demoUser, expect, test } from "./fixtures.ts";

const SKU = "RUG-08";
const tag = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 4)}`.toUpperCase();

test("an admin adds bins, removes an empty one, and is told in words why a bin holding units stays", async ({ adminPage: page, request }) => {
  const empty = `E2E-${tag()}`;
  const filled = `E2F-${tag()}`;
  await page.goto("/admin/locations");
  await expect(page.getByRole("heading", { name: "Locations & bins", level: 1 })).toBeVisible();
  // Channels live on /admin/channels alone.
  await expect(page.getByRole("form", { name: "New sales channel" })).toHaveCount(0);

  // The seeded East warehouse: every bin with what it holds by state.
  const west = page.getByRole("table", { name: "Bins at WH-WEST" });
  await expect(west.getByRole("row").filter({ hasText: "DOCK" })).toBeVisible();
  await expect(west.getByRole("row").filter({ hasText: /\d+ available/ }).first()).toBeVisible();

  // Two new bins, from the keyboard.
  const form = page.getByRole("form", { name: "Add bins at WH-WEST" });
  await form.getByRole("textbox").focus();
  await page.keyboard.type(`${empty}, ${filled}`);
  await page.keyboard.press("Enter");
  await expect(form.getByRole("status")).toHaveText(`Added ${[empty, filled].sort().join(", ")} to WH-WEST.`);
  const emptyRow = west.getByRole("row").filter({ hasText: empty });
  await expect(emptyRow).toContainText("Empty");

  // A unit arrives in one of them after the page was loaded.
  const po = `PO-BIN-${tag()}`;
  const headers = (role: "finance" | "warehouse") => ({ authorization: `Bearer ${demoUser(role).token}`, "idempotency-key": tag() });
  const eta = new Date(Date.now() + 86_400_000).toISOString();
  expect((await request.post("/api/v1/events", { headers: headers("finance"), data: { type: "po.confirm", sku: SKU, qty: 1, location: "WH-WEST", reference: po, unitCost: "60.00", eta, fob: "destination", supplier: "E2E" } })).status()).toBe(201);
  expect((await request.post("/api/v1/events", { headers: headers("warehouse"), data: { type: "receive", sku: SKU, qty: 1, location: "WH-WEST", reference: po, bin: filled } })).status()).toBe(201);

  await west.getByRole("button", { name: `Remove bin ${filled} from WH-WEST` }).click();
  await expect(page.getByRole("alert").filter({ hasText: "still holds" })).toHaveText(`Bin ${filled} at WH-WEST still holds 1 unit (1 receiving). Move or count them out first; only an empty bin can be removed.`);
  await page.reload();
  const filledRow = west.getByRole("row").filter({ hasText: filled });
  await expect(filledRow).toContainText("1 receiving");
  await expect(filledRow).toContainText("Empty it to remove");
  await expect(filledRow.getByRole("button")).toHaveCount(0);

  // The empty one goes, from the keyboard, and the audit log has it.
  await west.getByRole("button", { name: `Remove bin ${empty} from WH-WEST` }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Removed bin" })).toHaveText(`Removed bin ${empty} from WH-WEST.`);
  await expect(west.getByRole("row").filter({ hasText: empty })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("bins-1280.png"), fullPage: true });

  await page.goto("/admin/audit");
  const entry = page.getByRole("row").filter({ hasText: "Bins added or removed" }).filter({ hasText: "WH-WEST" }).first();
  await expect(entry).toContainText(empty);
});

test("a warehouse user cannot remove a bin", async ({ warehousePage: page }) => {
  const response = await page.goto("/admin/locations");
  expect(response?.status()).toBe(403);
});
