// The controller posts from the Record screen: a supplier invoice reached from
// the GRNI line it clears, a purchase order (and the field named when one is
// wrong), and a standard cost change that waits for another approver.
// TABLE-07, CHAIR-07 and LAMP-07 are this spec's own SKUs.
import type { Page } from "@playwright/test";
import { demoUser, expect, test } from "./fixtures.ts";

/** Pages through GRNI (oldest first, so a new document is on the last page) until the document's line shows. */
async function openGrniPageWith(page: Page, po: string): Promise<boolean> {
  for (let n = 1; n <= 50; n++) {
    await page.goto(`/finance/grni?page=${n}`);
    if ((await page.getByTestId("grni-row").filter({ hasText: po }).count()) > 0) return true;
    if (!(await page.getByRole("link", { name: "Next", exact: true }).count())) return false;
  }
  return false;
}

const tag = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`.toUpperCase();

test("an invoice recorded from its GRNI line clears it", async ({ financePage, request }) => {
  const po = `PO-REC-${tag()}`;
  const at = { sku: "TABLE-07", qty: 3, location: "WH-WEST" };
  const post = async (role: "finance" | "warehouse", body: Record<string, unknown>) =>
    (await request.post("/api/v1/events", { headers: { authorization: `Bearer ${demoUser(role).token}`, "idempotency-key": tag() }, data: body })).status();
  expect(await post("finance", { type: "po.confirm", ...at, reference: po, unitCost: "150.00", eta: new Date(Date.now() + 86_400_000).toISOString(), fob: "destination", supplier: "E2E" })).toBe(201);
  expect(await post("warehouse", { type: "receive", ...at, reference: po })).toBe(201);

  const line = financePage.getByTestId("grni-row").filter({ hasText: po });
  expect(await openGrniPageWith(financePage, po)).toBe(true);
  await line.getByRole("link", { name: `Record invoice for ${po}, TABLE-07` }).click();
  await expect(financePage).toHaveURL(/\/finance\/record\?/);
  const form = financePage.getByRole("form", { name: "Record invoice" });
  await expect(form.getByLabel("PO number")).toHaveValue(po);
  await expect(form.getByLabel("SKU")).toHaveValue("TABLE-07");
  await expect(form.getByLabel("Location")).toHaveValue("WH-WEST");
  await expect(form.getByLabel("Units")).toHaveValue("3");

  // Without a price nothing posts, and the field says why.
  await form.getByRole("button", { name: "Record invoice" }).click();
  await expect(financePage.getByTestId("invoice-form-feedback")).toContainText("Nothing was posted");
  await expect(financePage.getByTestId("invoice-form-unitCost-error")).toBeVisible();

  await form.getByLabel("Invoiced unit price").fill("152.50");
  await form.getByRole("button", { name: "Record invoice" }).click();
  await expect(financePage.getByTestId("invoice-form-feedback")).toContainText(/Supplier invoice matched for TABLE-07: recorded \(event #\d+\)/);

  expect(await openGrniPageWith(financePage, po)).toBe(false);
});

test("a purchase order posts from its form, and a wrong field is named", async ({ financePage }) => {
  const po = `PO-FORM-${tag()}`;
  await financePage.goto("/finance/record");
  const form = financePage.getByRole("form", { name: "Confirm purchase order" });
  await form.getByLabel("PO number").fill(po);
  await form.getByLabel("Supplier").fill("Form Supplies");
  await form.getByLabel("SKU").fill("chair-07");
  await form.getByLabel("Location").selectOption("WH-EAST");
  await form.getByLabel("Units").fill("4");
  await form.getByLabel("Unit cost").fill("twelve");
  await form.getByLabel("Expected on").fill("2031-05-04");
  await form.getByRole("button", { name: "Confirm purchase order" }).click();
  await expect(financePage.getByTestId("po-form-unitCost-error")).toContainText('decimal string such as "12.50"');

  await form.getByLabel("Unit cost").fill("191.00");
  await form.getByRole("button", { name: "Confirm purchase order" }).click();
  await expect(financePage.getByTestId("po-form-feedback")).toContainText(/Posted 4 × CHAIR-07: .*ON_ORDER/);
  // The PO stays filled in for its next line; the line's own fields clear.
  await expect(form.getByLabel("PO number")).toHaveValue(po);
  await expect(form.getByLabel("SKU")).toHaveValue("");
});

test("a standard cost change from the form waits for another finance user", async ({ financePage }) => {
  const reason = `e2e record ${tag()}`;
  await financePage.goto("/finance/record");
  const form = financePage.getByRole("form", { name: "Request cost change" });
  await form.getByLabel("SKU").fill("LAMP-07");
  await form.getByLabel("New standard cost").fill("77.70");
  await form.getByLabel("Reason").fill(reason);
  await form.getByRole("button", { name: "Request cost change" }).click();
  await expect(financePage.getByTestId("cost-form-feedback")).toContainText("Waiting for approval");

  await financePage.goto("/finance/approvals");
  await expect(financePage.getByTestId("pending-approval").filter({ hasText: reason })).toContainText("Your request — another approver must decide");
});

test("the admin reads the finance screens but is offered no posting form", async ({ adminPage }) => {
  await adminPage.goto("/finance/record");
  await expect(adminPage.getByRole("status").filter({ hasText: "These postings belong to the Finance role" })).toBeVisible();
  await expect(adminPage.getByRole("form")).toHaveCount(0);
  // GRNI still lists what waits for an invoice, without the link to a form the admin could not post.
  await adminPage.goto("/finance/grni");
  await expect(adminPage.getByRole("heading", { name: "Received, not invoiced" })).toBeVisible();
  await expect(adminPage.getByTestId("grni-row").first()).toBeVisible();
  await expect(adminPage.getByRole("link", { name: /^Record invoice for / })).toHaveCount(0);
});
