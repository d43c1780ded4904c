/**
 * Two instances of the app on one database (two processes, each with its own pg-boss and OCR
 * worker): every document is read once. Both sweep at start-up, the second while the first is
 * reading, and both queue the same batch (as two syncs would); pg-boss gives each job to one
 * instance, and a job queued again for a document already read is skipped. On the embedded
 * PostgreSQL and, with TEST_DATABASE_URL, on a PostgreSQL server.
 */
import os from "node:os";
import path from "node:path";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { documents, secondReads } from "@/lib/db/schema";
import { queryRows, testDrivers, useTestDatabase } from "@/lib/db/test-utils";
import { getEnv, resetEnvForTests } from "@/lib/env";
import { seedBatch, seedDocument, seedReviewer } from "@/lib/review/test-support";
import { startScanServer, type ScanServer } from "@/test/scan-server";
import { createSecondReader, SECOND_READER_QUEUE, type SecondReader } from "./queue";

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
  await scans?.close();
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  resetEnvForTests();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(testDrivers)("two second readers sharing one database on %s", (driver) => {
  const t = useTestDatabase(driver);
  const readers: SecondReader[] = [];
  afterEach(async () => {
    await Promise.all(readers.splice(0).map((r) => r.stop({ timeoutMs: 1_000 })));
  });

  it("read each document once, though both sweep at start and both queue the batch", async () => {
    const user = await seedReviewer(t.db, `Two ${driver}`);
    const batchId = await seedBatch(t.db, user.id);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const id = await seedDocument(t.db, batchId, `two-${driver}-${i}`, "PAN", {
        pan_number: { value: "ABCPK1234F", confidence_score: 0.97 },
      });
      await t.db
        .update(documents)
        .set({ fileUrl: `http://127.0.0.1:${scans.port()}/atlas-sim/files/${driver}-${i}.png` })
        .where(eq(documents.id, id));
      ids.push(id);
    }
    scans.release({ hold: true });
    const first = scans.requested();
    readers.push(await createSecondReader(t.db, getEnv()));
    await first; // the first instance holds a job
    // The second one's start-up sweep queues again every document not read yet, that one included.
    readers.push(await createSecondReader(t.db, getEnv()));
    // Two syncs finishing the same batch, one in each instance.
    await Promise.all(readers.map((r) => r.enqueue({ batchId })));
    scans.release({ hold: false });

    // Until no job is left for these documents (waiting, retrying or running).
    const pending = async () =>
      (
        await queryRows<{ n: number }>(
          t.db,
          sql`select count(*)::int as n from pgboss.job where name = ${SECOND_READER_QUEUE}
              and state in ('created', 'retry', 'active')`,
        )
      )[0]!.n;
    for (let i = 0; i < 240 && (await pending()) > 0; i++) await sleep(250);
    expect(await pending()).toBe(0);

    const rows = await t.db.select().from(secondReads).where(inArray(secondReads.documentId, ids));
    expect(rows.map((r) => r.status)).toEqual(ids.map(() => "done"));
    expect(rows.map((r) => r.attempts)).toEqual(ids.map(() => 1));
    for (let i = 0; i < 6; i++) expect(scans.counts.get(`/atlas-sim/files/${driver}-${i}.png`)).toBe(1);
  }, 120_000);
});
