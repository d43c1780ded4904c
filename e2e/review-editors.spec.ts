import { type Locator, type Page } from "@playwright/test";
import { expect, signInAs, test, unique } from "./support";

/**
 * Correcting every shape of field (issue 16, item 2): an address part, a bank statement's
 * transaction cell and a date, each once by keyboard only and once by mouse, each checked after
 * a reload. The editors show the original beside the correction and have visible Save/Cancel.
 */
test.describe.configure({ mode: "serial" });

const label = unique("e2e-editors");
let batchUrl = "";

async function openDocument(page: Page, suffix: string) {
  await page.goto(batchUrl);
  await page.getByRole("link", { name: `${label}-${suffix}` }).click();
  await expect(page).toHaveURL(/\/documents\/[0-9a-f-]{36}/);
  await hydrated(page);
}

/** The workspace has focused its current row: keys and clicks now act. */
async function hydrated(page: Page) {
  await expect(page.locator('tr[data-testid^="field-"][tabindex="0"]')).toBeFocused();
}

async function reload(page: Page) {
  await page.reload();
  await hydrated(page);
}

/** Moves the current row to `row` with j/k only, as a keyboard user does. */
async function moveTo(page: Page, row: Locator) {
  const ids = await page
    .locator('tr[data-testid^="field-"]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-testid")!));
  const target = (await row.getAttribute("data-testid"))!;
  for (let i = 0; i <= ids.length && !(await row.evaluate((el) => el === document.activeElement)); i++) {
    const focused = await page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? "");
    await page.keyboard.press(ids.indexOf(focused) > ids.indexOf(target) ? "k" : "j");
  }
  await expect(row).toBeFocused();
}

test("an admin starts a batch with an Aadhaar card, a PAN card and a bank statement", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAs(page, "admin");
  await page.goto("/batches/new");
  await page.getByLabel(/^Label/).fill(label);
  await page.getByRole("button", { name: /Fill in the \d+ sample documents/ }).click();
  const textarea = page.getByLabel("URLs or CSV rows");
  const samples = (await textarea.inputValue()).split("\n");
  const pick = (name: string) => samples.find((u) => u.includes(`/${name}.`))!;
  await textarea.fill(
    [
      `${label}-aadhaar,${pick("aadhaar-01")}`,
      `${label}-pan,${pick("pan-01")}`,
      `${label}-bank,${pick("bank-statement-01")}`,
    ].join("\n"),
  );
  await page.getByRole("button", { name: "Submit 3 rows" }).click();
  await expect(page).toHaveURL(/\/batches\/[0-9a-f-]{36}$/);
  batchUrl = new URL(page.url()).pathname;
  await expect(page.getByRole("region", { name: "Progress" }).getByTestId("batch-status")).toHaveText(
    "Complete",
    {
      timeout: 60_000,
    },
  );
});

test("an address part is corrected by mouse, then by keyboard, and a wrong PIN code is refused", async ({
  page,
}) => {
  await signInAs(page, "admin");
  await openDocument(page, "aadhaar");
  const row = page.getByTestId("field-formatted_address");
  await expect(row.getByRole("rowheader")).toContainText("Address (parts)");

  // Mouse: Edit, change the city, Save.
  await row.getByRole("button", { name: "Edit Address (parts)" }).click();
  const editor = row.getByRole("group", { name: "Correct Address (parts)" });
  await expect(editor.getByTestId("editor-original")).toBeVisible();
  const city = editor.getByLabel("City");
  const before = await city.inputValue();
  await city.fill("Navi Mumbai");
  await editor.getByRole("button", { name: "Save Address (parts)" }).click();
  await expect(row.getByTestId("review-state")).toHaveText("Corrected");
  await reload(page);
  await expect(row).toContainText("Navi Mumbai");
  await expect(row).toContainText(`Original:`);
  await expect(row).toContainText(before);

  // Keyboard: e opens the editor on the first part; Tab reaches the PIN code.
  await moveTo(page, row);
  await page.keyboard.press("e");
  await expect(editor.getByLabel("Address line 1")).toBeFocused();
  for (let i = 0; i < 4; i++) await page.keyboard.press("Tab");
  const pin = editor.getByLabel("PIN code");
  await expect(pin).toBeFocused();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("40070");
  await page.keyboard.press("Enter");
  // Five digits: not saved, the part says why.
  await expect(editor.getByText("Type 6 digits").first()).toBeVisible();
  await expect(pin).toHaveAttribute("aria-invalid", "true");
  await page.keyboard.type("3");
  await page.keyboard.press("Enter");
  await expect(editor).toHaveCount(0);
  await reload(page);
  await expect(row).toContainText("400703");
  await expect(row).toContainText("Navi Mumbai");

  // Esc cancels without saving.
  await moveTo(page, row);
  await page.keyboard.press("e");
  await expect(editor.getByLabel("Address line 1")).toBeFocused();
  await page.keyboard.type("changed");
  await page.keyboard.press("Escape");
  await expect(editor).toHaveCount(0);
  await expect(row).not.toContainText("changed");
});

test("a transaction cell is corrected by mouse and by keyboard; rows are added; the table fits its column", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAs(page, "admin");
  await openDocument(page, "bank");
  const row = page.getByTestId("field-transactions");
  await expect(row.getByRole("rowheader")).toContainText("Transactions");
  await expect(row).toContainText(/₹\d{1,2}(,\d{2})*,?\d{3}\.\d{2}/);
  // Wide content scrolls inside its cell: the fields table itself never scrolls sideways.
  const fieldsTable = page.getByRole("table", { name: "Extracted fields" });
  const overflow = await fieldsTable.evaluate(
    (t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(1);
  await expect(page.getByTestId("field-ifsc").getByRole("button", { name: "Accept IFSC" })).toBeVisible();

  // Mouse: a description cell, and a new row.
  await row.getByRole("button", { name: "Edit Transactions" }).click();
  const editor = row.getByRole("group", { name: "Correct Transactions" });
  await editor.getByLabel("Description, row 1", { exact: true }).fill("NEFT SALARY ACME LTD");
  await editor.getByRole("button", { name: "Add row" }).click();
  const rows = await editor.getByRole("button", { name: /^Remove row \d+$/ }).count();
  await editor.getByLabel(`Date, row ${rows}`, { exact: true }).fill("30/02/2025");
  await editor.getByLabel(`Description, row ${rows}`, { exact: true }).fill("CASH DEPOSIT");
  await editor.getByLabel(`Credit, row ${rows}`, { exact: true }).fill("1,50,000");
  await editor.getByRole("button", { name: "Save Transactions" }).click();
  await expect(editor.getByTestId("editor-problems")).toContainText(
    `Row ${rows} · Date: 30/02/2025 is not a real calendar date`,
  );
  await editor.getByLabel(`Date, row ${rows}`, { exact: true }).fill("28/02/2025");
  await editor.getByRole("button", { name: "Save Transactions" }).click();
  await expect(row.getByTestId("review-state")).toHaveText("Corrected");
  await reload(page);
  await expect(row).toContainText("NEFT SALARY ACME LTD");
  await expect(row).toContainText("CASH DEPOSIT");
  await expect(row).toContainText("₹1,50,000.00");

  // Keyboard: e, Tab from the first cell to the debit of row 1, type, Enter.
  await moveTo(page, row);
  await page.keyboard.press("e");
  await expect(editor.getByLabel("Date, row 1", { exact: true })).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(editor.getByLabel("Debit, row 1", { exact: true })).toBeFocused();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("12,345.5");
  await page.keyboard.press("Enter");
  await expect(editor).toHaveCount(0);
  await reload(page);
  await expect(row).toContainText("₹12,345.50");
  await expect(row).toContainText("NEFT SALARY ACME LTD");
});

test("a date is corrected by mouse and by keyboard, checked against the calendar", async ({ page }) => {
  await signInAs(page, "admin");
  await openDocument(page, "pan");
  const row = page.getByTestId("field-dob");
  await expect(row.getByRole("rowheader")).toContainText("DOB");

  // Mouse: an impossible date is refused with the reason, a real one saved (padded).
  await row.getByRole("button", { name: "Edit DOB" }).click();
  const editor = row.getByRole("group", { name: "Correct DOB" });
  const box = editor.getByLabel(/Corrected value/);
  await box.fill("31/02/1990");
  await expect(editor).toContainText("31/02/1990 is not a real calendar date");
  await editor.getByRole("button", { name: "Save DOB" }).click();
  await expect(editor).toBeVisible();
  await box.fill("1/7/1986");
  await expect(editor).toContainText("1 July 1986");
  await editor.getByRole("button", { name: "Save DOB" }).click();
  await expect(row.getByTestId("review-state")).toHaveText("Corrected");
  await reload(page);
  await expect(row).toContainText("01/07/1986");

  // Keyboard only.
  await moveTo(page, row);
  await page.keyboard.press("e");
  await expect(box).toBeFocused();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("16/07/1985");
  await page.keyboard.press("Enter");
  await expect(editor).toHaveCount(0);
  await reload(page);
  await expect(row).toContainText("16/07/1985");
  await expect(row.getByTestId("review-state")).toHaveText("Corrected");
});
