import { expect, signInAs, test, unique } from "./support";

/**
 * Issue 17 end to end, against a real S3-compatible server the suite starts itself (s3rver with
 * the demo bucket, playwright.config.ts; S3_SIGN_EXPIRY_SECONDS=30 there): an admin browses the
 * bucket, picks a folder of 60 objects and two single files and submits; the simulator downloads
 * every file through the signed links; the first chunk's answer is lost, and its retry after the
 * first links expired is signed again; a reviewer opens a scan whose first link has expired.
 */

const SIM = "/atlas-sim/__sim";

/** One file the simulator fetched: its URL without the query (a signed link's query is a credential). */
type Download = {
  url: string;
  status: number | null;
  ok: boolean;
  signedAt?: string;
  expiresSeconds?: number;
  at: string;
};

/** What the simulator fetched (GET /__sim/downloads), only the demo bucket's files. */
async function downloads(request: import("@playwright/test").APIRequestContext): Promise<Download[]> {
  const response = await request.get(`${SIM}/downloads`);
  expect(response.ok(), await response.text()).toBe(true);
  const body = (await response.json()) as { downloads: Download[] };
  return body.downloads.filter((d) => new URL(d.url).pathname.startsWith("/atlas-demo/"));
}

const keyOf = (url: string) => new URL(url).pathname.replace(/^\/atlas-demo\//, "");
/** X-Amz-Date (20261130T091500Z) as epoch ms. */
function signedAtMs(d: Download): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(d.signedAt ?? "");
  if (!m) throw new Error(`${d.url} was not fetched through a signed link`);
  const [, y, mo, day, h, mi, sec] = m.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, day, h, mi, sec);
}
const expiresAtMs = (d: Download) => signedAtMs(d) + (d.expiresSeconds ?? 0) * 1000;

test("an admin starts a batch from S3; links are signed late, re-signed on retry, and scans never expire", async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  await signInAs(page, "admin");
  await page.request.delete(`${SIM}/faults`);
  const earlier = (await downloads(page.request)).length;
  const on = await page.request.post(`${SIM}/downloads`, { data: { enabled: true } });
  expect(on.ok(), await on.text()).toBe(true);
  // The first chunk is processed (its files downloaded) but its answer is lost: it is retried.
  await page.request.post(`${SIM}/faults`, {
    data: [{ kind: "lost_upload_answer", answer: "502_html", count: 1 }],
  });

  try {
    await page.goto("/batches/new");
    const label = unique("e2e-s3");
    await page.getByLabel(/^Label/).fill(label);

    // Browse: a whole folder of 60, and two files from another folder.
    await page.getByRole("button", { name: "Browse S3…" }).click();
    const dialog = page.getByRole("dialog", { name: "Browse S3" });
    await expect(dialog.getByTestId("s3-folder")).toHaveCount(3);
    await dialog.getByLabel("Pick folder bulk/").check();
    await dialog.getByRole("button", { name: "Open folder kyc/" }).click();
    await expect(dialog.getByTestId("s3-file").first()).toBeVisible();
    await dialog.getByLabel("Pick file pan-01.svg").check();
    await dialog.getByLabel("Pick file gst-01.svg").check();
    // Back by the breadcrumb: the picks stay.
    await dialog.getByRole("button", { name: "s3://atlas-demo/" }).click();
    await expect(dialog.getByLabel("Pick folder bulk/")).toBeChecked();
    await expect(dialog.getByTestId("s3-picked-count")).toHaveText("3 picked");
    await dialog.getByRole("button", { name: "Add to the list" }).click();
    await expect(page.getByLabel("URLs or CSV rows")).toHaveValue(
      "s3://atlas-demo/bulk/\ns3://atlas-demo/kyc/pan-01.svg\ns3://atlas-demo/kyc/gst-01.svg",
    );

    // The preview lists the folder on the server: 60 files and their size; ids from the keys.
    const preview = page.getByRole("region", { name: "Preview" });
    await expect(preview.getByTestId("s3-expansion").first()).toContainText(/^60 files, [\d.]+ [KM]B/);
    await expect(page.getByTestId("row-summary")).toHaveText(
      "3 rows (62 documents): 3 valid, 0 with problems",
    );
    await preview.getByTestId("s3-expansion").first().click();
    await expect(preview).toContainText("pan-01 ← s3://atlas-demo/bulk/pan-01.svg");

    await page.getByRole("button", { name: "Submit 62 documents" }).click();
    await expect(page).toHaveURL(/\/batches\/[0-9a-f-]{36}$/);
    const batchUrl = page.url();
    const progress = page.getByRole("region", { name: "Progress" });
    await expect(progress.getByTestId("chunk-unknown")).toContainText("unknown whether Atlas received it", {
      timeout: 60_000,
    });

    // The simulator fetched every file through a link signed for it (first chunk 50, second 12).
    const fetched = async () => (await downloads(page.request)).slice(earlier);
    await expect.poll(async () => (await fetched()).length, { timeout: 60_000 }).toBe(62);
    const first = await fetched();
    expect(first.filter((d) => !d.ok || d.status !== 200)).toEqual([]);
    expect(new Set(first.map((d) => keyOf(d.url))).size).toBe(62);
    expect(first.every((d) => d.expiresSeconds === 30)).toBe(true);
    const lastExpiry = Math.max(...first.map(expiresAtMs));

    // Wait until every first link has expired.
    await page.waitForTimeout(Math.max(0, lastExpiry - Date.now()) + 3_000);

    // The retry signs the chunk's links again: fresh links, downloaded again.
    await progress.getByRole("button", { name: "Retry 1 failed chunk" }).click();
    const retry = page.getByRole("dialog", { name: "Atlas may process these rows twice" });
    await retry.getByRole("button", { name: "Send them again" }).click();
    await expect(page.getByTestId("batch-counts")).toContainText("Waiting for Atlas0", { timeout: 90_000 });
    // Whichever chunk lost its answer (50 or 12 files) was fetched again, each through a new link.
    // The retried chunk's documents are already known to Atlas: wait for its downloads themselves.
    await expect
      .poll(async () => [62 + 50, 62 + 12].includes((await fetched()).length), { timeout: 60_000 })
      .toBe(true);
    const again = (await fetched()).slice(first.length);
    expect([50, 12]).toContain(again.length);
    for (const d of again) {
      expect(d.ok && d.status === 200, keyOf(d.url)).toBe(true);
      const before = first.find((f) => keyOf(f.url) === keyOf(d.url))!;
      // Signed anew after the first link had expired (S3 refuses an expired link: lib/s3/s3.test.ts).
      expect(expiresAtMs(before)).toBeLessThan(signedAtMs(d) + 1000);
      expect(signedAtMs(d)).toBeGreaterThan(signedAtMs(before));
    }

    // A reviewer opens the PAN whose first link has long expired: the scan is shown.
    const reviewer = await (await browser.newContext()).newPage();
    await signInAs(reviewer, "reviewer");
    await reviewer.goto(`${batchUrl}?type=PAN`);
    await reviewer
      .getByTestId("document-row")
      .filter({ hasText: "pan-01" })
      .first()
      .getByRole("link")
      .first()
      .click();
    const scan = reviewer.getByRole("img", { name: /^Scan of pan-01/ });
    await expect(scan).toBeVisible({ timeout: 30_000 });
    await expect(reviewer.getByText(/link (has )?expired/i)).toHaveCount(0);
    await expect
      .poll(() => scan.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
      .toBe(true);
  } finally {
    await page.request.delete(`${SIM}/faults`);
    await page.request.post(`${SIM}/downloads`, { data: { enabled: false } });
  }
});

test("rows outside the allow-list and missing files are explained on their row", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/batches/new");
  await page
    .getByLabel("URLs or CSV rows")
    .fill(
      [
        "s3://atlas-demo/kyc/pan-01.svg",
        "s3://other-bucket/a.jpg",
        "s3://atlas-demo/kyc/nope.jpg",
        "s3://atlas-demo/empty/",
      ].join("\n"),
    );
  const rows = page.getByRole("region", { name: "Preview" }).getByTestId("preview-row");
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText(/1 file, \d+ KB/);
  await expect(rows.nth(1)).toContainText(/S3_ALLOWED_BUCKETS allows: atlas-demo/);
  await expect(rows.nth(2)).toContainText(/not found|no object|does not exist/i);
  await expect(rows.nth(3)).toContainText(/empty/i);
  await expect(page.getByTestId("row-summary")).toHaveText("4 rows: 1 valid, 3 with problems");

  // The include filter changes what a folder expands to.
  await page.getByLabel("URLs or CSV rows").fill("s3://atlas-demo/kyc/");
  // kyc/ holds the simulator's specimens (scripts/s3-demo.ts), as many as it lists.
  const listed = await page.request.get("/atlas-sim/specimens");
  const { specimens } = (await listed.json()) as { specimens: unknown[] };
  await expect(page.getByTestId("s3-expansion")).toContainText(new RegExp(`^${specimens.length} files`));
  await page.getByLabel("Include from folders").fill("pdf");
  await expect(page.getByRole("region", { name: "Preview" })).toContainText(/holds no pdf files/);
});

test("the browse dialog gives the keyboard back to the button that opened it", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/batches/new");
  const browse = page.getByRole("button", { name: "Browse S3…" });
  const dialog = page.getByRole("dialog", { name: "Browse S3" });
  await browse.focus();
  await page.keyboard.press("Enter");
  await expect(dialog.getByTestId("s3-folder")).toHaveCount(3);
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(browse).toBeFocused();

  await page.keyboard.press("Enter");
  await dialog.getByLabel("Pick folder bulk/").focus();
  await page.keyboard.press("Space");
  await dialog.getByRole("button", { name: "Add to the list" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("URLs or CSV rows")).toHaveValue("s3://atlas-demo/bulk/");
  await expect(browse).toBeFocused();
});
