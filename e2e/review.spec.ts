import { type Browser, type Locator, type Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { expect, signInAs, test, unique } from "./support";

/**
 * The review workspace end to end: an admin starts a batch with two documents the simulator
 * reads confidently wrong; a reviewer is handed one from the queue and reviews it with the
 * keyboard only while the admin, at the same time, is handed the other; the audit trail and
 * the CSV export show the result with Aadhaar masked.
 */
test.describe.configure({ mode: "serial" });

let batchId = "";
let batchUrl = "";
const label = unique("=e2e-review");
const AADHAAR_DIGITS = /\b\d{4} ?\d{4} ?\d{4}\b/;

/** The text of an SVG scan drawn from a data: URL (how the pane shows SVGs). */
async function scanText(img: Locator): Promise<string> {
  const src = (await img.getAttribute("src")) ?? "";
  const [, meta, data] = /^data:([^,]*),(.*)$/s.exec(src) ?? [];
  if (data === undefined) throw new Error(`not a data: URL: ${src.slice(0, 40)}`);
  return meta!.endsWith(";base64") ? Buffer.from(data, "base64").toString("utf8") : decodeURIComponent(data);
}

async function newSignedIn(browser: Browser, role: "admin" | "reviewer"): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, role);
  return page;
}

/** A one-page PDF, small enough to write by hand; pdf.js rebuilds the cross-reference table. */
const PDF = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj
4 0 obj << /Length 44 >> stream
BT /F1 18 Tf 40 100 Td (PAN SPECIMEN) Tj ET
endstream endobj
5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
trailer << /Root 1 0 R >>
%%EOF`;

test("an admin starts a batch whose confidently wrong Aadhaar is flagged by the validator and shown masked", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInAs(page, "admin");
  await page.goto("/batches/new");
  await page.getByLabel(/^Label/).fill(label);
  await page.getByRole("button", { name: /Fill in the \d+ sample documents/ }).click();
  const textarea = page.getByLabel("URLs or CSV rows");
  const samples = (await textarea.inputValue()).split("\n");
  const pick = (name: string) => samples.find((u) => u.includes(`/${name}.`))!;
  await textarea.fill(
    [`${label}-aadhaar,${pick("aadhaar-badcheck")}`, `${label}-pan,${pick("pan-badcheck")}`].join("\n"),
  );
  await page.getByRole("button", { name: "Submit 2 rows" }).click();
  await expect(page).toHaveURL(/\/batches\/[0-9a-f-]{36}$/);
  batchUrl = new URL(page.url()).pathname;
  batchId = batchUrl.split("/").pop()!;
  await expect(page.getByRole("region", { name: "Progress" }).getByTestId("batch-status")).toHaveText(
    "Complete",
    {
      timeout: 60_000,
    },
  );

  // The storage link expired: the pane says why instead of showing a broken image.
  await page.route("**/api/documents/*/file", (route) =>
    route.fulfill({
      status: 502,
      contentType: "application/json",
      body: JSON.stringify({
        error:
          "Storage refused the file: the pre-signed link has expired (AccessDenied: Request has expired).",
      }),
    }),
  );
  await page.getByRole("link", { name: `${label}-aadhaar` }).click();
  await expect(page.getByTestId("file-problem")).toContainText("the pre-signed link has expired");
  await page.unroute("**/api/documents/*/file");

  const aadhaar = page.getByTestId("field-aadhaar_number");
  await expect(aadhaar).toHaveAttribute("data-needs-review", "true");
  await expect(aadhaar.getByRole("rowheader")).toContainText("Aadhaar number");
  await expect(aadhaar).toContainText("aadhaar.checksum");
  await expect(aadhaar).toContainText(/Verhoeff/);
  await expect(aadhaar).toContainText(/XXXX XXXX \d{4}/);
  await expect(aadhaar.getByTestId("review-state")).toHaveText("Pending");
  expect(await page.locator("main").innerText()).not.toMatch(AADHAAR_DIGITS);

  // Reloaded, the real file is drawn in the pane; a PDF is drawn page by page.
  // The scan prints the full Aadhaar number: by default Atlas's masked copy is shown (the number
  // printed XXXX XXXX 1234); the full scan only when asked for, and that view is audited.
  await page.reload();
  await expect(page.getByTestId("scan-masked")).toContainText("Masked copy from Atlas");
  const scan = page.getByRole("img", { name: `Scan of ${label}-aadhaar` });
  await expect(scan).toBeVisible();
  const maskedSvg = await scanText(scan);
  expect(maskedSvg).toMatch(/XXXX XXXX \d{4}/);
  expect(maskedSvg).not.toMatch(AADHAAR_DIGITS);
  await page.getByRole("button", { name: "Show the full scan" }).click();
  await expect(page.getByTestId("scan-masked")).toHaveCount(0);
  await expect(scan).toBeVisible();
  expect(await scanText(scan)).toMatch(AADHAAR_DIGITS);
  await page.getByRole("button", { name: "Zoom in" }).click();
  await expect(page.getByTestId("zoom-level")).toHaveText("125 %");
  await page.route("**/api/documents/*/file", (route) =>
    route.fulfill({
      status: 200,
      contentType: "application/pdf",
      headers: { "X-File-Kind": "pdf" },
      body: PDF,
    }),
  );
  // pdf.js runs in its own worker, bundled as a separate asset by the production build.
  const worker = page.waitForRequest(/pdf\.worker[^/]*\.mjs$/);
  await page.reload();
  await worker;
  await expect(page.getByTestId("pdf-page")).toHaveText("Page 1 of 1");
  await expect(
    page.getByTestId("audit-event").filter({ hasText: "viewed the scan (it shows an Aadhaar number)" }),
  ).toHaveCount(1);
  await expect(page.getByRole("img", { name: `Scan of ${label}-aadhaar, page 1` })).toBeVisible();
  await page.unroute("**/api/documents/*/file");
});

test("a reviewer reviews a whole document with the keyboard while a second reviewer is handed the other", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const reviewer = await newSignedIn(browser, "reviewer");
  const admin = await newSignedIn(browser, "admin");

  await reviewer.goto(`/review?batch=${batchId}`);
  await expect(reviewer.getByTestId("queue-row")).toHaveCount(2);
  await reviewer.getByRole("button", { name: "Start reviewing" }).click();
  await expect(reviewer).toHaveURL(/\/documents\/[0-9a-f-]{36}\?from=queue/);
  const mine = new URL(reviewer.url()).pathname;

  // At the same time, the admin sees who holds it and is handed the other document.
  await admin.goto(`/review?batch=${batchId}`);
  await expect(admin.getByTestId("queue-lock").filter({ hasText: "Ravi Reviewer" })).toHaveCount(1);
  await admin.getByRole("button", { name: "Start reviewing" }).click();
  await expect(admin).toHaveURL(/\/documents\/[0-9a-f-]{36}\?from=queue/);
  expect(new URL(admin.url()).pathname).not.toBe(mine);
  await admin.goto(mine);
  await expect(admin.getByTestId("lock-banner")).toContainText("Ravi Reviewer is reviewing this document");

  // Keyboard only from here on: the first flagged field is current.
  const page = reviewer;
  const flagged = page.locator('[data-needs-review="true"]');
  const count = await flagged.count();
  expect(count).toBeGreaterThan(0);
  const flaggedIds = await flagged.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-testid")!));
  await expect(page.locator(`[data-testid="${flaggedIds[0]}"]`)).toBeFocused();
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // The wrong-but-confident value is marked unreadable, the other flagged fields accepted.
  for (const id of flaggedIds) {
    const row = page.locator(`[data-testid="${id}"]`);
    const wrong = (await row.getByText(/checksum|holder_type/).count()) > 0;
    await page.keyboard.press(wrong ? "u" : "a");
    await expect(row.getByTestId("review-state")).toHaveText(/Unreadable|Accepted/);
  }
  await expect(page.getByTestId("left-to-review")).toHaveText(/Nothing left to review/);

  // Move to the name and correct it.
  const allIds = await page
    .locator('tr[data-testid^="field-"]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-testid")!));
  const nameId = allIds.find((id) => id === "field-name" || id === "field-name_as_per_pan")!;
  const nameRow = page.locator(`[data-testid="${nameId}"]`);
  for (
    let i = 0;
    i < allIds.length && !(await nameRow.evaluate((el) => el === document.activeElement));
    i++
  ) {
    const focused = await page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? "");
    await page.keyboard.press(allIds.indexOf(focused) > allIds.indexOf(nameId) ? "k" : "j");
  }
  await expect(nameRow).toBeFocused();
  const before = (await nameRow.locator("td").first().innerText()).trim();
  await page.keyboard.press("e");
  const box = nameRow.getByLabel(/Corrected value/);
  await expect(box).toBeFocused();
  await expect(box).toHaveValue(before);
  await page.keyboard.press("Escape");
  await expect(box).toHaveCount(0);
  await page.keyboard.press("e");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("ASHA VERMA");
  await page.keyboard.press("Enter");
  await expect(nameRow.getByTestId("review-state")).toHaveText("Corrected");
  await expect(nameRow).toContainText(`Original:${before}`);

  await page.keyboard.press("Shift+A");
  await expect(page.getByText(/Accepted \d+ fields above threshold|No pending field is above/)).toBeVisible();
  await page.keyboard.press("p");
  // Approved; the other document is held by the admin, so the queue has nothing left for us.
  await expect(page).toHaveURL(/\/review$/);

  await page.goto(mine);
  await expect(page.getByTestId("review-status")).toHaveText("approved");
  await expect(page.getByTestId("decision")).toContainText("Approved by Ravi Reviewer");
  const correction = page.getByTestId("audit-event").filter({ hasText: "corrected" });
  await expect(correction).toContainText("reviewer@demo.atlas-review.local");
  await expect(correction.getByTestId("audit-before")).toHaveText(`pending “${before}”`);
  await expect(correction.getByTestId("audit-after")).toHaveText("corrected “ASHA VERMA”");
  await expect(page.getByTestId("audit-event").filter({ hasText: "approved the document" })).toHaveCount(1);
  await admin.context().close();
  await reviewer.context().close();
});

test("the exports mask Aadhaar, neutralise formulas, type cells and carry each document's decision", async ({
  page,
}) => {
  await signInAs(page, "admin");
  await page.goto(batchUrl);
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute(
    "href",
    `/api/batches/${batchId}/export?format=csv`,
  );
  await expect(page.getByRole("link", { name: "Export Excel (.xlsx)" })).toHaveAttribute(
    "href",
    `/api/batches/${batchId}/export?format=xlsx`,
  );
  const response = await page.request.get(`/api/batches/${batchId}/export?format=csv`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/csv");
  const bytes = await response.body();
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = bytes.toString("utf8").slice(1);
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toBe(
    "batch,document_id,document_type,document_status,error_code,error_message,decision,decision_reason," +
      "decided_by,decided_at,decided_at_local,field,field_label,original_value,confidence,corrected_value," +
      "review_state,accepted_via,reviewer,reviewed_at,reviewed_at_local,decision_code,field_source," +
      "field_comments,document_comments",
  );
  const aadhaarLine = lines.find(
    (l) => l.includes(`${label}-aadhaar,AADHAAR,`) && l.includes(",aadhaar_number,"),
  )!;
  expect(aadhaarLine).toMatch(/,XXXX XXXX \d{4},0\.\d+,/);
  expect(csv).not.toMatch(AADHAAR_DIGITS);
  // The label starts with "=": every batch cell is neutralised with a leading quote.
  expect(lines.slice(1).every((l) => l.startsWith(`'${label}`))).toBe(true);
  expect(csv).toContain("ASHA VERMA,corrected,,reviewer@demo.atlas-review.local,");

  const json = (await (await page.request.get(`/api/batches/${batchId}/export?format=json`)).json()) as Array<
    Record<string, string>
  >;
  expect(json.length).toBe(lines.length - 1);
  expect(JSON.stringify(json)).not.toMatch(AADHAAR_DIGITS);
  // The reviewer's document: approved, by whom and when, on every one of its rows.
  const approved = json.filter((r) => r.decision === "approved");
  expect(approved.length).toBeGreaterThan(0);
  expect(new Set(approved.map((r) => r.document_id)).size).toBe(1);
  for (const row of approved) {
    expect(row.decided_by).toBe("reviewer@demo.atlas-review.local");
    expect(row.decided_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(row.batch).toBe(label);
    if (row.review_state === "accepted")
      expect(["reviewer", "above_threshold", "document_approval"]).toContain(row.accepted_via);
  }

  const xlsx = await page.request.get(`/api/batches/${batchId}/export?format=xlsx`);
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()["content-type"]).toBe(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  );
  expect(xlsx.headers()["content-disposition"]).toMatch(/filename=".+-fields\.xlsx"/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await xlsx.body()) as never);
  const sheet = book.getWorksheet("Fields")!;
  expect(sheet.rowCount).toBe(json.length + 1);
  expect(sheet.getRow(2).getCell(1).value).toBe(`'${label}`);
  const cells: string[] = [];
  sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
  expect(cells.join("\n")).not.toMatch(AADHAAR_DIGITS);
});
