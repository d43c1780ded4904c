import { expect, signInAs, test, unique } from "./support";

/**
 * Every response carries the security headers: pages (a nonce-based CSP whose nonce is on every
 * script Next renders, fresh per request), route handlers and the document-file proxy (a
 * script-free policy). The suite-wide CSP watch in ./support proves the pages work under it.
 */
const CONSTANT = {
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
};

function expectConstantHeaders(headers: Record<string, string>) {
  for (const [name, value] of Object.entries(CONSTANT)) expect(headers[name], name).toContain(value);
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  // Served over plain http here: no HSTS (it is sent only when APP_BASE_URL is https).
  expect(headers["strict-transport-security"]).toBeUndefined();
}

test("pages carry a nonce-based Content-Security-Policy and the anti-framing headers", async ({ page }) => {
  const first = await page.goto("/sign-in");
  const headers = first!.headers();
  expectConstantHeaders(headers);
  const csp = headers["content-security-policy"]!;
  const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src"))!;
  expect(scriptSrc).not.toContain("unsafe-inline");
  expect(scriptSrc).toContain("'strict-dynamic'");
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1]!;
  const nonces = await page
    .locator("script")
    .evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
  expect(nonces.length).toBeGreaterThan(0);
  expect(new Set(nonces)).toEqual(new Set([nonce]));

  const second = await page.goto("/sign-in");
  expect(second!.headers()["content-security-policy"]).not.toContain(nonce);

  // A dashboard page, after sign-in, too (and the redirect to sign-in before it).
  const redirect = await page.request.get("/batches", { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expectConstantHeaders(redirect.headers());
  await signInAs(page, "reviewer");
  const batches = await page.goto("/batches");
  expectConstantHeaders(batches!.headers());
  expect(batches!.headers()["content-security-policy"]).toMatch(
    /script-src 'self' 'nonce-[^']+' 'strict-dynamic'/,
  );
});

test("route handlers, the simulator and the file proxy carry a script-free policy", async ({ page }) => {
  test.setTimeout(120_000);
  for (const path of [
    "/api/health",
    "/api/documents/00000000-0000-4000-8000-000000000000/file",
    "/atlas-sim/samples",
  ]) {
    const response = await page.request.get(path);
    expectConstantHeaders(response.headers());
    expect(response.headers()["content-security-policy"], path).toContain("default-src 'none'");
  }

  // A real file through the proxy: one sample PAN card in a batch of its own.
  await signInAs(page, "admin");
  await page.goto("/batches/new");
  await page.getByLabel(/^Label/).fill(unique("e2e-headers"));
  await page.getByRole("button", { name: /Fill in the \d+ sample documents/ }).click();
  const textarea = page.getByLabel("URLs or CSV rows");
  const pan = (await textarea.inputValue())
    .split("\n")
    .find((line) => /pan/i.test(line) && !/aadhaar/i.test(line))!;
  await textarea.fill(pan);
  await page.getByRole("button", { name: "Submit 1 row" }).click();
  await expect(page).toHaveURL(/\/batches\/[0-9a-f-]{36}$/);
  const link = page.getByTestId("document-row").getByRole("link");
  await expect(link).toBeVisible({ timeout: 60_000 });
  const documentId = /\/documents\/([0-9a-f-]{36})/.exec((await link.getAttribute("href"))!)![1];
  const file = await page.request.get(`/api/documents/${documentId}/file`);
  expect(file.status()).toBe(200);
  expectConstantHeaders(file.headers());
  expect(file.headers()["content-security-policy"]).toContain("sandbox");
  expect(file.headers()["content-security-policy"]).not.toContain("script-src");
});
