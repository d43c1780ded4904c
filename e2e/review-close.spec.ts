import { type Page } from "@playwright/test";
import { expect, signInAs, test, unique } from "./support";

/**
 * Every document can be closed (issue 16, items 5 and 7): a document Atlas could not classify is
 * rejected with a reason code, another is reclassified and its fields typed in by hand; a field
 * action is undone with Ctrl+Z; a comment (Aadhaar masked) shows in the audit trail.
 */
test.describe.configure({ mode: "serial" });

const label = unique("e2e-close");
let batchUrl = "";

async function openDocument(page: Page, name: string) {
  await page.goto(batchUrl);
  await page.getByRole("link", { name: `${label}-${name}` }).click();
  await expect(page).toHaveURL(/\/documents\/[0-9a-f-]{36}/);
}

test("an admin starts a batch with two documents Atlas fails and one PAN", async ({ page }) => {
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
      `${label}-unrecognised,${pick("unrecognised-01")}`,
      `${label}-invalid,${pick("invalid-01")}`,
      `${label}-pan,${pick("pan-01")}`,
    ].join("\n"),
  );
  await page.getByRole("button", { name: "Submit 3 rows" }).click();
  await expect(page).toHaveURL(/\/batches\/[0-9a-f-]{36}$/);
  batchUrl = new URL(page.url()).pathname;
  await expect(page.getByRole("region", { name: "Progress" }).getByTestId("batch-status")).toHaveText(
    /Complete|Partly failed/,
    { timeout: 60_000 },
  );
});

test("a reviewer rejects an UNRECOGNISED document with a reason code, by keyboard", async ({ page }) => {
  await signInAs(page, "reviewer");
  await openDocument(page, "unrecognised");
  // Honest status: nothing to approve, and no "ready to approve".
  await expect(page.getByTestId("left-to-review")).toHaveText(/Atlas could not extract this document/);
  await expect(page.getByRole("button", { name: /^Approve/ })).toHaveCount(0);
  await expect(page.getByTestId("closing-panel")).toContainText("UNRECOGNISED");

  await page.keyboard.press("r");
  const dialog = page.getByRole("dialog", { name: "Reject this document" });
  await expect(dialog.getByLabel("Reason")).toBeFocused();
  // Nothing is shown as wrong before the reviewer tries.
  await expect(dialog.getByText("Choose a reason.")).toHaveCount(0);
  await page.keyboard.press("Enter");
  await expect(dialog.getByText("Choose a reason.")).toBeVisible();
  // Type-ahead picks the reason; Tab to the note; Enter rejects.
  await page.keyboard.press("w");
  await expect(dialog.getByLabel("Reason")).toHaveValue("WRONG_DOCUMENT");
  await page.keyboard.press("Tab");
  await expect(dialog.getByLabel(/Note/)).toBeFocused();
  await page.keyboard.type("A ration card, not a KYC document");
  await page.keyboard.press("Enter");

  await expect(page.getByTestId("decision")).toContainText("Rejected by");
  await expect(page.getByTestId("decision")).toContainText("(WRONG_DOCUMENT)");
  await expect(page.getByTestId("decision")).toContainText("A ration card, not a KYC document");
  await expect(page.getByTestId("review-status")).toHaveText("rejected");
  await expect(page.getByTestId("audit-event").filter({ hasText: "rejected the document" })).toContainText(
    "WRONG_DOCUMENT",
  );
});

test("a reviewer reclassifies an INVALID_DOC document as a PAN and types a field in", async ({ page }) => {
  await signInAs(page, "reviewer");
  await openDocument(page, "invalid");
  await page.getByLabel("Reclassify as").selectOption("PAN");
  await page.getByRole("button", { name: "Reclassify" }).click();
  await expect(page.getByTestId("reclassified")).toContainText("reclassified it as PAN card PAN");
  const pan = page.getByTestId("field-pan_number");
  await expect(pan.getByTestId("manual-field")).toHaveText("Typed by hand");
  await expect(pan).toHaveAttribute("data-needs-review", "true");

  await pan.getByRole("button", { name: "Edit PAN number" }).click();
  const box = pan.getByLabel(/Corrected value/);
  await expect(box).toBeFocused();
  await box.fill("ABCPK1234F");
  await box.press("Enter");
  await expect(pan.getByTestId("review-state")).toHaveText("Corrected");
  await expect(pan).toContainText("ABCPK1234F");
  await expect(
    page.getByTestId("audit-event").filter({ hasText: "reclassified the document" }),
  ).toContainText("to PAN card PAN");
});

test("Ctrl+Z undoes the last field action, and a comment shows in the audit trail (masked)", async ({
  page,
}) => {
  await signInAs(page, "reviewer");
  await openDocument(page, "pan");
  const first = page.locator('tr[data-testid^="field-"]').first();
  await first.click();
  await expect(first).toBeFocused();
  const before = await first.getAttribute("data-review-state");
  await page.keyboard.press("u");
  await expect(first).toHaveAttribute("data-review-state", "unreadable");
  await page.keyboard.press("ControlOrMeta+z");
  await expect(first).toHaveAttribute("data-review-state", before ?? "pending");
  await expect(page.getByTestId("audit-event").filter({ hasText: "undid the last change of" })).toHaveCount(
    1,
  );

  await page.getByLabel("Comment", { exact: true }).fill("Checked against Aadhaar 2345 6789 0124 on file");
  await page.getByRole("button", { name: "Add comment" }).click();
  await expect(page.getByTestId("comment")).toContainText("Checked against Aadhaar XXXX XXXX 0124 on file");
  await expect(page.getByTestId("audit-comment")).toContainText("XXXX XXXX 0124");
  expect(await page.locator("main").innerText()).not.toMatch(/2345 6789 0124/);
});
