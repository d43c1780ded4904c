import { expect, signInAs, test, unique } from "./support";

test("a reload while an upload is in flight, then a second upload, says it was already recorded", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await signInAs(page, "admin");
  await page.goto("/applications/new");
  const applicationNumber = unique("LOS-reload");
  await page.getByLabel("Application id", { exact: true }).fill(applicationNumber);
  await page.getByRole("button", { name: "Create application" }).click();
  await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}$/);

  // Explicit ids: once recorded they are in the application, so the preview knows them.
  const rows = ["cdl-2077-pan", "cdl-2077-aadhaar"].map(
    (name) => `${applicationNumber}-${name},${baseURL}/atlas-sim/files/${name}.svg`,
  );
  const text = ["document_id,file_url", ...rows].join("\n");
  await page.getByLabel("Document URLs or CSV rows").fill(text);
  await expect(page.getByTestId("upload-row-summary")).toHaveText("2 rows: 2 valid, 0 with problems");

  // The server records the upload, but its answer never reaches the page: the tab is reloaded.
  let reachedServer!: () => void;
  const recorded = new Promise<void>((resolve) => (reachedServer = resolve));
  await page.route("**/applications/*", async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || !request.headers()["next-action"]) return route.fallback();
    await route.fetch();
    reachedServer();
    await route.abort("connectionreset");
  });
  await page.getByRole("button", { name: "Upload 2 documents" }).click();
  await recorded;
  await page.unrouteAll({ behavior: "wait" });
  await page.reload();

  await expect(page.getByLabel("Document URLs or CSV rows")).toHaveValue(text);
  await expect(page.getByTestId("upload-notice")).toContainText("may have been recorded");
  await expect(page.getByTestId("upload-row-summary")).toHaveText("2 rows: 2 valid, 0 with problems");
  await page.getByRole("button", { name: "Upload 2 documents" }).click();
  await expect(page.getByTestId("upload-notice")).toContainText(
    "This upload was already recorded (2 document(s))",
  );
  await expect(page.getByTestId("application-document-row")).toHaveCount(2);
});

test("a link that lapses between the preview and the upload is reported, not dropped silently", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(90_000);
  await signInAs(page, "admin");
  await page.goto("/applications/new");
  const applicationNumber = unique("LOS-lapse");
  await page.getByLabel("Application id", { exact: true }).fill(applicationNumber);
  await page.getByRole("button", { name: "Create application" }).click();
  await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}$/);

  // Valid for one hour from an hour ago plus ten seconds: fine in the preview, lapsed at upload.
  const expiresAt = Date.now() + 10_000;
  const signedAt = new Date(expiresAt - 3600_000).toISOString().replace(/[-:]|\.\d{3}/g, "");
  const soon =
    `${baseURL}/atlas-sim/files/cdl-2077-invoice.svg?X-Amz-Algorithm=AWS4-HMAC-SHA256` +
    `&X-Amz-Date=${signedAt}&X-Amz-Expires=3600&X-Amz-Signature=${"ab".repeat(32)}`;
  const text = [
    "document_id,file_url",
    `${applicationNumber}-pan,${baseURL}/atlas-sim/files/cdl-2077-pan.svg`,
    `${applicationNumber}-invoice,${soon}`,
  ].join("\n");
  await page.getByLabel("Document URLs or CSV rows").fill(text);
  await expect(page.getByTestId("upload-row-summary")).toHaveText("2 rows: 2 valid, 0 with problems");

  await page.waitForTimeout(Math.max(0, expiresAt + 2000 - Date.now()));
  await page.getByRole("button", { name: "Upload 2 documents" }).click();
  const notice = page.getByTestId("upload-notice");
  await expect(notice).toContainText("1 document(s) sent to Atlas; 1 skipped: expired at");
  await expect(notice).toContainText(`line 3 (${applicationNumber}-invoice): expired at`);
  await expect(page.getByTestId("application-document-row")).toHaveCount(1);
});
