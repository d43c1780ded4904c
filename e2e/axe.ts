import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, type Page } from "@playwright/test";
import { DEMO, expect, signInAs } from "./support";

/** The impacts that fail the accessibility spec (issue 16, item 11). */
const FAILING_IMPACTS = new Set(["serious", "critical"]);

export type Theme = "light" | "dark";
export type SignedInAs = keyof typeof DEMO | "anonymous";
type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

/**
 * One signed-in browser state per role, made once per spec run, so each page's test opens a
 * fresh context (its own theme) without signing in again.
 */
export class Sessions {
  private states = new Map<SignedInAs, StorageState>();

  async signInAll(browser: Browser) {
    for (const role of Object.keys(DEMO) as (keyof typeof DEMO)[]) {
      const context = await browser.newContext();
      await signInAs(await context.newPage(), role);
      this.states.set(role, await context.storageState());
      await context.close();
    }
  }

  /** A page in `theme`, chosen the way a person chooses it (the OS setting next-themes follows). */
  async open(browser: Browser, as: SignedInAs, theme: Theme): Promise<Page> {
    const storageState = as === "anonymous" ? undefined : this.states.get(as);
    if (as !== "anonymous" && !storageState)
      throw new Error(`no session for ${as}: run the setup test first`);
    const context = await browser.newContext({ storageState, colorScheme: theme });
    return context.newPage();
  }
}

/** Proves the page is really drawn in `theme` before it is judged. */
export async function expectTheme(page: Page, theme: Theme) {
  const html = page.locator("html");
  if (theme === "dark") await expect(html).toHaveClass(/(^|\s)dark(\s|$)/);
  else await expect(html).not.toHaveClass(/(^|\s)dark(\s|$)/);
}

/**
 * Runs axe on the page as it is now and fails on any serious or critical violation, listing
 * each with its rule, help text, and every offending node's selector and axe's summary. Soft, so
 * one run reports every page's violations, not only the first page's.
 */
export async function expectNoSeriousViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const failing = results.violations.filter((v) => v.impact && FAILING_IMPACTS.has(v.impact));
  const report = failing.flatMap((v) => [
    `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} node(s) — ${v.helpUrl}`,
    ...v.nodes.map(
      (n) => `    ${n.target.join(" ")}\n      ${(n.failureSummary ?? "").replace(/\n\s*/g, "\n      ")}`,
    ),
  ]);
  expect
    .soft(
      failing.map((v) => v.id),
      `axe: serious/critical violations on ${what}\n${report.join("\n")}`,
    )
    .toEqual([]);
}
