import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { expect, signIn, test, unique } from "./support";

/**
 * The embedded database is a PostgreSQL server that the first app process starts in its data
 * folder. A CLI script and a second app process on the same folder connect to it instead of
 * failing, and what one writes the others see; the second leaving does not disturb the first.
 */
const DATA_DIR = process.env.E2E_DATA_DIR || ".data-e2e";
const SECOND = 3199;

test("a CLI script and a second app process on the same embedded data folder share its database", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const env = {
    ...process.env,
    NODE_ENV: "production" as const,
    DATA_DIR,
    AUTH_SECRET: "e2e-only-secret-0123456789abcdef0123456789",
  };
  const email = `${unique("cli")}@bank.example`;
  const created = spawnSync(
    process.execPath,
    [
      "node_modules/tsx/dist/cli.mjs",
      "scripts/user-create.ts",
      "--email",
      email,
      "--role",
      "reviewer",
      "--password",
      "cli-password-42",
    ],
    { env, encoding: "utf8", timeout: 60_000 },
  );
  expect(created.status, created.stderr + created.stdout).toBe(0);
  expect(created.stdout).toContain(`Created ${email} (reviewer).`);

  let output = "";
  const second: ChildProcess = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(SECOND)],
    {
      env: { ...env, PORT: String(SECOND) },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  second.stdout?.on("data", (d) => (output += String(d)));
  second.stderr?.on("data", (d) => (output += String(d)));
  try {
    await expect
      .poll(
        async () => {
          const res = await fetch(`http://127.0.0.1:${SECOND}/api/health`).catch(() => undefined);
          return res?.ok ? ((await res.json()) as { database: unknown }).database : output;
        },
        { timeout: 60_000 },
      )
      .toMatchObject({ driver: "embedded", reachable: true });

    // The user the CLI made signs in on both instances.
    for (const url of [baseURL!, `http://localhost:${SECOND}`]) {
      const page = await browser.newPage({ baseURL: url });
      await signIn(page, email, "cli-password-42");
      await expect(page.getByTestId("current-user")).toBeVisible();
      await page.close();
    }
  } finally {
    second.kill("SIGTERM");
    await new Promise((resolve) => second.once("exit", resolve));
  }
  // The second instance did not start the server, so its leaving does not stop it.
  const health = await fetch(`${baseURL}/api/health`);
  expect(health.status).toBe(200);
  expect(((await health.json()) as { database: unknown }).database).toMatchObject({ reachable: true });
});
