import { expect, signInAs, test, unique } from "./support";

/**
 * Indian conventions and honest summaries, end to end: times in IST (DD/MM/YYYY, 24-hour, "IST")
 * on the batch, document, users and audit pages; the batch's "Need review" count equals the rows
 * of the filtered table; the audit trail names a document by its id (a link), shows what changed
 * as old → new and filters by document id; an application whose cross-check falls below the pass
 * mark says so beside "Success".
 */
const IST = /\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}(:\d{2})? IST/;

test("times read in IST, counts match their tables, and the audit trail names and filters a document", async ({
  page,
}) => {
  test.setTimeout(150_000);
  const label = unique("e2e-fmt");
  const documentId = `${label}-pan`;
  await signInAs(page, "admin");
  await page.goto("/batches/new");
  await page.getByLabel(/^Label/).fill(label);
  await page.getByRole("button", { name: /Fill in the \d+ sample documents/ }).click();
  const textarea = page.getByLabel("URLs or CSV rows");
  const pan = (await textarea.inputValue()).split("\n").find((u) => u.includes("/pan-badcheck."))!;
  await textarea.fill(`${documentId},${pan}`);
  await page.getByRole("button", { name: /^Submit 1 / }).click();
  await expect(page).toHaveURL(/\/batches\/[0-9a-f-]{36}$/);
  const batchId = new URL(page.url()).pathname.split("/").pop()!;
  const progress = page.getByRole("region", { name: "Progress" });
  await expect(progress.getByTestId("batch-status")).toHaveText("Complete", { timeout: 60_000 });

  // When the batch started and when it was last synced: both in IST, DD/MM/YYYY.
  await expect(page.locator("header, main").getByText(IST).first()).toBeVisible();
  await expect(progress.getByText(/Last synced/)).toContainText(IST);
  await expect(page.locator("body")).not.toContainText(/\d{2}:\d{2} UTC/);

  // "Need review" counts what the "Needs review only" filter lists.
  const counts = page.getByTestId("batch-counts");
  const needReview = counts.locator("div").filter({ hasText: "Need review" }).locator("dd");
  await expect(needReview).toHaveText("1");
  await needReview.getByRole("link").click();
  await expect(page).toHaveURL(/[?&]review=true/);
  await expect(page.getByTestId("document-row")).toHaveCount(1);

  // Review one field, so the document has a trail.
  await page.goto(`/review?batch=${batchId}`);
  await expect(page.getByTestId("queue-row")).toHaveCount(1);
  await page.getByRole("button", { name: "Start reviewing" }).click();
  await expect(page).toHaveURL(/\/documents\/[0-9a-f-]{36}/);
  const documentPath = new URL(page.url()).pathname;
  const firstFlagged = page.locator('[data-needs-review="true"]').first();
  await expect(firstFlagged).toBeFocused();
  // Pinned by its id: once accepted it no longer needs review.
  const flagged = page.getByTestId((await firstFlagged.getAttribute("data-testid"))!);
  await page.keyboard.press("a");
  await expect(flagged.getByTestId("review-state")).toHaveText("Accepted");
  await page.reload();
  const event = page.getByTestId("audit-event").first();
  await expect(event).toContainText("accepted");
  await expect(event.locator("time")).toHaveText(IST);

  // The audit trail: filtered by the document id people know, linking to it, with a diff.
  await page.goto("/admin/audit");
  await page.getByRole("textbox", { name: "Document id" }).fill(documentId);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/[?&]document=/);
  await expect(page.getByTestId("audit-total")).toContainText(`about document ${documentId}`);
  const rows = page.getByTestId("audit-row");
  await expect(rows).toHaveCount(1);
  const row = rows.first();
  await expect(row.getByRole("cell").first()).toHaveText(IST);
  const link = row.getByTestId("audit-target").getByRole("link", { name: documentId });
  await expect(link).toHaveAttribute("href", documentPath);
  await expect(row.getByTestId("audit-target")).toContainText(`in ${label}`);
  const diff = row.getByTestId("audit-diff").locator("li").filter({ hasText: "state:" });
  await expect(diff.getByTestId("diff-before")).toHaveText("pending");
  await expect(diff.getByTestId("diff-after")).toHaveText("accepted");
  await expect(row).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  await expect(row).not.toContainText("{");

  // Another document id: nothing.
  await page.goto(`/admin/audit?document=${encodeURIComponent(`${label}-none`)}`);
  await expect(page.getByTestId("audit-row")).toHaveCount(0);

  // The users page: last sign-in as DD/MM/YYYY in IST.
  await page.goto("/admin/users");
  await expect(page.getByRole("row").filter({ hasText: "admin@demo.atlas-review.local" })).toContainText(IST);
});

test("an application whose cross-check is below the pass mark says so beside Success", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(150_000);
  await signInAs(page, "admin");
  await page.goto("/applications/new");
  const applicationNumber = unique("LOS-FMT");
  await page.getByLabel("Application id", { exact: true }).fill(applicationNumber);
  await page.getByRole("button", { name: "Create application" }).click();
  await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}$/);
  const names = [
    "cdl-1042-pan",
    "cdl-1042-aadhaar",
    "cdl-1042-invoice",
    "cdl-1042-delivery-order-dealer-mismatch",
  ];
  await page
    .getByLabel("Document URLs or CSV rows")
    .fill(names.map((name) => `${name},${baseURL}/atlas-sim/files/${name}.svg`).join("\n"));
  await page.getByRole("button", { name: /^Upload 4 / }).click();

  const status = page.getByRole("region", { name: "Status" });
  const master = status.getByTestId("master-status");
  await expect(master).toHaveText("Success · 1 cross-check below pass mark", { timeout: 90_000 });
  // A warning, not a green success.
  await expect(master).not.toHaveClass(/emerald|green/);
  await expect(status.getByTestId("stage-master_status")).toContainText("1 cross-check below pass mark");
  await expect(page.getByTestId("cross-check-summary")).toContainText("1 mismatch below the pass mark");

  await page.goto(`/applications?q=${encodeURIComponent(applicationNumber)}`);
  await expect(page.getByTestId("application-row").getByTestId("master-status")).toHaveText(
    "Success · 1 cross-check below pass mark",
  );
});
