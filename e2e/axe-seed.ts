import { type Browser, type Page } from "@playwright/test";
import { expect, signInAs, unique } from "./support";

/**
 * The data the accessibility spec's pages show: a batch (a bank statement with its transactions
 * table, an Aadhaar card, an unrecognised page, …), an application with its cross-checks (one
 * mismatch) and a QA sample. Each value is the path of the page that shows it.
 */
export type Seed = {
  batch: string;
  bankStatement: string;
  aadhaar: string;
  unrecognised: string;
  application: string;
  sample: string;
  sampleItem: string;
};

const DOCS = ["bank-statement-01", "aadhaar-01", "unrecognised-01", "pan-01", "invoice-01", "gst-badcheck"];
const CDL = [
  "cdl-1042-pan",
  "cdl-1042-aadhaar",
  "cdl-1042-invoice",
  "cdl-1042-delivery-order-dealer-mismatch",
];

async function seedBatch(page: Page, baseURL: string) {
  const label = unique("a11y");
  await page.goto("/batches/new");
  await page.getByLabel(/^Label/).fill(label);
  await page
    .getByLabel("URLs or CSV rows")
    .fill(DOCS.map((d) => `${label}-${d},${baseURL}/atlas-sim/files/${d}.svg`).join("\n"));
  await page.getByRole("button", { name: new RegExp(`^Submit ${DOCS.length} rows`) }).click();
  await expect(page).toHaveURL(/\/batches\/[0-9a-f-]{36}$/);
  const batch = new URL(page.url()).pathname;
  await expect(page.getByRole("region", { name: "Progress" }).getByTestId("batch-status")).toHaveText(
    /Complete|Partly failed/,
    { timeout: 90_000 },
  );
  await page.reload();
  const href = async (doc: string) =>
    (await page.getByRole("link", { name: `${label}-${doc}`, exact: true }).getAttribute("href"))!;
  return {
    label,
    batch,
    bankStatement: await href("bank-statement-01"),
    aadhaar: await href("aadhaar-01"),
    unrecognised: await href("unrecognised-01"),
  };
}

async function seedApplication(page: Page, baseURL: string) {
  await page.goto("/applications/new");
  await page.getByLabel("Application id", { exact: true }).fill(unique("LOS-a11y"));
  await page.getByRole("button", { name: "Create application" }).click();
  await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}$/);
  const application = new URL(page.url()).pathname;
  await page
    .getByLabel("Document URLs or CSV rows")
    .fill(CDL.map((d) => `${d},${baseURL}/atlas-sim/files/${d}.svg`).join("\n"));
  await page.getByRole("button", { name: new RegExp(`^Upload ${CDL.length} `) }).click();
  await expect(page.getByRole("region", { name: "Status" }).getByTestId("stage-master_status")).toContainText(
    "Success",
    { timeout: 90_000 },
  );
  return application;
}

async function seedSample(page: Page, batchLabel: string) {
  await page.goto("/qa");
  const form = page.getByRole("form", { name: "New sample" });
  await form.getByLabel("Documents to sample").fill("2");
  const batchSelect = form.getByLabel("From batch");
  await batchSelect.selectOption(
    (await batchSelect.locator("option", { hasText: batchLabel }).getAttribute("value"))!,
  );
  await form.getByRole("button", { name: "Draw sample" }).click();
  await expect(page).toHaveURL(/\/qa\/samples\/[0-9a-f-]{36}$/);
  const sample = new URL(page.url()).pathname;
  await page.getByRole("link", { name: "Start checking" }).click();
  await expect(page).toHaveURL(/\/items\/[0-9a-f-]{36}$/);
  return { sample, sampleItem: new URL(page.url()).pathname };
}

/** Seeds everything, as an admin (batch, application) and a QA user (sample). */
export async function seedAll(browser: Browser, baseURL: string): Promise<Seed> {
  const admin = await (await browser.newContext()).newPage();
  await signInAs(admin, "admin");
  const batch = await seedBatch(admin, baseURL);
  const application = await seedApplication(admin, baseURL);
  await admin.context().close();
  const qa = await (await browser.newContext()).newPage();
  await signInAs(qa, "qa");
  const sample = await seedSample(qa, batch.label);
  await qa.context().close();
  const { label: _label, ...paths } = batch;
  return { ...paths, application, ...sample };
}
