import { expect, signInAs, test, unique } from "./support";

const EXPIRED_S3 =
  "https://kyc-bucket.s3.ap-south-1.amazonaws.com/loans/pan-old.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20240101T000000Z&X-Amz-Expires=3600&X-Amz-Signature=abc";

test("an admin pastes samples plus bad rows, submits the valid ones and follows the batch to the end", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInAs(page, "admin");
  await page.goto("/batches/new");
  const label = unique("e2e-batch");
  await page.getByLabel(/^Label/).fill(label);

  await page.getByRole("button", { name: /Fill in the \d+ sample documents/ }).click();
  const textarea = page.getByLabel("URLs or CSV rows");
  const samples = (await textarea.inputValue()).split("\n");
  expect(samples.length).toBeGreaterThan(10);
  const bad = [
    "not a url at all",
    "javascript:alert(1)",
    "ftp://files.example.com/pan.pdf",
    samples[0]!,
    EXPIRED_S3,
  ];
  await textarea.fill([...samples, ...bad].join("\n"));

  const preview = page.getByRole("region", { name: "Preview" });
  await expect(page.getByTestId("row-summary")).toHaveText(
    `${samples.length + 5} rows: ${samples.length} valid, 5 with problems`,
  );
  await preview.getByLabel("Only rows with problems").check();
  const problemRows = preview.getByTestId("preview-row");
  await expect(problemRows).toHaveCount(5);
  await expect(problemRows.nth(0)).toContainText(/not a URL/i);
  await expect(problemRows.nth(1)).toContainText(/javascript/i);
  await expect(problemRows.nth(2)).toContainText(/ftp/i);
  await expect(problemRows.nth(3)).toContainText(/same file as line 1/i);
  await expect(problemRows.nth(4)).toContainText(/expired/i);

  // Fix one row in place: the ftp URL becomes another sample document.
  await preview.getByRole("button", { name: `Edit line ${samples.length + 3}` }).click();
  await preview.getByLabel("File URL").fill(samples[1]!.replace(/\/([^/]+)$/, "/fixed-$1"));
  await preview.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("row-summary")).toHaveText(/ \d+ valid, 4 with problems/);

  await page.getByRole("button", { name: `Submit ${samples.length + 1} valid rows (skip 4)` }).click();
  await expect(page).toHaveURL(/\/batches\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: label })).toBeVisible();

  // Live progress until Atlas (the simulator) has answered for every document.
  await expect(page.getByRole("region", { name: "Progress" }).getByTestId("batch-status")).toHaveText(
    /Complete|Partly failed/,
    {
      timeout: 60_000,
    },
  );
  const counts = page.getByTestId("batch-counts");
  await expect(counts).toContainText(`Documents${samples.length + 1}`);
  await expect(counts).toContainText("Waiting for Atlas0");
  await expect(page.getByTestId("document-row")).toHaveCount(samples.length + 1);

  // The batch list shows it with its counts.
  await page.goto(`/batches?q=${label}`);
  await expect(page.getByTestId("batch-row")).toHaveCount(1);
  await page.getByRole("link", { name: label }).click();

  // Lowest confidence first (the default sort): the first document has a highlighted field.
  await page.getByTestId("document-row").first().getByRole("link").click();
  await expect(page.getByRole("table", { name: "Extracted fields" })).toBeVisible();
  const flagged = page.locator('[data-needs-review="true"]');
  await expect(flagged.first()).toBeVisible();
  await expect(flagged.first()).toContainText(/Confidence below 0\.85|check|invalid|wrong/i);
});

test("the Aadhaar with a bad check digit is flagged even at high confidence, and shown masked", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInAs(page, "admin");
  await page.goto("/batches/new");
  await page.getByRole("button", { name: /Fill in the \d+ sample documents/ }).click();
  const textarea = page.getByLabel("URLs or CSV rows");
  const aadhaar = (await textarea.inputValue()).split("\n").find((u) => u.includes("aadhaar-badcheck"))!;
  await textarea.fill(`${unique("bad-aadhaar")},${aadhaar}`);
  await page.getByRole("button", { name: "Submit 1 row" }).click();
  await expect(page.getByRole("region", { name: "Progress" }).getByTestId("batch-status")).toHaveText(
    "Complete",
    {
      timeout: 60_000,
    },
  );
  await page.getByTestId("document-row").first().getByRole("link").click();
  const field = page.getByTestId("field-aadhaar_number");
  await expect(field).toHaveAttribute("data-needs-review", "true");
  await expect(field).toContainText(/Verhoeff|check digit/i);
  await expect(field).toContainText(/XXXX XXXX \d{4}/);
  await expect(page.getByTestId("raw-json")).not.toContainText(/"\d{4} \d{4} \d{4}"/);
});
