import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { openDatabase } from "./client";
import { embeddedServerPaths } from "./embedded-postgres";
import { closeDb, getDb, getDbInfo } from "./index";
import { SYSTEM_ACTOR } from "./queries/audit";
import { createUser, findUserByEmail } from "./queries/users";

describe("getDb: the process-wide database", () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "atlas-review-getdb-"));
  const pgVersion = path.join(embeddedServerPaths(dataDir).pgdata, "PG_VERSION");

  beforeAll(() => {
    process.env.DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
    resetEnvForTests();
  });

  afterAll(async () => {
    await closeDb();
    resetEnvForTests();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("opens once for concurrent first callers, from the configured data folder", async () => {
    const [a, b, c] = await Promise.all([getDb(), getDb(), getDb()]);
    expect(a).toBe(b);
    expect(b).toBe(c);
    // A second opener of the folder (a CLI script, another instance) shares the same server.
    const other = await openDatabase({ dataDir });
    try {
      await createUser(
        other.db,
        { email: "cli@example.com", name: "Cli", role: "admin", passwordHash: "x" },
        SYSTEM_ACTOR,
      );
      expect((await findUserByEmail(a, "cli@example.com"))?.email).toBe("cli@example.com");
    } finally {
      await other.close();
    }
    await expect(a.execute("select 1")).resolves.toBeDefined();
  });

  it("reports the driver and health for the health endpoint", async () => {
    expect(await getDbInfo()).toEqual({ driver: "embedded", ok: true });
  });

  it("reports a failed open as unhealthy instead of throwing, and recovers once the cause is gone", async () => {
    await closeDb();
    const major = readFileSync(pgVersion, "utf8");
    writeFileSync(pgVersion, "17\n"); // a data folder from another major version
    const info = await getDbInfo();
    expect(info).toMatchObject({ driver: "embedded", ok: false });
    expect(info.error).toContain("was created by PostgreSQL 17");
    writeFileSync(pgVersion, major);
    expect(await getDbInfo()).toEqual({ driver: "embedded", ok: true });
    expect((await findUserByEmail(await getDb(), "cli@example.com"))?.email).toBe("cli@example.com");
  });
});
