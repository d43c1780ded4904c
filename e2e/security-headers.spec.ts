import { expect, signInAs, test, unique } from "./support";

/**
 * Every response carries the security headers: pages (a nonce-based CSP whose nonce is on every
 * script Next renders, fresh per request), route handlers and the document-file proxy (a
 * script-free policy). The suite-wide CSP watch in ./support proves the pages work under it.
 */
/** A one-page PDF with a line of text (built here, with a correct cross-reference table). */
function tinyPdf(): Buffer {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    "<< /Length 44 >>\nstream\nBT /F1 18 Tf 40 100 Td (PAN card) Tj ET\nendstream",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets = objects.map((body, i) => {
    const at = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) pdf += `${String(at).padStart(10, "0")} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}

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
    "/atlas-sim/specimens",
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

  // The review screen draws a PDF with pdf.js (worker, canvas) under the page's CSP: any
  // violation fails this test through the watch in ./support.
  await page.route("**/api/documents/*/file", (route) =>
    route.fulfill({
      status: 200,
      headers: { "content-type": "application/pdf", "x-file-kind": "pdf" },
      body: tinyPdf(),
    }),
  );
  await page.goto(`/documents/${documentId}`);
  await expect(page.getByTestId("pdf-page")).toHaveText("Page 1 of 1", { timeout: 30_000 });
  await page.unroute("**/api/documents/*/file");
});
