import { type BrowserContext, test as base, expect, type Page } from "@playwright/test";

/**
 * Every spec imports `test` from here: it fails a test when any page (in the default context or
 * one the test opens itself) reports a Content-Security-Policy violation, so the whole suite runs
 * under the CSP and proves no page breaks with it.
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context, browser }, use) => {
      const violations: string[] = [];
      const watch = async (watched: BrowserContext) => {
        await watched.addInitScript(() => {
          document.addEventListener("securitypolicyviolation", (e) => {
            console.error(
              `[csp-violation] ${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`,
            );
          });
        });
        watched.on("console", (message) => {
          const text = message.text();
          if (text.includes("[csp-violation]") || text.includes("Content Security Policy"))
            violations.push(`${message.location().url}: ${text}`);
        });
      };
      await watch(context);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const created = await newContext(options);
        await watch(created);
        return created;
      };
      await use(violations);
      browser.newContext = newContext;
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

export const DEMO = {
  admin: { email: "admin@demo.atlas-review.local", password: "demo-admin-2026", name: "Asha Admin" },
  reviewer: {
    email: "reviewer@demo.atlas-review.local",
    password: "demo-reviewer-2026",
    name: "Ravi Reviewer",
  },
  qa: { email: "qa@demo.atlas-review.local", password: "demo-qa-2026", name: "Quinn QA" },
} as const;

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export async function signInAs(page: Page, role: keyof typeof DEMO) {
  await signIn(page, DEMO[role].email, DEMO[role].password);
  await expect(page.getByTestId("current-user")).toContainText(DEMO[role].name);
}

/** A unique suffix so specs can create their own data without clashing on re-runs. */
export function unique(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}
