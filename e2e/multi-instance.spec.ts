import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { startProcess as start, waitForUrl } from "./processes";
import { DEMO, expect, signIn, test, unique } from "./support";

/**
 * Several app instances sharing one PostgreSQL (DATABASE_URL) behind one Atlas: a user created
 * on one instance signs in on the other, and a batch started on one is synced to the end, each
 * document stored once, while both instances run their background sync. Runs when
 * TEST_DATABASE_URL names a PostgreSQL server (CI does); the default suite needs none.
 */
const serverUrl = process.env.TEST_DATABASE_URL;
const SIM = 3190;
const A = 3191;
const B = 3192;

if (serverUrl) {
  test.describe("two app instances on one PostgreSQL", () => {
    test.describe.configure({ mode: "serial", timeout: 120_000 });
    const dbName = `atlas_review_mi_${randomBytes(4).toString("hex")}`;
    const databaseUrl = serverUrl.replace(/\/[^/]*$/, `/${dbName}`);
    const children: ChildProcess[] = [];
    const logs: string[] = [];

    test.beforeAll(async () => {
      const admin = new Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`create database ${dbName}`);
      await admin.end();
      children.push(
        start(
          ["node_modules/tsx/dist/cli.mjs", "atlas-sim/main.ts"],
          { SIM_PORT: String(SIM), SIM_LATENCY_MS: "300-900", ATLAS_SIM_DOWNLOADS: "off" },
          logs,
        ),
      );
      await waitForUrl(`http://127.0.0.1:${SIM}/specimens`, logs, 60_000);
      const common = {
        NODE_ENV: "production",
        DATABASE_URL: databaseUrl,
        AUTH_SECRET: "multi-instance-secret-0123456789abcdef0123",
        ATLAS_BASE_URL: `http://127.0.0.1:${SIM}`,
        ATLAS_CLIENT_ID: "atlas-review-demo",
        ATLAS_CLIENT_SECRET: "atlas-review-demo-secret",
        DEMO_ACCOUNTS: "true",
        SYNC_INTERVAL_MS: "500",
      };
      for (const port of [A, B]) {
        children.push(
          start(
            ["node_modules/next/dist/bin/next", "start", "-p", String(port)],
            { ...common, PORT: String(port) },
            logs,
          ),
        );
      }
      await Promise.all(
        [A, B].map((port) => waitForUrl(`http://127.0.0.1:${port}/api/health`, logs, 60_000)),
      );
    });

    test.afterAll(async () => {
      for (const child of children) child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 1000));
      const admin = new Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    });

    test("a user created on one instance signs in on the other", async ({ browser }) => {
      const onA = await browser.newPage({ baseURL: `http://localhost:${A}` });
      await signIn(onA, DEMO.admin.email, DEMO.admin.password);
      await expect(onA.getByTestId("current-user")).toContainText(DEMO.admin.name);
      await onA.goto("/admin/users");
      const email = `${unique("shared")}@bank.example`;
      const form = onA.getByRole("form", { name: "Create a user" });
      await form.getByLabel("Name").fill("Shared Officer");
      await form.getByLabel("Email").fill(email);
      await form.getByLabel("Initial password").fill("shared-password-42");
      await form.getByRole("button", { name: "Create user" }).click();
      await expect(onA.getByTestId(`user-row-${email}`)).toBeVisible();

      const onB = await browser.newPage({ baseURL: `http://localhost:${B}` });
      await signIn(onB, email, "shared-password-42");
      await expect(onB.getByTestId("current-user")).toContainText("Shared Officer");
    });

    test("a batch started on one instance is synced to the end once, and watched from the other", async ({
      browser,
    }) => {
      const onA = await browser.newPage({ baseURL: `http://localhost:${A}` });
      await signIn(onA, DEMO.admin.email, DEMO.admin.password);
      await expect(onA.getByTestId("current-user")).toBeVisible();
      await onA.goto("/batches/new");
      await onA.getByRole("button", { name: /Fill in the \d+ sample documents/ }).click();
      const rows = (await onA.getByLabel("URLs or CSV rows").inputValue()).split("\n").length;
      const label = unique("shared-batch");
      await onA.getByLabel(/^Label/).fill(label);
      await onA.getByRole("button", { name: `Submit ${rows} rows` }).click();
      await expect(onA).toHaveURL(/\/batches\/[0-9a-f-]{36}$/);
      const path = new URL(onA.url()).pathname;

      const onB = await browser.newPage({ baseURL: `http://localhost:${B}` });
      await signIn(onB, DEMO.reviewer.email, DEMO.reviewer.password);
      await expect(onB.getByTestId("current-user")).toBeVisible();
      await onB.goto(path);
      await expect(onB.getByRole("region", { name: "Progress" }).getByTestId("batch-status")).toHaveText(
        /Complete|Partly failed/,
        {
          timeout: 60_000,
        },
      );
      await expect(onB.getByTestId("document-row")).toHaveCount(rows);

      const db = new Client({ connectionString: databaseUrl });
      await db.connect();
      const { rows: counts } = await db.query(
        `select count(*)::int as docs, count(distinct d.document_id)::int as distinct_docs,
                count(*) filter (where d.status in ('extracted','failed'))::int as with_result
           from documents d join batches b on b.id = d.batch_id where b.label = $1`,
        [label],
      );
      await db.end();
      expect(counts[0]).toEqual({ docs: rows, distinct_docs: rows, with_result: rows });
    });
  });
}
