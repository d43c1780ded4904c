import { expect, signInAs, test, unique } from "./support";

// An Aadhaar number, as a person may use it for a document id or a label, written with other
// separators too: never shown in full on a page, whatever the page.
const FULL = /2345\D{0,3}6789\D{0,3}0124|234567890124/;

test("an Aadhaar number used as a document id or in a batch label is masked on every page", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInAs(page, "admin");
  await page.goto("/batches/new");
  await page.getByRole("button", { name: /Fill in the \d+ sample documents/ }).click();
  const first = (await page.getByLabel("URLs or CSV rows").inputValue()).split("\n")[0]!;
  const base = first.replace(/^[^,]*,/, "").replace(/\/files\/[^/]+$/, "");
  const tag = unique("e2e-mask");
  await page.getByLabel(/^Label/).fill(`KYC 2345-6789-0124 ${tag}`);
  await page.getByLabel("URLs or CSV rows").fill(`234567890124,${base}/files/aadhaar-${tag}.jpg\n`);
  await expect(page.getByTestId("row-summary")).toHaveText("1 row: 1 valid, 0 with problems");
  await page.getByRole("button", { name: /^Submit 1 row/ }).click();
  // A batch with no skipped row opens its page straight away.
  const row = page.getByTestId("document-row").first();
  await expect(row.getByRole("link", { name: "XXXX XXXX 0124" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`KYC XXXX XXXX 0124 ${tag}`);
  expect(await page.locator("main").textContent()).not.toMatch(FULL);

  await row.getByRole("link", { name: "XXXX XXXX 0124" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "XXXX XXXX 0124" })).toBeVisible();
  expect(await page.locator("main").textContent()).not.toMatch(FULL);

  await page.goto("/review");
  expect(await page.locator("main").textContent()).not.toMatch(FULL);
});
