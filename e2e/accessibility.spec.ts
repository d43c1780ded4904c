import { type Page } from "@playwright/test";
import { expectNoSeriousViolations, expectTheme, Sessions, type SignedInAs, type Theme } from "./axe";
import fs from "node:fs";
import path from "node:path";
import { type Seed, seedAll } from "./axe-seed";
import { expect, test } from "./support";

/**
 * Accessibility as a test (issue 16, item 11): every page of the app, as a role that can see it,
 * in the light and the dark theme, has no serious or critical axe violation. The pages show
 * real data: the setup starts a batch (a bank statement, an Aadhaar card, an unrecognised page…),
 * an application with its cross-checks and a QA sample. A new page is one line in SCREENS.
 */

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

/** Presses a workspace key and waits for what it opens to have the focus (an editor). */
const pressToFocus = (key: string) => async (page: Page) => {
  await page.keyboard.press(key);
  await expect(page.locator("main :focus")).toBeVisible();
};

const pasteRows = (text: string) => async (page: Page) => {
  await page.getByLabel("URLs or CSV rows").fill(text);
  await expect(page.getByTestId("row-summary")).toBeVisible();
};

const BAD_ROWS = [
  "https://files.example.com/kyc/pan-001.jpg",
  "not a url",
  "javascript:alert(1)",
  "ftp://files.example.com/kyc/pan-002.pdf",
  "https://files.example.com/kyc/pan-001.jpg",
].join("\n");

const SCREENS: Screen[] = [
  { name: "sign-in", as: "anonymous", path: () => "/sign-in" },
  { name: "landing (admin)", as: "admin", path: () => "/" },
  { name: "landing (reviewer)", as: "reviewer", path: () => "/" },
  { name: "landing (QA)", as: "qa", path: () => "/" },
  { name: "batches", as: "admin", path: () => "/batches" },
  { name: "new batch", as: "admin", path: () => "/batches/new" },
  {
    name: "new batch: rows with problems",
    as: "admin",
    path: () => "/batches/new",
    then: pasteRows(BAD_ROWS),
  },
  {
    name: "new batch: nothing to submit",
    as: "admin",
    path: () => "/batches/new",
    then: pasteRows("document_id,file_url"),
  },
  { name: "batch", as: "admin", path: (s) => s.batch },
  { name: "batches: nothing matches", as: "admin", path: () => "/batches?q=no-such-batch-anywhere" },
  { name: "review queue", as: "reviewer", path: () => "/review" },
  { name: "review: bank statement", as: "reviewer", path: (s) => s.bankStatement },
  { name: "review: Aadhaar (masked scan)", as: "reviewer", path: (s) => s.aadhaar },
  { name: "review: shortcuts help", as: "reviewer", path: (s) => s.aadhaar, then: openDialog("?") },
  {
    name: "review: correcting a field",
    as: "reviewer",
    path: (s) => s.bankStatement,
    then: pressToFocus("e"),
  },
  { name: "review: reject dialog", as: "reviewer", path: (s) => s.bankStatement, then: openDialog("r") },
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

/** `A11Y_SCREENS=<regex>` checks only the screens whose name matches (while fixing one page). */
const only = process.env.A11Y_SCREENS ? new RegExp(process.env.A11Y_SCREENS, "i") : null;
const screens = only ? SCREENS.filter((s) => only.test(s.name)) : SCREENS;

const sessions = new Sessions();
let seed: Seed | undefined;

/** Every page of the app (each app/…/page.tsx) has a line in SCREENS: a new page cannot skip axe. */
test("every page of the app is in the accessibility check", () => {
  const visited = SCREENS.map((s) => s.path(PLACEHOLDER_PATHS).split("?")[0]!);
  const missing = appRoutes().filter((route) => !visited.some((p) => route.test(p)));
  expect(missing.map(String), "pages without a line in SCREENS").toEqual([]);
});

test.describe("axe", () => {
  test.beforeAll(async ({ browser, baseURL }) => {
    test.setTimeout(300_000);
    seed = await seedAll(browser, baseURL!);
    await sessions.signInAll(browser);
  });

  for (const theme of ["light", "dark"] satisfies Theme[]) {
    test(`every page has no serious or critical axe violation in the ${theme} theme`, async ({ browser }) => {
      test.setTimeout(screens.length * 30_000);
      for (const screen of screens) {
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
});

/** What each seeded path looks like, for matching SCREENS against the app's routes. */
const PLACEHOLDER_PATHS: Seed = {
  batch: "/batches/id",
  bankStatement: "/documents/id",
  aadhaar: "/documents/id",
  unrecognised: "/documents/id",
  application: "/applications/id",
  sample: "/qa/samples/id",
  sampleItem: "/qa/samples/id/items/id",
};

/** The app's page routes as patterns: route groups dropped, `[param]` matching one segment. */
function appRoutes(): RegExp[] {
  const app = path.join(__dirname, "..", "app");
  return fs
    .readdirSync(app, { recursive: true, encoding: "utf8" })
    .filter((file) => path.basename(file) === "page.tsx")
    .map((file) => {
      const segments = path
        .dirname(file)
        .split(path.sep)
        .filter((s) => s !== "." && !/^\(.*\)$/.test(s))
        .map((s) => (/^\[.*\]$/.test(s) ? "[^/]+" : s));
      return new RegExp(`^/${segments.join("/")}$`);
    });
}
