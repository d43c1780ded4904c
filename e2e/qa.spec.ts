import { type Page } from "@playwright/test";
import { expect, signInAs, test, unique } from "./support";

/**
 * QA end to end: an admin runs a batch of 40+ documents; a QA user samples 20 of them
 * (stratified, from that batch), checks every field with the keyboard (three wrong, with the
 * right value typed), and reads the accuracy back; an admin applies a suggested threshold and
 * finds it in the audit trail. The tests share the batch and sample, so they run in order.
 */
test.describe.configure({ mode: "serial" });

const EXTRA_PAN = 15;
const WRONG = 3;
let batchLabel = "";
let sampleUrl = "";
let totalFields = 0;
let panFields = 0;

async function progress(page: Page): Promise<{ checked: number; total: number }> {
  const text = (await page.getByTestId("check-progress").textContent()) ?? "";
  const match = /(\d+) of (\d+) fields checked/.exec(text);
  if (!match) throw new Error(`unexpected progress text: ${text}`);
  return { checked: Number(match[1]), total: Number(match[2]) };
}

test("setup: an admin runs a batch of extracted documents", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAs(page, "admin");
  await page.goto("/batches/new");
  batchLabel = unique("qa-batch");
  await page.getByLabel(/^Label/).fill(batchLabel);
  await page.getByRole("button", { name: /Fill in the \d+ sample documents/ }).click();
  const textarea = page.getByLabel("URLs or CSV rows");
  const samples = (await textarea.inputValue()).split("\n").filter(Boolean);
  const base = samples[0]!.replace(/\/files\/[^/]+$/, "");
  // The simulator makes a deterministic document for any file name, its type from the name.
  const extra = Array.from({ length: EXTRA_PAN }, (_, i) => `${base}/files/pan-${31 + i}.svg`);
  await textarea.fill([...samples, ...extra].join("\n"));
  await page.getByRole("button", { name: /^Submit \d+ (valid )?rows?/ }).click();
  await expect(page).toHaveURL(/\/batches\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("region", { name: "Progress" }).getByTestId("batch-status")).toHaveText(
    /Complete|Partly failed/,
    { timeout: 120_000 },
  );
});

test("a QA user samples 20 documents, checks them by keyboard and sees the accuracy", async ({ page }) => {
  test.setTimeout(300_000);
  await signInAs(page, "qa");
  await page.goto("/qa/metrics");
  await expect(page.getByTestId("overall-accuracy")).toHaveText("—");

  await page.goto("/qa");
  const form = page.getByRole("form", { name: "New sample" });
  await form.getByLabel("Documents to sample").fill("20");
  const batchSelect = form.getByLabel("From batch");
  const batchValue = await batchSelect.locator("option", { hasText: batchLabel }).getAttribute("value");
  await batchSelect.selectOption(batchValue!);
  await form.getByLabel(/Stratify by document type/).check();
  await form.getByLabel("Name (optional)").fill(`${batchLabel} spot-check`);
  await form.getByRole("button", { name: "Draw sample" }).click();
  await expect(page).toHaveURL(/\/qa\/samples\/[0-9a-f-]{36}$/);
  sampleUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId("sample-item-row")).toHaveCount(20);
  const seed = (await page.getByTestId("sample-seed").textContent())!;
  expect(seed).toMatch(/^[a-z2-9]{10}$/);
  const types = await page.getByTestId("sample-item-row").locator("td:nth-child(3)").allTextContents();
  // Stratified: half the 40 extracted documents are PAN cards; with one draw at least for each of the
  // other types, PAN keeps most of the rest (the exact allocation is unit-tested in lib/qa).
  const panDrawn = types.filter((t) => t === "PAN card").length;
  expect(panDrawn).toBeGreaterThanOrEqual(8);
  expect(panDrawn).toBeLessThanOrEqual(10);
  const documentIds = await page.getByTestId("sample-item-row").locator("td:nth-child(2)").allTextContents();

  await page.getByRole("link", { name: "Start checking" }).click();
  let wrongLeft = WRONG;
  for (let doc = 0; doc < 20; doc++) {
    await expect(page.getByRole("heading", { level: 1, name: /^Check / })).toBeVisible();
    await expect(page.getByTestId("check-progress")).toContainText(/^0 of \d+ fields checked/);
    const { total } = await progress(page);
    const type = (await page.getByRole("heading", { level: 1 }).locator("..").textContent()) ?? "";
    const isPan = / · PAN card PAN( |$)/.test(type);
    totalFields += total;
    if (isPan) panFields += total;
    let marked = 0;
    if (!isPan && wrongLeft > 0) {
      // x: incorrect, type the right value, Enter saves and moves to the next field.
      await page.keyboard.press("x");
      const right = page.getByLabel(/^Right value for/);
      await expect(right).toBeFocused();
      await right.fill(`Right value ${wrongLeft}`);
      await right.press("Enter");
      wrongLeft--;
      marked++;
    }
    for (; marked < total; marked++) await page.keyboard.press("c");
    await expect(page.getByTestId("check-progress")).toHaveText(
      `${total} of ${total} fields checked · all saved`,
    );
    if (doc < 19) {
      const before = page.url();
      await page.keyboard.press("n");
      await expect(page).not.toHaveURL(before);
    }
  }
  expect(wrongLeft).toBe(0);

  await page.goto(sampleUrl);
  await expect(page.getByTestId("sample-progress")).toHaveText("20 of 20 documents checked");

  // The metrics now count every verdict: 3 wrong, the rest right.
  await page.goto(`/qa/metrics?sample=${sampleUrl.split("/").pop()}`);
  const correct = totalFields - WRONG;
  await expect(page.getByTestId("overall-accuracy")).toHaveText(
    `${((correct / totalFields) * 100).toFixed(1)}%`,
  );
  const byType = page.getByRole("table", { name: "Accuracy per document type" });
  const all = byType.getByRole("row", { name: /^All/ });
  await expect(all.getByRole("cell").nth(0)).toHaveText(String(totalFields));
  await expect(all.getByRole("cell").nth(1)).toHaveText(String(correct));
  await expect(all.getByRole("cell").nth(2)).toHaveText(String(WRONG));
  const pan = byType.getByRole("row", { name: /^PAN/ });
  await expect(pan.getByRole("cell").nth(0)).toHaveText(String(panFields));
  await expect(pan.getByRole("cell").nth(2)).toHaveText("0");
  await expect(pan.getByRole("cell").nth(3)).toHaveText("100.0%");
  // The charts drew: bars and calibration dots.
  await expect(
    page
      .getByRole("img", { name: /Bar chart of accuracy/ })
      .locator(".recharts-bar-rectangle")
      .first(),
  ).toBeVisible();
  await expect(
    page
      .getByRole("img", { name: /Calibration chart/ })
      .locator(".recharts-scatter-symbol")
      .first(),
  ).toBeVisible();
  const bucketCounts = await page.getByTestId("calibration-row").locator("td:nth-child(2)").allTextContents();
  expect(bucketCounts.reduce((sum, n) => sum + Number(n), 0)).toBe(totalFields);
  // What-if: at threshold 0 every checked field would skip review and 3 of them were wrong.
  const slider = page.getByRole("slider", { name: /^Threshold/ });
  await slider.fill("0");
  await expect(page.getByTestId("what-if-result")).toContainText(
    `(${totalFields} of ${totalFields}) would skip review`,
  );
  await expect(page.getByTestId("what-if-result")).toContainText(`(${WRONG} of ${totalFields})`);

  // CSV export: BOM, header, the overall row.
  const csv = await page.request.get(
    `/api/qa/metrics?table=accuracy-by-type&sample=${sampleUrl.split("/").pop()}`,
  );
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const body = await csv.text();
  expect(body.charCodeAt(0)).toBe(0xfeff);
  expect(body).toContain(`(all),,${totalFields},${correct},${WRONG},`);

  // The seed reproduces the sample.
  await page.goto("/qa");
  await page
    .getByTestId("sample-row")
    .filter({ hasText: seed })
    .getByRole("link", { name: "Reproduce" })
    .click();
  await expect(page.getByLabel(/^Seed/)).toHaveValue(seed);
  await page.getByRole("form", { name: "New sample" }).getByRole("button", { name: "Draw sample" }).click();
  await expect(page).not.toHaveURL(new RegExp(`${sampleUrl}$`));
  await expect(page.getByTestId("sample-seed")).toHaveText(seed);
  expect(await page.getByTestId("sample-item-row").locator("td:nth-child(2)").allTextContents()).toEqual(
    documentIds,
  );
});

test("blind mode hides the confidence from the checker", async ({ page }) => {
  await signInAs(page, "qa");
  await page.goto("/qa");
  const form = page.getByRole("form", { name: "New sample" });
  await form.getByLabel("Documents to sample").fill("1");
  await form.getByLabel(/^Blind/).check();
  await form.getByRole("button", { name: "Draw sample" }).click();
  await expect(page).toHaveURL(/\/qa\/samples\/[0-9a-f-]{36}$/);
  await page.getByRole("link", { name: "Start checking" }).click();
  const table = page.getByRole("table", { name: "Fields to check" });
  await expect(table.getByRole("columnheader", { name: "Atlas read" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Confidence" })).toHaveCount(0);
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
});

test("an admin applies a suggested threshold and finds it in the audit trail", async ({ page }) => {
  await signInAs(page, "admin");
  const sampleId = sampleUrl.split("/").pop();
  // 8–10 PAN cards were checked and all their fields were right: ask for ≤ 10% wrong among ≥ 5.
  await page.goto(`/qa/metrics?sample=${sampleId}`);
  await page.getByLabel("Target error rate (%)").fill("10");
  await page.getByLabel("Minimum verdicts at or above").fill("5");
  await page.getByRole("button", { name: "Update" }).click();
  await expect(page).toHaveURL(/target=10&min=5/);
  const row = page
    .getByRole("table", { name: "Suggested thresholds per field" })
    .getByRole("row")
    .filter({ hasText: /^PAN/ })
    .filter({ has: page.getByRole("button", { name: /^Apply / }) })
    .first();
  const suggested = (await row.getByTestId("suggested-threshold").textContent())!;
  const field = (await row.getByRole("rowheader").locator("span").textContent())!;
  await row.getByRole("button", { name: /^Apply / }).click();
  const dialog = page.getByRole("dialog", { name: "Apply the suggested threshold?" });
  await expect(dialog).toContainText(`to ${suggested}`);
  await dialog.getByRole("button", { name: "Apply threshold" }).click();
  await expect(dialog).toBeHidden();
  const applied = page.getByTestId(`suggestion-PAN-${field}`);
  await expect(applied.getByTestId("current-threshold")).toHaveText(suggested);
  await expect(applied.getByRole("button", { name: /^Apply / })).toHaveCount(0);

  await page.goto("/admin/audit?action=threshold.update");
  await expect(page.getByRole("cell", { name: "threshold.update" }).first()).toBeVisible();
  await expect(page.getByRole("table").first()).toContainText(`field:PAN:${field}`);
});
