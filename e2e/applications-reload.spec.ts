import { expect, signInAs, test, unique } from "./support";

test("a reload while an upload is in flight, then a second upload, says it was already recorded", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await signInAs(page, "admin");
  await page.goto("/applications/new");
  const applicationId = unique("LOS-reload");
  await page.getByLabel("Application id", { exact: true }).fill(applicationId);
  await page.getByRole("button", { name: "Create application" }).click();
  await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}$/);

  // Explicit ids: once recorded they are in the application, so the preview knows them.
  const rows = ["cdl-2077-pan", "cdl-2077-aadhaar"].map(
    (name) => `${applicationId}-${name},${baseURL}/atlas-sim/files/${name}.svg`,
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
