import { expect, signInAs, test, unique } from "./support";

/**
 * Issue 12 on the batch page, against the embedded simulator's faults: an upload whose answer a
 * proxy lost is "unknown" (with Atlas's answer), its retry asks first, and entries Atlas sent
 * that cannot be read are listed while every document is still stored.
 */
test("a lost upload answer is 'unknown', the retry warns, and unreadable answers are listed", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInAs(page, "admin");
  const faults = "/atlas-sim/__sim/faults";
  await page.request.delete(faults);
  const armed = await page.request.post(faults, {
    data: [{ kind: "lost_upload_answer", answer: "502_html", count: 1 }],
  });
  expect(armed.ok()).toBe(true);

  try {
    await page.goto("/batches/new");
    const label = unique("e2e-tolerance");
    await page.getByLabel(/^Label/).fill(label);
    await page.getByRole("button", { name: /Fill in the \d+ sample documents/ }).click();
    await page.getByRole("button", { name: /^Submit \d+ (valid )?rows/ }).click();
    await expect(page).toHaveURL(/\/batches\/[0-9a-f-]{36}$/);

    const progress = page.getByRole("region", { name: "Progress" });
    await expect(progress.getByTestId("batch-status")).toHaveText(/Partly failed/, { timeout: 30_000 });
    const unknown = progress.getByTestId("chunk-unknown");
    await expect(unknown).toContainText("unknown whether Atlas received it");
    await unknown.getByText("What Atlas answered").click();
    await expect(unknown).toContainText("502 Bad Gateway");

    // From now on every result page carries one entry without a document_id.
    await page.request.post(faults, { data: { kind: "unreadable_entry", count: 1_000 } });
    await progress.getByRole("button", { name: "Retry 1 failed chunk" }).click();
    const dialog = page.getByRole("dialog", { name: "Atlas may process these rows twice" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Send them again" }).click();

    // Sent again, then every document comes back: nothing left unsent or waiting.
    const counts = page.getByTestId("batch-counts");
    await expect(counts).toContainText("Not submitted0", { timeout: 30_000 });
    await expect(counts).toContainText("Waiting for Atlas0", { timeout: 60_000 });
    await expect(progress.getByTestId("batch-status")).toHaveText(/Complete|Partly failed/);
    await expect(progress.getByTestId("chunk-unknown")).toHaveCount(0);
    const unreadable = page.getByTestId("unreadable-entries");
    await expect(unreadable).toContainText(/\d+ answers? from Atlas could not be read/);
    await expect(unreadable).toContainText("no document_id");
  } finally {
    await page.request.delete(faults);
  }
});
