import { type Page } from "@playwright/test";
import { expectNoSeriousViolations, expectTheme, Sessions, type SignedInAs, type Theme } from "./axe";
import { expect, signInAs, test, unique } from "./support";

/**
 * Accessibility as a test (issue 16, item 11): every page of the app, as a role that can see it,
 * in the light and the dark theme, has no serious or critical axe violation. The pages show
 * real data: the setup starts a batch (a bank statement, an Aadhaar card, an unrecognised page…),
 * an application with its cross-checks and a QA sample. A new page is one line in SCREENS.
 */

type Seed = {
  batch: string;
  bankStatement: string;
  aadhaar: string;
  unrecognised: string;
  application: string;
  sample: string;
  sampleItem: string;
};

type Screen = {
  name: string;
  as: SignedInAs;
  path: (seed: Seed) => string;
  /** Brings the page into the state to judge (a dialog open…), after its heading shows. */
  then?: (page: Page) => Promise<void>;
};

const openDialog = (key: string) => async (page: Page) => {
  await page.keyboard.press(key);
  await expect(page.getByRole("dialog")).toBeVisible();
};

const SCREENS: Screen[] = [
  { name: "sign-in", as: "anonymous", path: () => "/sign-in" },
  { name: "landing (admin)", as: "admin", path: () => "/" },
  { name: "landing (reviewer)", as: "reviewer", path: () => "/" },
  { name: "landing (QA)", as: "qa", path: () => "/" },
  { name: "batches", as: "admin", path: () => "/batches" },
  { name: "new batch", as: "admin", path: () => "/batches/new" },
  { name: "batch", as: "admin", path: (s) => s.batch },
  { name: "review queue", as: "reviewer", path: () => "/review" },
  { name: "review: bank statement", as: "reviewer", path: (s) => s.bankStatement },
  { name: "review: Aadhaar (masked scan)", as: "reviewer", path: (s) => s.aadhaar },
  { name: "review: shortcuts help", as: "reviewer", path: (s) => s.aadhaar, then: openDialog("?") },
  { name: "review: failed document", as: "admin", path: (s) => s.unrecognised },
  { name: "document (QA, read only)", as: "qa", path: (s) => s.bankStatement },
  { name: "applications", as: "admin", path: () => "/applications" },
  { name: "new application", as: "admin", path: () => "/applications/new" },
  { name: "application", as: "admin", path: (s) => s.application },
  { name: "application (reviewer)", as: "reviewer", path: (s) => s.application },
  { name: "QA samples", as: "qa", path: () => "/qa" },
  { name: "QA metrics", as: "qa", path: () => "/qa/metrics" },
  { name: "QA sample", as: "qa", path: (s) => s.sample },
  { name: "QA check", as: "qa", path: (s) => s.sampleItem },
  { name: "admin", as: "admin", path: () => "/admin" },
  { name: "admin: users", as: "admin", path: () => "/admin/users" },
  { name: "admin: settings", as: "admin", path: () => "/admin/settings" },
  { name: "admin: audit trail", as: "admin", path: () => "/admin/audit" },
  { name: "account", as: "reviewer", path: () => "/account" },
  { name: "not found", as: "admin", path: () => "/no-such-page" },
  { name: "forbidden", as: "qa", path: () => "/admin/users" },
];

const sessions = new Sessions();
let seed: Seed | undefined;

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

test.beforeAll(async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, "admin");
  const batch = await seedBatch(page, baseURL!);
  const application = await seedApplication(page, baseURL!);
  const qa = await (await browser.newContext()).newPage();
  await signInAs(qa, "qa");
  seed = { ...batch, application, ...(await seedSample(qa, batch.label)) };
  await sessions.signInAll(browser);
});

for (const theme of ["light", "dark"] satisfies Theme[]) {
  test(`every page has no serious or critical axe violation in the ${theme} theme`, async ({ browser }) => {
    test.setTimeout(SCREENS.length * 30_000);
    for (const screen of SCREENS) {
      await test.step(`${screen.name} (${screen.as}, ${theme})`, async () => {
        const page = await sessions.open(browser, screen.as, theme);
        try {
          await page.goto(screen.path(seed!));
          await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
          await expectTheme(page, theme);
          await screen.then?.(page);
          await expectNoSeriousViolations(page, `${screen.name} (${page.url()}, ${theme} theme)`);
        } finally {
          await page.context().close();
        }
      });
    }
  });
}
