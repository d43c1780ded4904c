import { expect, signInAs, test, unique } from "./support";

const CDL_1042 = [
  "cdl-1042-pan",
  "cdl-1042-aadhaar",
  "cdl-1042-invoice",
  "cdl-1042-delivery-order-dealer-mismatch",
];

test("an admin creates an application, uploads the four CDL documents, and follows it to SUCCESS by callback", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await signInAs(page, "admin");
  await page.goto("/applications");
  await page.getByRole("link", { name: "New application" }).click();
  await expect(page).toHaveURL(/\/applications\/new$/);

  const applicationNumber = unique("LOS-1042");
  await page.getByLabel("Application id", { exact: true }).fill(applicationNumber);
  await page.getByLabel(/^flow_params/).fill("{not json");
  await expect(page.getByText(/flow_params is not valid JSON/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Create application" })).toBeDisabled();
  await page.getByLabel(/^flow_params/).fill('{"branch": "Pune"}');
  await page.getByRole("button", { name: "Create application" }).click();

  await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: applicationNumber })).toBeVisible();
  const status = page.getByRole("region", { name: "Status" });
  await expect(status.getByTestId("stage-master_status")).toContainText("Not started");

  // The same input and checks as a batch: a bad row is flagged and skipped.
  const rows = CDL_1042.map((name) => `${name},${baseURL}/atlas-sim/files/${name}.svg`);
  await page
    .getByLabel("Document URLs or CSV rows")
    .fill(["document_id,file_url", ...rows, "broken,not a url"].join("\n"));
  await expect(page.getByTestId("upload-row-summary")).toHaveText("5 rows: 4 valid, 1 with problems");
  await page.getByRole("button", { name: "Upload 4 valid rows (skip 1)" }).click();

  // The four statuses reach their end, and the results came through the callback.
  await expect(status.getByTestId("stage-master_status")).toContainText("Success", { timeout: 60_000 });
  await expect(status.getByTestId("stage-upload_status")).toContainText("Success");
  await expect(status.getByTestId("stage-processing_status")).toContainText("Success");
  await expect(status.getByTestId("stage-crossheck_status")).toContainText("Completed");
  await expect(status.getByTestId("results-source")).toContainText("Results received by callback");

  const documents = page.getByTestId("application-document-row");
  await expect(documents).toHaveCount(4);
  // Types by the registry's names, not Atlas's codes (DELIVERY_ORDER).
  for (const type of ["PAN card", "Aadhaar", "Invoice", "Delivery order"])
    await expect(documents.filter({ hasText: type })).toHaveCount(1);

  // One clear mismatch (dealer_address), highlighted; every other comparison passes.
  const checks = page.getByTestId("cross-check-row");
  await expect(checks.first()).toBeVisible();
  const mismatches = page.locator('[data-testid="cross-check-row"][data-verdict="mismatch"]');
  await expect(mismatches).toHaveCount(1);
  await expect(mismatches).toContainText("dealer_address");
  await expect(mismatches).toContainText("Mismatch");
  await expect(page.getByTestId("cross-check-summary")).toContainText("1 mismatch below the pass mark of");

  // Open the delivery order from the mismatch: the review workspace for that document.
  await mismatches.getByRole("link", { name: /cdl-1042-delivery-order-dealer-mismatch/ }).click();
  await expect(page).toHaveURL(/\/documents\/[0-9a-f-]{36}$/);
  await expect(
    page.getByRole("heading", { name: /cdl-1042-delivery-order-dealer-mismatch/ }).first(),
  ).toBeVisible();

  // The list shows the application with its status.
  await page.goto(`/applications?q=${applicationNumber}`);
  await expect(page.getByTestId("application-row")).toHaveCount(1);
  await expect(page.getByTestId("application-row").getByTestId("master-status")).toHaveText(
    "Success · 1 cross-check below pass mark",
  );
});

test("a 422 from Atlas (auth URL unreachable) is explained in words an admin can act on", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(90_000);
  await signInAs(page, "admin");
  await page.goto("/applications/new");
  const applicationNumber = unique("LOS-422");
  await page.getByLabel("Application id", { exact: true }).fill(applicationNumber);
  await page.getByRole("button", { name: "Create application" }).click();
  await expect(page.getByRole("heading", { level: 1, name: applicationNumber })).toBeVisible();

  // The simulator's next auth_url check fails, as if Atlas could not reach us. (The control
  // endpoints need a signed-in admin: page.request carries the page's session.)
  const armed = await page.request.post(`${baseURL}/atlas-sim/__sim/faults`, {
    data: { kind: "auth_url_unreachable" },
  });
  expect(armed.ok()).toBe(true);
  await page
    .getByLabel("Document URLs or CSV rows")
    .fill(`e2e-422-pan,${baseURL}/atlas-sim/files/cdl-1042-pan.svg`);
  await page.getByRole("button", { name: "Upload 1 document" }).click();
  const error = page.getByTestId("upload-error");
  await expect(error).toContainText("could not reach this application's auth URL");
  await expect(error).toContainText("APP_BASE_URL");
  await expect(page.getByTestId("application-error")).toContainText("firewall");

  // After the admin's decision, the retry goes through.
  await page.getByRole("button", { name: "Retry 1 failed upload" }).click();
  await expect(page.getByRole("region", { name: "Status" }).getByTestId("stage-master_status")).toContainText(
    "Success",
    {
      timeout: 60_000,
    },
  );
});
