import type { Page } from "@playwright/test";
import { expect, signInAs, test, unique } from "./support";

const TYPES = ["pan", "aadhaar", "gst", "invoice", "passport", "voter-id", "driving-license", "udyam"];

/** A pre-signed S3 SigV4 link as AWS hands it out to a role session: ~1.5 KB with its token. */
function presigned(base: string, name: string, signedAt: Date): string {
  const date = signedAt.toISOString().replace(/[-:]|\.\d{3}/g, "");
  const token = encodeURIComponent(
    `IQoJb3JpZ2luX2VjE${"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".repeat(18)}==`,
  );
  const query = [
    "X-Amz-Algorithm=AWS4-HMAC-SHA256",
    `X-Amz-Credential=ASIAQ3EGUQ5EXAMPLE7%2F${date.slice(0, 8)}%2Fap-south-1%2Fs3%2Faws4_request`,
    `X-Amz-Date=${date}`,
    "X-Amz-Expires=3600",
    `X-Amz-Security-Token=${token}`,
    "X-Amz-SignedHeaders=host",
    "response-content-disposition=inline%3B%20filename%3Ddoc.jpg",
    `X-Amz-Signature=${"0123456789abcdef".repeat(4)}`,
  ].join("&");
  return `${base}/files/${name}.jpg?${query}`;
}

async function simulatorBase(page: Page): Promise<string> {
  await page.getByRole("button", { name: /Fill in the \d+ sample documents/ }).click();
  const first = (await page.getByLabel("URLs or CSV rows").inputValue()).split("\n")[0]!;
  await page.getByLabel("URLs or CSV rows").fill("");
  return first.replace(/\/files\/[^/]+$/, "");
}

test("a 5,000-row batch of 1.5 KB pre-signed URLs is dropped as a file, previewed and recorded", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signInAs(page, "admin");
  await page.goto("/batches/new");
  const base = await simulatorBase(page);
  const label = unique("e2e-5000");
  await page.getByLabel(/^Label/).fill(label);

  const now = new Date();
  const rows = Array.from({ length: 5000 }, (_, i) => {
    const name = `${TYPES[i % TYPES.length]}-${label}-${i}`;
    return `${label}-${i},${presigned(base, name, now)}`;
  });
  const csv = `document_id,file_url\r\n${rows.join("\r\n")}\r\n`;
  expect(rows[0]!.length).toBeGreaterThan(1400);
  expect(Buffer.byteLength(csv)).toBeGreaterThan(7_000_000);

  await page
    .locator('input[type="file"]')
    .setInputFiles({ name: "batch-5000.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByTestId("row-summary")).toHaveText("5000 rows: 5000 valid, 0 with problems", {
    timeout: 60_000,
  });
  await expect(page.getByTestId("read-as")).toContainText("Read as comma-separated, UTF-8, header row");
  await expect(page.getByTestId("size-error")).toHaveCount(0);

  await page.getByRole("button", { name: "Submit 5000 rows" }).click();
  await expect(page).toHaveURL(/\/batches\/[0-9a-f-]{36}$/, { timeout: 120_000 });
  await expect(page.getByRole("heading", { level: 1, name: label })).toBeVisible();
  await expect(page.getByTestId("batch-counts")).toContainText("Documents5,000");
});

test("the preview says how a file was read and refuses a list past the size limit before submit", async ({
  page,
}) => {
  await signInAs(page, "admin");
  await page.goto("/batches/new");
  const base = await simulatorBase(page);
  const now = new Date();
  // Excel's "Unicode text": UTF-16 LE with a BOM, tab-separated, CRLF.
  const text = `document_id\tfile_url\r\nu16-1\t${presigned(base, "pan-u16-1", now)}\r\n`;
  await page.locator('input[type="file"]').setInputFiles({
    name: "unicode.txt",
    mimeType: "text/plain",
    buffer: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]),
  });
  await expect(page.getByTestId("read-as")).toContainText("Read as tab-separated, UTF-16 LE, header row");
  await expect(page.getByTestId("row-summary")).toHaveText("1 row: 1 valid, 0 with problems");

  // 5,000 rows whose URLs are 2.5 KB each: past the 10.2 MB limit, said before submitting.
  const long = presigned(base, "pan-long", now).replace(
    "X-Amz-Signature",
    `pad=${"x".repeat(1000)}&X-Amz-Signature`,
  );
  const big = Array.from({ length: 5000 }, (_, i) => long.replace("pan-long", `pan-long-${i}`)).join("\n");
  await page.locator('input[type="file"]').setInputFiles({
    name: "big.txt",
    mimeType: "text/plain",
    buffer: Buffer.from(big),
  });
  await expect(page.getByTestId("size-error")).toContainText(/a batch takes at most 10\.2 MB/, {
    timeout: 60_000,
  });
  await expect(page.getByRole("button", { name: /^Submit/ })).toBeDisabled();
});

test("a reload during a submit and a second submit say the batch was already recorded; the preview points out rows in another batch", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInAs(page, "admin");
  await page.goto("/batches/new");
  const base = await simulatorBase(page);
  const label = unique("e2e-idem");
  const ids = [`${label}-a`, `${label}-b`];
  const text = `${ids[0]};${presigned(base, `pan-${label}`, new Date())}\n${ids[1]};${presigned(base, `aadhaar-${label}`, new Date())}\n`;
  await page.getByLabel(/^Label/).fill(label);
  await page.getByLabel("Product type").selectOption({ index: 0 });
  await page.getByLabel("URLs or CSV rows").fill(text);
  await expect(page.getByTestId("read-as")).toContainText("Read as semicolon-separated");

  // The server records the batch, but the answer never reaches the page (the tab was reloaded).
  await page.route("**/api/batches?*", async (route) => {
    await route.fetch();
    await route.abort("connectionreset");
  });
  await page.getByRole("button", { name: "Submit 2 rows" }).click();
  await expect(page.getByTestId("submit-error")).toBeVisible();
  await page.unroute("**/api/batches?*");

  await page.reload();
  await expect(page.getByLabel("URLs or CSV rows")).toHaveValue(text);
  await expect(page.getByLabel(/^Label/)).toHaveValue(label);
  await page.getByRole("button", { name: "Submit 2 rows" }).click();
  const result = page.getByTestId("submit-result");
  await expect(result).toContainText("This batch was already recorded");
  await result.getByRole("link", { name: new RegExp(`Open batch`) }).click();
  await expect(page.getByRole("heading", { level: 1, name: label })).toBeVisible();
  await expect(page.getByTestId("batch-counts")).toContainText("Documents2");

  // Pasting the same rows again: each is pointed out, with a link to the batch that has it.
  await page.goto("/batches/new");
  await page.getByLabel("URLs or CSV rows").fill(text);
  await expect(page.getByTestId("recorded-elsewhere")).toContainText("2 rows are already in another batch");
  await expect(page.getByTestId("row-warning").first()).toContainText(
    `This file is already in batch “${label}”`,
  );
});

test("a link that lapses between the preview and the submit is reported in the result, not dropped silently", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInAs(page, "admin");
  await page.goto("/batches/new");
  const base = await simulatorBase(page);
  const label = unique("e2e-lapse");
  // Valid for one hour from an hour ago plus ten seconds: fine in the preview, lapsed at submit.
  const expiresAt = Date.now() + 10_000;
  const soon = presigned(base, `pan-${label}-soon`, new Date(expiresAt - 3600_000));
  const fine = presigned(base, `aadhaar-${label}-fine`, new Date());
  await page.getByLabel(/^Label/).fill(label);
  await page.getByLabel("URLs or CSV rows").fill(`${label}-soon,${soon}\n${label}-fine,${fine}`);
  await expect(page.getByTestId("row-summary")).toHaveText("2 rows: 2 valid, 0 with problems");

  await page.waitForTimeout(Math.max(0, expiresAt + 2000 - Date.now()));
  await page.getByRole("button", { name: "Submit 2 rows" }).click();

  const result = page.getByTestId("submit-result");
  await expect(result).toContainText("recorded: 1 row is being sent to Atlas");
  await expect(page.getByTestId("skipped-summary")).toHaveText(
    /^1 skipped: expired at \d{2}\/\d{2}\/\d{4}, \d{2}:\d{2} IST$/,
  );
  await expect(result).toContainText(`Line 1 (${label}-soon): expired at`);
  await result.getByRole("link", { name: "Open the batch" }).click();
  await expect(page.getByTestId("batch-counts")).toContainText("Documents1");
});

test("a long file name's document id wraps in the preview: its check and actions stay in view", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 800 });
  await signInAs(page, "admin");
  await page.goto("/batches/new");
  const base = await simulatorBase(page);
  const name = `pan-${"statementofaccount".repeat(20)}${unique("long")}`;
  await page.getByLabel("URLs or CSV rows").fill(`${base}/files/${name}.jpg`);
  await expect(page.getByTestId("row-summary")).toHaveText("1 row: 1 valid, 0 with problems");
  const row = page.getByRole("row").filter({ hasText: "OK" });
  const check = row.getByText("OK", { exact: true });
  const table = page.getByRole("table");
  const [checkBox, tableBox] = [await check.boundingBox(), await table.boundingBox()];
  const card = await table.locator("xpath=..").boundingBox();
  expect(checkBox!.x + checkBox!.width).toBeLessThanOrEqual(card!.x + card!.width);
  expect(tableBox!.width).toBeLessThanOrEqual(card!.width + 1);
});
