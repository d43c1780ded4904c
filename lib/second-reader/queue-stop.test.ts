/**
 * Stopping the second reader (shutdown: SIGINT/SIGTERM through lib/db/exit-hooks.ts, before the
 * database closes): a job in hand finishes first, or, past the timeout, is handed back to the
 * queue rather than left "active"; pg-boss keeps no connection open, and the OCR worker ends.
 * The scan comes from a local server the test holds back, standing in for the simulator (a
 * trusted source), so the job is caught mid-way.
 */
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db";
import { documents, secondReads } from "@/lib/db/schema";
import { queryRows, testDrivers, useTestDatabase } from "@/lib/db/test-utils";
import { closeAllRegistered, closeOnExit } from "@/lib/db/exit-hooks";
import { getEnv, resetEnvForTests } from "@/lib/env";
import { seedBatch, seedDocument, seedReviewer } from "@/lib/review/test-support";
import { startScanServer, type ScanServer } from "@/test/scan-server";
import { OcrEngine } from "./engine";
import { enqueueSecondReads, SECOND_READER_QUEUE, startSecondReader, stopSecondReader } from "./queue";

let scans: ScanServer;
const saved = { ...process.env };

beforeAll(async () => {
  scans = await startScanServer();
  // Demo mode: the embedded simulator on 127.0.0.1:PORT/atlas-sim is a trusted file source.
  Object.assign(process.env, {
    PORT: String(scans.port()),
    SECOND_READER: "on",
    DATA_DIR: path.join(os.tmpdir(), "atlas-review-second-reader-test"),
  });
  delete process.env.ATLAS_BASE_URL;
  resetEnvForTests();
});

afterAll(async () => {
  await stopSecondReader();
  await scans?.close();
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  resetEnvForTests();
});

/**
 * pg-boss's connections to this database. The app gives pg-boss its own pool's application_name
 * (lib/db/embedded-owner.ts counts on it); a test pool has none, so pg-boss names them `pgboss:…`.
 */
async function pgBossConnections(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from pg_stat_activity
        where datname = current_database() and application_name like 'pgboss%'`,
  );
  return row!.n;
}

/** The same, once closed connections have left pg_stat_activity (a backend ends just after its client). */
async function pgBossConnectionsAfterClose(db: Db): Promise<number> {
  let n = await pgBossConnections(db);
  for (let i = 0; i < 20 && n > 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
    n = await pgBossConnections(db);
  }
  return n;
}

async function jobState(db: Db, documentId: string): Promise<string | undefined> {
  const rows = await queryRows<{ state: string }>(
    db,
    sql`select state from pgboss.job where name = ${SECOND_READER_QUEUE} and singleton_key = ${documentId}
        order by created_on desc limit 1`,
  );
  return rows[0]?.state;
}

describe.each(testDrivers)("stopping the second reader on %s", (driver) => {
  const t = useTestDatabase(driver);
  // Whatever a test left running must not outlive its database.
  afterEach(() => stopSecondReader({ timeoutMs: 1_000 }));

  async function scanDocument(name: string) {
    const user = await seedReviewer(t.db, `Stop ${name}`);
    const batchId = await seedBatch(t.db, user.id);
    const id = await seedDocument(t.db, batchId, `stop-${name}-${driver}`, "PAN", {
      pan_number: { value: "ABCPK1234F", confidence_score: 0.97 },
    });
    await t.db
      .update(documents)
      .set({ fileUrl: `http://127.0.0.1:${scans.port()}/atlas-sim/files/${name}.png` })
      .where(eq(documents.id, id));
    return id;
  }
  const status = async (id: string) =>
    (await t.db.select().from(secondReads).where(eq(secondReads.documentId, id)))[0]?.status;

  it("lets the job in hand finish, then leaves no pg-boss connection and ends the OCR worker", async () => {
    const stopOcr = vi.spyOn(OcrEngine.prototype, "stop");
    const id = await scanDocument("finishes");
    const requested = scans.requested();
    const running = await startSecondReader(t.db, getEnv());
    expect(running).toBeDefined();
    expect(await requested).toMatch(/finishes\.png$/); // the job is in hand
    expect(await pgBossConnections(t.db)).toBeGreaterThan(0);
    // A job whose instance dies without stopping is taken again after its heartbeat lapses.
    expect((await running!.boss.getQueue(SECOND_READER_QUEUE))?.heartbeatSeconds).toBe(30);

    const stopping = stopSecondReader({ timeoutMs: 20_000 });
    setTimeout(() => scans.release(), 300);
    await stopping;

    expect(await status(id)).toBe("done");
    expect(await jobState(t.db, id)).toBe("completed");
    expect(await pgBossConnectionsAfterClose(t.db)).toBe(0);
    expect(stopOcr.mock.contexts).toContain(running!.engine);
    stopOcr.mockRestore();
  }, 60_000);

  it("past the timeout, hands the job back to the queue (not left active) and the next start reads it", async () => {
    const id = await scanDocument("handed-back");
    let requested = scans.requested();
    await startSecondReader(t.db, getEnv());
    await requested;
    await stopSecondReader({ timeoutMs: 1_000 });

    expect(await jobState(t.db, id)).not.toBe("active");
    expect(await status(id)).toBe("queued");
    expect(await pgBossConnectionsAfterClose(t.db)).toBe(0);
    scans.release(); // the abandoned handler gets its file, and must not OCR it any more

    // The next start takes the document again (the start-up sweep re-queues rows still queued).
    requested = scans.requested();
    await startSecondReader(t.db, getEnv());
    await requested;
    scans.release();
    for (let i = 0; i < 120 && (await status(id)) !== "done"; i++)
      await new Promise((r) => setTimeout(r, 250));
    expect(await status(id)).toBe("done");
    await stopSecondReader();
  }, 90_000);

  it("on SIGINT/SIGTERM, stops before the database closes: no pg-boss connection is left when it does", async () => {
    await startSecondReader(t.db, getEnv());
    expect(await pgBossConnections(t.db)).toBeGreaterThan(0);
    let atDatabaseClose: number | undefined;
    const databaseClosed = new Promise<void>((resolve) => {
      const unregister = closeOnExit({
        close: async () => {
          atDatabaseClose = await pgBossConnectionsAfterClose(t.db);
          unregister();
          resolve();
        },
        closeSync: () => undefined,
      });
    });
    // What SIGINT/SIGTERM run (the signal itself would end the test's worker).
    await closeAllRegistered();
    await databaseClosed;
    expect(atDatabaseClose).toBe(0);
    // Stopped for good: enqueueing is a no-op, and a new start is possible.
    expect(await enqueueSecondReads({})).toBe(0);
  }, 60_000);
});
