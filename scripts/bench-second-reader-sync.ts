/**
 * Part 2 of `npm run bench:second-reader` (BENCH_SYNC=0 skips it): does the second reader slow
 * the Atlas sync? In one process: the simulator over HTTP, an embedded PostgreSQL in a temporary
 * folder, two batches of BENCH_SYNC_DOCUMENTS (default 500) raster scans. Batch A is synced
 * with the second reader off; then the second reader starts (its start-up sweep queues all of A,
 * so OCR is busy throughout) and batch B is synced beside it. Then the OCR backlog is watched for
 * BENCH_DRAIN_SECONDS (default 60) through the batch page's own progress function.
 */
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
import { DEMO_ATLAS_CLIENT_ID, DEMO_ATLAS_CLIENT_SECRET, getEnv } from "@/lib/env";
import { secondReaderProgress } from "@/lib/second-reader/progress";
import { startSecondReader, stopSecondReader } from "@/lib/second-reader/queue";

const DOCUMENTS = Math.max(50, Number(process.env.BENCH_SYNC_DOCUMENTS ?? 500));
const DRAIN_SECONDS = Number(process.env.BENCH_DRAIN_SECONDS ?? 60);
const TYPES = ["pan", "aadhaar", "invoice", "gst", "driving-license", "voter-id", "bank-statement"];

async function batchOf(db: Db, client: AtlasClient, baseUrl: string, userId: string, label: string) {
  const rows = Array.from({ length: DOCUMENTS }, (_, i) => ({
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

async function timedSync(db: Db, client: AtlasClient, batchId: string) {
  const started = performance.now();
  const report = await syncBatch(db, client, batchId, { concurrency: 4, thresholds: buildThresholdSet([]) });
  if (report.stored !== DOCUMENTS) throw new Error(`stored ${report.stored} of ${DOCUMENTS}`);
  return performance.now() - started;
}

export async function syncFigures(): Promise<void> {
  const server = await startSimServer({ latency: "instant" });
  const dataDir = await mkdtemp(path.join(tmpdir(), "bench-second-reader-sync-"));
  Object.assign(process.env, {
    ATLAS_BASE_URL: server.baseUrl,
    ATLAS_CLIENT_ID: DEMO_ATLAS_CLIENT_ID,
    ATLAS_CLIENT_SECRET: DEMO_ATLAS_CLIENT_SECRET,
    DATA_DIR: dataDir,
    LOG_LEVEL: "error",
    SECOND_READER: "on",
  });
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
    const a = await batchOf(db, client, server.baseUrl, user.id, "off");
    const b = await batchOf(db, client, server.baseUrl, user.id, "on");
    const offMs = await timedSync(db, client, a);
    const loadOff = loadavg()[0]!;
    await startSecondReader(db, getEnv());
    const onMs = await timedSync(db, client, b);
    const loadOn = loadavg()[0]!;
    console.log(`\nAtlas sync of a ${DOCUMENTS}-document batch (simulator over HTTP, concurrency 4)`);
    console.log(`  second reader off: ${(offMs / 1000).toFixed(2)} s (load ${loadOff.toFixed(1)})`);
    console.log(
      `  second reader on, OCR running beside it: ${(onMs / 1000).toFixed(2)} s (load ${loadOn.toFixed(1)}; ratio ${(onMs / offMs).toFixed(2)})`,
    );
    const started = performance.now();
    const first = await secondReaderProgress(db, a);
    let last = first;
    while (performance.now() - started < DRAIN_SECONDS * 1000) {
      await new Promise((r) => setTimeout(r, 5000));
      last = await secondReaderProgress(db, a);
      console.error(`… batch A: ${last?.done} read, ${last?.failed} failed, ${last?.queued} to go`);
      if (last?.queued === 0) break;
    }
    const minutes = (performance.now() - started) / 60_000;
    const read = (last?.done ?? 0) + (last?.failed ?? 0) - (first?.done ?? 0) - (first?.failed ?? 0);
    console.log(
      `  OCR backlog afterwards (batch page progress): ${last?.done} read, ${last?.failed} failed, ${last?.queued} to go after ${(minutes * 60).toFixed(0)} s — ${(read / minutes).toFixed(1)} documents/min`,
    );
  } finally {
    await stopSecondReader();
    await database.close();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
