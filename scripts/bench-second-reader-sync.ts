/**
 * Part 2 of `npm run bench:second-reader` (BENCH_SYNC=0 skips it): does the second reader slow
 * the Atlas sync? In one process: the simulator over HTTP, an embedded PostgreSQL in a temporary
 * folder, batches of BENCH_SYNC_DOCUMENTS (default 500) raster scans.
 *
 * As in the app, Atlas finishes documents over time (the simulator takes BENCH_SYNC_LATENCY per
 * document, default 0–20 s) and the sync runs in passes (every PASS_MS), each pass storing what
 * is new and, with the second reader on, queueing those documents' OCR jobs (fire and forget, as
 * lib/batches/sync.ts does). So jobs are enqueued during the sync, not after it.
 *
 * A warm-up batch is synced first (not counted: the first sync of a process pays for JIT and cold
 * caches). Batch A is synced with the second reader off. Then the second reader starts (its
 * start-up sweep queues all of the warm-up and A, a backlog that keeps OCR busy), and only once a job is
 * running is batch B uploaded and synced beside it. For each: the time until the whole batch is
 * stored (the done-when's "completes its Atlas sync") and the time spent inside the sync passes
 * (the sync's own work, which is what OCR could slow), and how much OCR ran beside it. Then the
 * OCR backlog (warm-up, A and B) is watched for BENCH_DRAIN_SECONDS (default 60) through the
 * batch page's own progress function, with its rate and the time the rest would take at it.
 */
import { sql } from "drizzle-orm";
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { startSimServer } from "@/atlas-sim/server";
import { createAtlasClient, type AtlasClient } from "@/lib/atlas/client";
import { createBatch } from "@/lib/batches/create";
import { submitPendingChunks } from "@/lib/batches/submit";
import { syncBatch } from "@/lib/batches/sync";
import { openDatabase } from "@/lib/db/client";
import { SYSTEM_ACTOR } from "@/lib/db/queries/audit";
import { createUser } from "@/lib/db/queries/users";
import type { Db } from "@/lib/db/types";
import { buildThresholdSet } from "@/lib/documents/thresholds";
import { DEMO_ATLAS_CLIENT_ID, DEMO_ATLAS_CLIENT_SECRET, getEnv, resetEnvForTests } from "@/lib/env";
import { secondReaderProgress } from "@/lib/second-reader/progress";
import { startSecondReader, stopSecondReader } from "@/lib/second-reader/queue";

const DOCUMENTS = Math.max(50, Number(process.env.BENCH_SYNC_DOCUMENTS ?? 500));
const LATENCY = process.env.BENCH_SYNC_LATENCY ?? "0-20000";
const DRAIN_SECONDS = Number(process.env.BENCH_DRAIN_SECONDS ?? 60);
const PASS_MS = 1_000;
const TYPES = ["pan", "aadhaar", "invoice", "gst", "driving-license", "voter-id", "bank-statement"];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function batchOf(
  db: Db,
  client: AtlasClient,
  baseUrl: string,
  userId: string,
  label: string,
  size: number,
) {
  const rows = Array.from({ length: size }, (_, i) => ({
    documentId: `${label}-${i + 1}`,
    fileUrl: `${baseUrl}/files/${label}/${TYPES[i % TYPES.length]}-${i + 1}.jpg`,
  }));
  const { batchId } = await createBatch(
    db,
    { clientKey: crypto.randomUUID(), label, productType: "POC_CDL", rows, chunkSize: 50, createdBy: userId },
    SYSTEM_ACTOR,
  );
  const outcome = await submitPendingChunks(db, client, batchId);
  if (outcome.failed > 0) throw new Error(`${outcome.failed} chunk(s) of ${label} failed to upload`);
  return batchId;
}

type SyncRun = { wallMs: number; syncMs: number; passes: number };

/** Passes every PASS_MS, as the batch engine runs them, until every document is stored. */
async function passesUntilStored(
  db: Db,
  client: AtlasClient,
  batchId: string,
  size: number,
): Promise<SyncRun> {
  const started = performance.now();
  let stored = 0;
  let syncMs = 0;
  let passes = 0;
  while (stored < size) {
    if (performance.now() - started > 10 * 60_000)
      throw new Error(`stored ${stored} of ${size} after 10 minutes`);
    const passStarted = performance.now();
    const report = await syncBatch(db, client, batchId, {
      concurrency: 4,
      thresholds: buildThresholdSet([]),
    });
    syncMs += performance.now() - passStarted;
    stored += report.stored;
    passes++;
    if (stored < size) await sleep(PASS_MS);
  }
  return { wallMs: performance.now() - started, syncMs, passes };
}

async function count(db: Db, query: ReturnType<typeof sql>): Promise<number> {
  const result = (await db.execute(query)) as unknown as { rows: Array<{ n: number }> };
  return result.rows[0]?.n ?? 0;
}
const readsDone = (db: Db) =>
  count(db, sql`select count(*)::int as n from second_reads where status <> 'queued'`);
const rowsOf = (db: Db, batchId: string) =>
  count(
    db,
    sql`select count(*)::int as n from second_reads s join documents d on d.id = s.document_id where d.batch_id = ${batchId}`,
  );

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function syncFigures(): Promise<void> {
  const server = await startSimServer({ latency: LATENCY });
  const dataDir = await mkdtemp(path.join(tmpdir(), "bench-second-reader-sync-"));
  Object.assign(process.env, {
    ATLAS_BASE_URL: server.baseUrl,
    ATLAS_CLIENT_ID: DEMO_ATLAS_CLIENT_ID,
    ATLAS_CLIENT_SECRET: DEMO_ATLAS_CLIENT_SECRET,
    DATA_DIR: dataDir,
    LOG_LEVEL: "error",
    SECOND_READER: "on",
  });
  resetEnvForTests();
  const database = await openDatabase({ dataDir });
  const db = database.db;
  const client = createAtlasClient({
    baseUrl: server.baseUrl,
    clientId: DEMO_ATLAS_CLIENT_ID,
    clientSecret: DEMO_ATLAS_CLIENT_SECRET,
    timeoutMs: 30_000,
    maxRetries: 3,
  });
  try {
    const user = await createUser(
      db,
      {
        email: `bench-${crypto.randomUUID().slice(0, 8)}@example.test`,
        name: "Bench",
        role: "admin",
        passwordHash: "x",
      },
      SYSTEM_ACTOR,
    );
    const warm = await batchOf(db, client, server.baseUrl, user.id, "warm", 100);
    await passesUntilStored(db, client, warm, 100);

    const a = await batchOf(db, client, server.baseUrl, user.id, "off", DOCUMENTS);
    const off = await passesUntilStored(db, client, a, DOCUMENTS);
    const loadOff = loadavg()[0]!;

    const reader = await startSecondReader(db, getEnv());
    if (!reader) throw new Error("the second reader did not start");
    // OCR really running before B starts: a job has taken a document.
    const waitFrom = performance.now();
    while ((await count(db, sql`select count(*)::int as n from second_reads where attempts > 0`)) === 0) {
      if (performance.now() - waitFrom > 60_000) throw new Error("no OCR job started within 60 s");
      await sleep(200);
    }
    const b = await batchOf(db, client, server.baseUrl, user.id, "on", DOCUMENTS);
    const readBefore = await readsDone(db);
    const on = await passesUntilStored(db, client, b, DOCUMENTS);
    const loadOn = loadavg()[0]!;
    const readDuring = (await readsDone(db)) - readBefore;
    const queuedDuring = await rowsOf(db, b);

    console.log(
      `\nAtlas sync of a ${DOCUMENTS}-document batch (simulator over HTTP in this process, documents ready over ${LATENCY} ms, a pass every ${PASS_MS / 1000} s, concurrency 4)`,
    );
    const line = (run: SyncRun, load: number) =>
      `all stored after ${seconds(run.wallMs)}; time in the ${run.passes} sync passes ${seconds(run.syncMs)} (load ${load.toFixed(1)})`;
    console.log(`  second reader off: ${line(off, loadOff)}`);
    console.log(`  second reader on:  ${line(on, loadOn)}`);
    console.log(
      `  ratio on/off: completion ${(on.wallMs / off.wallMs).toFixed(2)}, time in passes ${(on.syncMs / off.syncMs).toFixed(2)}`,
    );
    console.log(
      `  beside the sync: ${readDuring} documents OCR'd; ${queuedDuring} of B's documents queued for OCR by the sync's passes by the time it ended`,
    );

    const batchesRead = [warm, a, b];
    const backlog = async () => {
      const rows = await Promise.all(batchesRead.map((id) => secondReaderProgress(db, id)));
      return rows.reduce(
        (t, p) => ({
          done: t.done + (p?.done ?? 0),
          failed: t.failed + (p?.failed ?? 0),
          queued: t.queued + (p?.queued ?? 0),
        }),
        { done: 0, failed: 0, queued: 0 },
      );
    };
    const drainStarted = performance.now();
    const first = await backlog();
    let last = first;
    while (performance.now() - drainStarted < DRAIN_SECONDS * 1000 && last.queued > 0) {
      await sleep(10_000);
      last = await backlog();
      console.error(
        `… OCR backlog (all three batches): ${last.done} read, ${last.failed} failed, ${last.queued} to go`,
      );
    }
    const minutes = (performance.now() - drainStarted) / 60_000;
    const rate = (last.done + last.failed - first.done - first.failed) / minutes;
    console.log(
      `  OCR backlog afterwards (batch page progress, warm-up, A and B): ${first.queued} to go when B was stored; after ${(minutes * 60).toFixed(0)} s ${last.done} read, ${last.failed} failed, ${last.queued} to go — ${rate.toFixed(1)} documents/min${last.queued > 0 && rate > 0 ? `, the rest in about ${(last.queued / rate).toFixed(0)} min` : ""}`,
    );
  } finally {
    await stopSecondReader();
    await database.close();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
