import { type Page } from "@playwright/test";
import { DEMO, expect, signInAs, test, unique } from "./support";

/**
 * Issue 16, item 10: each role lands on its own work, the sign-in page is ready to type into,
 * an untouched form shows no error, and the new-batch draft keeps everything typed into it.
 */

/** The new-batch form's saved draft (lib/batches/draft.ts), as the browser holds it. */
async function savedDraft(page: Page): Promise<Record<string, unknown> | null> {
  const raw = await page.evaluate(() => localStorage.getItem("atlas-review:new-batch-draft"));
  return raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
}

for (const [role, path, heading] of [
  ["admin", "/batches", "Batches"],
  ["reviewer", "/review", "Review"],
  ["qa", "/qa", "QA"],
] as const) {
  test(`signing in as ${role} lands on ${path}`, async ({ page }) => {
    await signInAs(page, role);
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(new RegExp(`^${heading}`));
    // The product name in the header leads to the same place.
    await page.goto("/account");
    await page.getByRole("link", { name: "Atlas Review" }).click();
    await expect(page).toHaveURL(new RegExp(`${path}$`));
  });
}

test("the sign-in page starts in the email box, so one can type straight away", async ({ page }) => {
  await page.goto("/sign-in");
  const email = page.getByLabel("Email");
  await expect(email).toBeFocused();
  await page.keyboard.type(DEMO.reviewer.email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(DEMO.reviewer.password);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("current-user")).toContainText(DEMO.reviewer.name);
  await expect(page).toHaveURL(/\/review$/);
});

test("an untouched new-batch form shows no error; a list with nothing in it does", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/batches/new");
  const rows = page.getByLabel("URLs or CSV rows");
  await expect(rows).toBeVisible();
  await expect(page.getByText(/Nothing to submit/)).toHaveCount(0);
  await expect(page.getByTestId("row-summary")).toHaveText("0 rows: 0 valid, 0 with problems");
  await expect(rows).not.toHaveAttribute("aria-invalid", "true");
  // A header with no rows under it is something typed that cannot be submitted: that is said.
  await rows.fill("document_id,file_url");
  await expect(page.getByText(/Nothing to submit/)).toBeVisible();
  await rows.fill("");
  await expect(page.getByText(/Nothing to submit/)).toHaveCount(0);
});

test("the new-batch draft keeps the label and product type, not only the pasted text", async ({
  page,
  baseURL,
}) => {
  await signInAs(page, "admin");
  await page.goto("/batches/new");
  const label = unique("draft");
  const productType = page.getByLabel("Product type");
  const initial = await productType.inputValue();
  const options = await productType.locator("option").allTextContents();
  const chosen = options.find((o) => o !== initial) ?? "";
  expect(chosen, "needs two product types to tell a kept choice from the default").not.toBe("");
  await productType.selectOption(chosen);
  await page.getByLabel(/^Label/).fill(label);
  // The draft is saved a moment after the last keystroke.
  await expect.poll(() => savedDraft(page)).toMatchObject({ label, productType: chosen });
  await page.reload();
  // Label and product type alone are a draft too.
  await expect(page.getByLabel(/^Label/)).toHaveValue(label);
  await expect(productType).toHaveValue(chosen);

  const url = `${baseURL}/atlas-sim/files/pan-01.svg`;
  await page.getByLabel("URLs or CSV rows").fill(url);
  await expect(page.getByTestId("row-summary")).toHaveText("1 row: 1 valid, 0 with problems");
  await expect.poll(() => savedDraft(page)).toMatchObject({ text: url, label, productType: chosen });
  await page.reload();
  await expect(page.getByLabel("URLs or CSV rows")).toHaveValue(url);
  await expect(page.getByLabel(/^Label/)).toHaveValue(label);
  await expect(productType).toHaveValue(chosen);

  // Emptied, the form starts afresh after a reload.
  await page.getByLabel("URLs or CSV rows").fill("");
  await page.getByLabel(/^Label/).fill("");
  await productType.selectOption(initial);
  await expect.poll(() => savedDraft(page)).toBeNull();
  await page.reload();
  await expect(page.getByLabel(/^Label/)).toHaveValue("");
  await expect(page.getByLabel("URLs or CSV rows")).toHaveValue("");
  await expect(productType).toHaveValue(initial);
});
