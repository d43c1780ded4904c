import { type Browser, type Locator, type Page } from "@playwright/test";
import { DEMO, expect, signInAs, test, unique } from "./support";

/**
 * The review workspace fits the screen (issue 16, items 3 and 6): a bank statement at 1440×900
 * and on a 390×844 phone with every action reachable without scrolling sideways; the scan viewer
 * zooms by keyboard and wheel and fits back; one key shows a hidden Aadhaar scan (audited); the
 * next document and its scan are fetched ahead, so `n` shows them at once.
 */
test.describe.configure({ mode: "serial" });

const label = unique("e2e-layout");
let batchId = "";
const ids: Record<"statement" | "aadhaar" | "pan", string> = { statement: "", aadhaar: "", pan: "" };

test("an admin starts a batch with a bank statement, an Aadhaar card and a PAN card", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAs(page, "admin");
  await page.goto("/batches/new");
  await page.getByLabel(/^Label/).fill(label);
  await page.getByRole("button", { name: /Fill in the \d+ sample documents/ }).click();
  const textarea = page.getByLabel("URLs or CSV rows");
  const samples = (await textarea.inputValue()).split("\n");
  const pick = (name: string) => samples.find((u) => u.includes(`/${name}.`))!;
  // Document ids in this order, so that in the batch the statement's next document is the Aadhaar card.
  await textarea.fill(
    [
      `${label}-1-statement,${pick("bank-statement-01")}`,
      `${label}-2-aadhaar,${pick("aadhaar-badcheck")}`,
      `${label}-3-pan,${pick("pan-badcheck")}`,
    ].join("\n"),
  );
  await page.getByRole("button", { name: "Submit 3 rows" }).click();
  await expect(page).toHaveURL(/\/batches\/[0-9a-f-]{36}$/);
  batchId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByRole("region", { name: "Progress" }).getByTestId("batch-status")).toHaveText(
    "Complete",
    { timeout: 60_000 },
  );
  for (const [key, suffix] of [
    ["statement", "1-statement"],
    ["aadhaar", "2-aadhaar"],
    ["pan", "3-pan"],
  ] as const) {
    const href = await page.getByRole("link", { name: `${label}-${suffix}` }).getAttribute("href");
    ids[key] = href!.split("/").pop()!;
  }
});

async function newPage(browser: Browser, viewport: { width: number; height: number }, phone = false) {
  const context = await browser.newContext({ viewport, isMobile: phone, hasTouch: phone });
  const page = await context.newPage();
  await signInAs(page, "admin");
  return page;
}

/** The page never scrolls sideways. */
async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement!.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, "page width").toBeLessThanOrEqual(innerWidth);
}

/** Inside the viewport once scrolled to (vertically only), and not hidden under anything (the bar at a phone's foot). */
async function expectReachable(page: Page, target: Locator) {
  // As the page brings a row or a focused control into view: the least scroll that shows it.
  await target.evaluate((element) => element.scrollIntoView({ block: "nearest", inline: "nearest" }));
  const box = (await target.boundingBox())!;
  const { innerWidth, innerHeight, scrollX } = await page.evaluate(() => ({
    innerWidth: window.innerWidth,
    innerHeight: window.innerHeight,
    scrollX: window.scrollX,
  }));
  expect(scrollX, "scrolled sideways").toBe(0);
  expect(box.x, "left edge").toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, "right edge").toBeLessThanOrEqual(innerWidth + 0.5);
  expect(box.y, "top edge").toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, "bottom edge").toBeLessThanOrEqual(innerHeight + 0.5);
  // What a click at its middle would hit is the control itself (not the bar fixed above it).
  const covering = await target.evaluate((element) => {
    const r = element.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return top && (top === element || element.contains(top))
      ? null
      : `${element.textContent} is under ${top?.textContent ?? "nothing"}`;
  });
  expect(covering, "covered by another element").toBeNull();
}

async function expectEveryActionReachable(page: Page) {
  await expectNoSidewaysScroll(page);
  const decision = page.getByTestId("decision-buttons");
  for (const name of [/^Approve/, /^Reject/, /^Accept all above threshold/])
    await expectReachable(page, decision.getByRole("button", { name }));
  const rows = page.locator('tr[data-testid^="field-"]');
  const count = await rows.count();
  expect(count).toBeGreaterThan(3);
  for (let i = 0; i < count; i++) {
    const row = rows.nth(i);
    for (const name of [/^Accept /, /^Edit /, /^Mark .* unreadable$/])
      await expectReachable(page, row.getByRole("button", { name }));
  }
  // The transactions table scrolls inside its own cell, never widening the page.
  const transactions = page.getByTestId("field-transactions");
  const scroller = transactions.getByRole("table").first().locator("xpath=..");
  await expectReachable(page, scroller);
  // Wider or taller than its box, the table scrolls there.
  expect(
    await scroller.evaluate(
      (el) => getComputedStyle(el).overflowX !== "visible" && getComputedStyle(el).overflowY !== "visible",
    ),
  ).toBe(true);
  await expectNoSidewaysScroll(page);
}

test("a bank statement at 1440×900: every action in reach, the decision buttons always in view", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const page = await newPage(browser, { width: 1440, height: 900 });
  await page.goto(`/documents/${ids.statement}`);
  await expect(page.getByRole("img", { name: `Scan of ${label}-1-statement` })).toBeVisible();
  await expectEveryActionReachable(page);
  // Scrolled to the last field, Approve is still in view without scrolling back.
  await page.locator('tr[data-testid^="field-"]').last().scrollIntoViewIfNeeded();
  await expect(
    page.getByTestId("decision-buttons").getByRole("button", { name: /^Approve/ }),
  ).toBeInViewport();
  // Compact rows fit more fields in the same height, and the choice is kept.
  const rowHeight = () =>
    page
      .locator('tr[data-testid^="field-"]')
      .first()
      .evaluate((r) => r.clientHeight);
  const comfortable = await rowHeight();
  await page.getByRole("group", { name: "Row density" }).getByRole("button", { name: "Compact" }).click();
  await expect.poll(rowHeight).toBeLessThan(comfortable);
  // A dozen one-value fields fit in the height left under the decision bar and the table's header.
  // The current row alone shows its actions (so it is taller): it and eleven others must fit.
  const heights = await page
    .locator('tr[data-testid^="field-"]:not([data-testid="field-transactions"])')
    .evaluateAll((rows) =>
      rows.map((r) => ({
        current: r.getAttribute("aria-selected") === "true",
        height: r.getBoundingClientRect().height,
      })),
    );
  const room =
    900 - (await page.getByTestId("decision-bar").evaluate((e) => e.getBoundingClientRect().height)) - 80;
  const current = Math.max(0, ...heights.filter((r) => r.current).map((r) => r.height));
  const others = Math.max(...heights.filter((r) => !r.current).map((r) => r.height));
  expect(current + others * 11).toBeLessThanOrEqual(room);
  await page.reload();
  await expect(page.getByRole("button", { name: "Compact" })).toHaveAttribute("aria-pressed", "true");
  await expectNoSidewaysScroll(page);
  await page.context().close();
});

test("at 1440×900 the reason a field needs review fits its column (an Aadhaar card failing a check)", async ({
  browser,
}) => {
  const page = await newPage(browser, { width: 1440, height: 900 });
  await page.goto(`/documents/${ids.aadhaar}`);
  await expect(page.locator('tr[data-needs-review="true"]').first()).toBeVisible();
  // No cell of a field row is wider inside than its column (a long reason would run under the buttons).
  const overflowing = await page
    .locator('tr[data-testid^="field-"] > td')
    .evaluateAll((cells) =>
      cells
        .filter((cell) => cell.scrollWidth > cell.clientWidth + 1)
        .map((cell) => `${cell.closest("tr")!.getAttribute("data-testid")}: ${cell.textContent}`),
    );
  expect(overflowing).toEqual([]);
  await page.context().close();
});

test("a bank statement on a 390×844 phone: scan and fields stacked, a bar at the foot with Approve", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const page = await newPage(browser, { width: 390, height: 844 }, true);
  await page.goto(`/documents/${ids.statement}`);
  await expect(page.getByRole("img", { name: `Scan of ${label}-1-statement` })).toBeVisible();
  const approve = page.getByTestId("decision-buttons").getByRole("button", { name: /^Approve/ });
  await expect(approve).toBeInViewport();
  // Stacked: the scan above the fields.
  const scan = (await page.getByRole("region", { name: "Document" }).boundingBox())!;
  const table = (await page.getByRole("table").first().boundingBox())!;
  expect(table.y).toBeGreaterThan(scan.y + scan.height - 1);
  await expectEveryActionReachable(page);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect(approve).toBeInViewport();
  await expectReachable(page, approve);
  await page.context().close();
});

test("the viewer zooms by keyboard and wheel, fits back, and turns the scan", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAs(page, "admin");
  await page.goto(`/documents/${ids.statement}`);
  const scan = page.getByRole("img", { name: `Scan of ${label}-1-statement` });
  await expect(scan).toBeVisible();
  const level = page.getByTestId("zoom-level");
  const percent = async () => parseInt((await level.innerText()).replace(/\D/g, ""), 10);
  await expect(level).toHaveText("100 %");
  await page.keyboard.press("+");
  await expect(level).toHaveText("125 %");
  await page.keyboard.press("+");
  await expect(level).toHaveText("150 %");
  await page.keyboard.press("-");
  await expect(level).toHaveText("125 %");
  await page.keyboard.press("0");
  await expect(level).toHaveText("100 %");

  const viewport = (await page.getByTestId("scan-viewport").boundingBox())!;
  await page.mouse.move(viewport.x + viewport.width / 2, viewport.y + viewport.height / 3);
  await page.mouse.wheel(0, -400);
  await expect.poll(percent).toBeGreaterThan(100);
  // "Fit page" shows the whole page (never more than the width allows); "Fit width" is 100 %.
  await page.getByRole("button", { name: "Fit page" }).click();
  await expect.poll(percent).toBeLessThanOrEqual(100);
  await page.keyboard.press("+");
  await expect.poll(percent).toBeGreaterThan(100);
  await page.getByRole("button", { name: "Fit width" }).click();
  await expect(level).toHaveText("100 %");

  await page.keyboard.press("Shift+R");
  await expect(scan).toHaveAttribute("style", /rotate\(90deg\)/);
  await page.getByRole("button", { name: "Rotate left" }).click();
  await expect(scan).toHaveAttribute("style", /rotate\(0deg\)/);
});

test("v shows the full Aadhaar scan, and the view is in the audit trail", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto(`/documents/${ids.aadhaar}`);
  await expect(page.getByTestId("scan-masked")).toContainText("Masked copy from Atlas");
  const viewed = page
    .getByTestId("audit-event")
    .filter({ hasText: "viewed the scan (it shows an Aadhaar number)" });
  await expect(viewed).toHaveCount(0);
  await page.keyboard.press("v");
  await expect(page.getByTestId("scan-masked")).toHaveCount(0);
  await expect(page.getByRole("img", { name: `Scan of ${label}-2-aadhaar` })).toBeVisible();
  await page.reload();
  await expect(viewed).toHaveCount(1);
});

test("n shows the next document, fetched ahead with its scan", async ({ page }) => {
  await signInAs(page, "admin");
  const fileFetches: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "fetch" && /\/api\/documents\/[^/]+\/file/.test(r.url()))
      fileFetches.push(r.url());
  });
  const prefetched = page.waitForRequest(
    (r) => r.url().includes(`/documents/${ids.aadhaar}`) && r.headers()["rsc"] !== undefined,
  );
  const scanAhead = page.waitForResponse((r) => r.url().endsWith(`/api/documents/${ids.aadhaar}/file`));
  await page.goto(`/documents/${ids.statement}`);
  await prefetched;
  await (await scanAhead).finished();
  const before = fileFetches.filter((u) => u.includes(ids.aadhaar)).length;
  expect(before).toBe(1);

  await page.keyboard.press("n");
  await expect(page).toHaveURL(new RegExp(`/documents/${ids.aadhaar}$`));
  await expect(page.getByRole("img", { name: `Scan of ${label}-2-aadhaar` })).toBeVisible();
  // Shown from what was fetched ahead: the file route was not asked again.
  expect(fileFetches.filter((u) => u.includes(ids.aadhaar)).length).toBe(before);
});

test("in the queue, the document n will be handed is fetched ahead, and shown as locked to the reviewer", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, "reviewer");
  await page.goto(`/review?batch=${batchId}`);
  const ahead: string[] = [];
  page.on("request", (r) => {
    const match = /\/api\/documents\/([^/]+)\/file$/.exec(r.url());
    if (match && r.resourceType() === "fetch") ahead.push(match[1]!);
  });
  await page.getByRole("button", { name: "Start reviewing" }).click();
  await expect(page).toHaveURL(/\/documents\/[0-9a-f-]{36}\?from=queue/);
  const first = new URL(page.url()).pathname.split("/").pop()!;
  await expect.poll(() => ahead.filter((id) => id !== first).length).toBeGreaterThan(0);
  const next = ahead.find((id) => id !== first)!;
  await page.keyboard.press("n");
  await expect(page).toHaveURL(new RegExp(`/documents/${next}\\?`));
  await expect(page.getByTestId("left-to-review")).toContainText("Locked to you");
  await context.close();
});

test("a reviewer signs in and opens the first document by keyboard alone: Enter on the queue starts reviewing", async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.keyboard.type(DEMO.reviewer.email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(DEMO.reviewer.password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/review$/);
  await expect(page.getByRole("button", { name: "Start reviewing" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/documents\/[0-9a-f-]{36}\?/);
  await expect(page.getByTestId("left-to-review")).toContainText("Locked to you");
  await context.close();
});
