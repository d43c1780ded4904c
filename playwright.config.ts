import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests run against the BUILT app (`next start`), never `next dev`.
 * `npm run test:e2e` (scripts/e2e.mjs) finds Chromium, builds, wipes the e2e data folder and
 * then runs Playwright; running `npx playwright test` directly works once those are done.
 */
const PORT = Number(process.env.E2E_PORT || 3100);
const DATA_DIR = process.env.E2E_DATA_DIR || ".data-e2e";
const baseURL = `http://localhost:${PORT}`;
/** The local S3-compatible server (s3rver with the demo bucket) that e2e/s3-input.spec.ts uses. */
const S3_PORT = Number(process.env.E2E_S3_PORT || PORT + 1000);
const S3_ENDPOINT = `http://127.0.0.1:${S3_PORT}`;
const chromiumPath = process.env.E2E_CHROMIUM_PATH || process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export default defineConfig({
  testDir: "./e2e",
  outputDir: `./test-results/playwright-${PORT}`,
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI
    ? [["list"], ["json", { outputFile: "test-results/e2e-results.json" }]]
    : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            "--no-sandbox",
            "--disable-dev-shm-usage",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-default-browser-check",
          ],
        },
      },
    },
  ],
  webServer: [
    {
      // `npm run s3:demo` on its own port: bucket atlas-demo with the sample documents. Ready once
      // its last object is written; s3rver's paged listings need the legacy OpenSSL provider.
      command: `node node_modules/tsx/dist/cli.mjs scripts/s3-demo.ts --port ${S3_PORT} --dir ${DATA_DIR}-s3`,
      url: `${S3_ENDPOINT}/atlas-demo-status/ready`,
      reuseExistingServer: false,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
      env: { NODE_OPTIONS: "--openssl-legacy-provider" },
    },
    {
      command: `node node_modules/next/dist/bin/next start -p ${PORT}`,
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      // SIGTERM (not the default SIGKILL) so that the app stops the embedded PostgreSQL it started.
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        PORT: String(PORT),
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATA_DIR,
        AUTH_SECRET: "e2e-only-secret-0123456789abcdef0123456789",
        SIM_LATENCY_MS: "200-900",
        SYNC_INTERVAL_MS: "500",
        // Specs use placeholder file URLs nobody can download; S3 specs turn downloads on (/__sim/downloads).
        ATLAS_SIM_DOWNLOADS: process.env.ATLAS_SIM_DOWNLOADS ?? "off",
        // Background OCR would change review counts while specs assert them, and keep a core busy:
        // off unless a run asks for it (E2E_SECOND_READER=on, for the second reader's own specs).
        SECOND_READER: process.env.E2E_SECOND_READER || "off",
        // S3 input against the s3rver above; links expire after 30 s, so e2e/s3-input.spec.ts can
        // see a retry re-signed and a scan served after its link lapsed.
        S3_ENDPOINT,
        S3_REGION: "us-east-1",
        S3_ALLOWED_BUCKETS: "atlas-demo",
        S3_ACCESS_KEY_ID: "S3RVER",
        S3_SECRET_ACCESS_KEY: "S3RVER",
        S3_EXTENSIONS: "jpg,jpeg,png,pdf,tif,tiff,svg",
        S3_SIGN_EXPIRY_SECONDS: "30",
      },
    },
  ],
});
