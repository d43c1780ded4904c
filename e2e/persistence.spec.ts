import { spawn } from "node:child_process";
import { expect, test } from "./support";

/**
 * The embedded database has exactly one owner: a second app process pointed at the same data
 * folder as the running test server must refuse to start, and say why.
 */
test("a second app process on the same embedded data folder is refused with a clear message", async () => {
  test.setTimeout(60_000);
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", "3199"], {
    env: {
      ...process.env,
      PORT: "3199",
      NODE_ENV: "production",
      DATA_DIR: process.env.E2E_DATA_DIR || ".data-e2e",
      AUTH_SECRET: "e2e-only-secret-0123456789abcdef0123456789",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += String(d)));
  child.stderr.on("data", (d) => (output += String(d)));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(null);
    }, 45_000);
    child.on("exit", (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  expect(code, output).toBe(1);
  expect(output).toContain("Atlas Review could not start");
  expect(output).toMatch(/embedded database .*pglite is already open in process \d+/);
  expect(output).toContain("set DATABASE_URL");
});
