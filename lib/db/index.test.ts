import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { openDatabase } from "./client";
import { closeDb, getDb, getDbInfo } from "./index";
import { seedMigratedPglite } from "./test-utils";

describe("getDb: the process-wide database", () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "atlas-review-getdb-"));

  beforeAll(async () => {
    await seedMigratedPglite(dataDir);
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
    // The folder is now ours: a second opener is refused.
    await expect(openDatabase({ dataDir })).rejects.toThrow(/already open in process/);
  });

  it("reports the driver and health for the health endpoint", async () => {
    expect(await getDbInfo()).toEqual({ driver: "pglite", ok: true });
  });

  it("reports a refusal as unhealthy instead of throwing, and recovers once the folder is free", async () => {
    await closeDb();
    const other = await openDatabase({ dataDir });
    const info = await getDbInfo();
    expect(info).toMatchObject({ driver: "pglite", ok: false });
    expect(info.error).toContain("Only one process may open the embedded database");
    await other.close();
    expect(await getDbInfo()).toEqual({ driver: "pglite", ok: true });
  });
});
