/**
 * `npm run bench:sync`: figures for the batch sync engine (a benchmark, not a test).
 *
 * In one process: the Atlas simulator on a free port, answering every `GET /v1/bulk/extracts`
 * after 100 ms (its `slow` fault, armed for every request), and an embedded PGlite database in
 * a temporary folder. Then:
 *   1. a 5,000-document batch (100 Atlas uploads of 50, processed at once by the simulator):
 *      the engine's wall time to store everything (concurrency 4 and 8) beside a plain
 *      sequential `has_next` loop, without and with the same database writes;
 *   2. the Atlas requests of a poll where nothing changed: once every upload is finished, and
 *      when all 100 uploads are still open but unchanged (every upload read, and a minute of
 *      the engine's adaptive polling: the head of the queue every poll, the rest backing off);
 *   3. the Atlas requests made during one minute while 1 viewer watches one batch and 50
 *      viewers watch another (same size, same latency, the same background engine): viewers
 *      read what the batch page's GET route reads, from the database only.
 *
 * Needs the react-server export condition (lib/batches imports `server-only`, an empty module
 * under that condition): `tsx --conditions=react-server scripts/bench-sync.ts`.
 * BENCH_VIEWER_WINDOW_MS shortens the one-minute window (e.g. for a quick run).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { startSimServer, type SimServer } from "@/atlas-sim/server";
import { createAtlasClient, type AtlasClient } from "@/lib/atlas/client";
import { createBatch } from "@/lib/batches/create";
import { BatchEngine } from "@/lib/batches/engine";
import { getBatchSummary } from "@/lib/batches/queries";
import { submitPendingChunks } from "@/lib/batches/submit";
import { storeResults, syncBatch } from "@/lib/batches/sync";
import { openDatabase } from "@/lib/db/client";
import { SYSTEM_ACTOR } from "@/lib/db/queries/audit";
import { createUser } from "@/lib/db/queries/users";
import { atlasUploads, batches, documents, fields } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { missingDocuments } from "@/lib/documents/queries";
import { buildThresholdSet } from "@/lib/documents/thresholds";
import { DEMO_ATLAS_CLIENT_ID, DEMO_ATLAS_CLIENT_SECRET } from "@/lib/env";

const DOCUMENTS = 5_000;
const CHUNK = 50;
const CHUNK_COUNT = DOCUMENTS / CHUNK;
const PAGE_LATENCY_MS = 100;
const VIEWER_WINDOW_MS = Number(process.env.BENCH_VIEWER_WINDOW_MS ?? 60_000);
/** The batch page's React Query refetchInterval (app/(dashboard)/batches/[id]/batch-live.tsx). */
const VIEWER_POLL_MS = 2_000;
/** The default SYNC_INTERVAL_MS. */
const ENGINE_INTERVAL_MS = 5_000;
/** Simulated processing time that keeps the watched batches unchanged until the window opens. */
const SIM_DELAY_MS = 600_000;
const THRESHOLDS = buildThresholdSet([]);
const TYPES = [
  "pan",
  "aadhaar",
  "invoice",
  "gst",
  "driving-license",
  "voter-id",
  "passport",
  "bank-statement",
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Every request our Atlas clients send, with when and for which Atlas batch. */
type Sent = { at: number; method: string; path: string; atlasBatchId: string | null };

class Atlas {
  readonly sent: Sent[] = [];
  /** Attempts that never got an answer (the client retries them; they count as requests). */
  failedAttempts = 0;
  readonly client: AtlasClient;

  constructor(readonly server: SimServer) {
    server.simulator.addFault({
      kind: "slow",
      delayMs: PAGE_LATENCY_MS,
      count: Number.MAX_SAFE_INTEGER,
      endpoint: "/v1/bulk/extracts",
    });
    this.client = createAtlasClient({
      baseUrl: server.baseUrl,
      clientId: DEMO_ATLAS_CLIENT_ID,
      clientSecret: DEMO_ATLAS_CLIENT_SECRET,
      timeoutMs: 30_000,
      maxRetries: 3,
      retryBaseDelayMs: 200,
      fetch: (input, init) => {
        const url = new URL(String(input));
        this.sent.push({
          at: performance.now(),
          method: init?.method ?? "GET",
          path: url.pathname,
          atlasBatchId: url.searchParams.get("batch_id"),
        });
        return fetch(input, init).catch((error: unknown) => {
          this.failedAttempts++;
          throw error;
        });
      },
    });
  }

  static async start(latency: "instant" | { minMs: number; maxMs: number }) {
    return new Atlas(await startSimServer({ latency }));
  }

  extracts(filter: (s: Sent) => boolean = () => true): number {
    return this.sent.filter((s) => s.path === "/v1/bulk/extracts" && filter(s)).length;
  }
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await run();
  return { ms: performance.now() - start, value };
}

async function submittedBatch(db: Db, atlas: Atlas, userId: string, label: string, n = DOCUMENTS) {
  const rows = Array.from({ length: n }, (_, i) => ({
    documentId: `${label}-${i + 1}`,
    fileUrl: `${atlas.server.baseUrl}/files/${TYPES[i % TYPES.length]}-${i + 1}.jpg`,
  }));
  const { batchId } = await createBatch(
    db,
    {
      clientKey: crypto.randomUUID(),
      label,
      productType: "POC_CDL",
      rows,
      chunkSize: CHUNK,
      createdBy: userId,
    },
    SYSTEM_ACTOR,
  );
  const outcome = await submitPendingChunks(db, atlas.client, batchId);
  if (outcome.failed > 0) throw new Error(`${outcome.failed} chunk(s) of ${label} failed to upload`);
  const uploads = await db
    .select({ atlasBatchId: atlasUploads.atlasBatchId })
    .from(atlasUploads)
    .where(eq(atlasUploads.batchId, batchId))
    .orderBy(atlasUploads.chunkIndex);
  return { batchId, atlasBatchIds: uploads.map((u) => u.atlasBatchId!) };
}

async function storedCount(db: Db, batchId: string): Promise<number> {
  const rows = await db
    .select({ id: documents.id })
    .from(documents)
    .where(and(eq(documents.batchId, batchId), inArray(documents.status, ["extracted", "failed"])));
  return rows.length;
}

/** Puts every result back to "waiting" so that the same batch can be synced again. */
async function forgetResults(db: Db, batchId: string) {
  await db.transaction(async (tx) => {
    const ids = tx.select({ id: documents.id }).from(documents).where(eq(documents.batchId, batchId));
    await tx.delete(fields).where(inArray(fields.documentId, ids));
    await tx
      .update(documents)
      .set({
        status: "submitted",
        documentType: null,
        errorCode: null,
        errorMessage: null,
        fileData: null,
        extractedAt: null,
        fieldCount: 0,
        minConfidence: null,
        needsReviewCount: 0,
      })
      .where(and(eq(documents.batchId, batchId), isNotNull(documents.atlasBatchId)));
    await tx.update(atlasUploads).set({ lastTotalItems: null }).where(eq(atlasUploads.batchId, batchId));
    await tx
      .update(batches)
      .set({ status: "processing", lastProgressAt: null, completedAt: null })
      .where(eq(batches.id, batchId));
  });
}

/** A plain sequential reader: for each Atlas batch, page = 1, 2, … until has_next is false. */
async function sequentialLoop(atlas: AtlasClient, atlasBatchIds: string[], db?: Db) {
  let documentsRead = 0;
  for (const atlasBatchId of atlasBatchIds) {
    for (let page = 1; ; page++) {
      const answer = await atlas.bulk.extracts({ batchId: atlasBatchId, page, perPage: 50 });
      documentsRead += answer.data.length;
      // The engine's own write path, so that only the reading strategy differs.
      if (db) await storeResults(db, { atlasBatchId }, answer.data, { thresholds: THRESHOLDS });
      if (!answer.hasNext) break;
    }
  }
  return documentsRead;
}

function table(title: string, header: string[], rows: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
}

async function main() {
  const started = performance.now();
  const dataDir = await mkdtemp(path.join(tmpdir(), "atlas-bench-"));
  const database = await openDatabase({ dataDir, databaseUrl: process.env.BENCH_DATABASE_URL || undefined });
  const db = database.db;
  const sims: Atlas[] = [];
  try {
    const user = await createUser(
      db,
      { email: "bench@example.test", name: "Bench", role: "admin", passwordHash: "bench" },
      SYSTEM_ACTOR,
    );
    console.log(
      `Atlas simulator over HTTP, ${PAGE_LATENCY_MS} ms per extracts request; embedded PGlite in ${dataDir}`,
    );

    // 1. Storing a finished 5,000-document batch.
    const instant = await Atlas.start("instant");
    sims.push(instant);
    const upload = await timed(() => submittedBatch(db, instant, user.id, "bench"));
    const { batchId, atlasBatchIds } = upload.value;
    console.log(
      `Submitted ${DOCUMENTS} documents as ${atlasBatchIds.length} Atlas uploads in ${seconds(upload.ms)} (not part of the figures below)`,
    );

    const runs: { name: string; ms: number; requests: number; stored: number }[] = [];
    for (const concurrency of [4, 8]) {
      await forgetResults(db, batchId);
      const before = instant.extracts();
      const run = await timed(() =>
        syncBatch(db, instant.client, batchId, { concurrency, thresholds: THRESHOLDS }),
      );
      runs.push({
        name: `engine (syncBatch), concurrency ${concurrency}`,
        ms: run.ms,
        requests: instant.extracts() - before,
        stored: await storedCount(db, batchId),
      });
    }
    for (const withWrites of [false, true]) {
      await forgetResults(db, batchId);
      const before = instant.extracts();
      const run = await timed(() =>
        sequentialLoop(instant.client, atlasBatchIds, withWrites ? db : undefined),
      );
      runs.push({
        name: `sequential has_next loop, ${withWrites ? "same DB writes" : "no DB writes"}`,
        ms: run.ms,
        requests: instant.extracts() - before,
        stored: withWrites ? await storedCount(db, batchId) : run.value,
      });
    }
    const baseline = runs.find((r) => r.name.endsWith("same DB writes"))!.ms;
    table(
      `1. Storing a finished ${DOCUMENTS}-document batch (${atlasBatchIds.length} uploads × ${CHUNK})`,
      ["reader", "wall time", "Atlas requests", "documents", "speed-up vs loop+writes"],
      runs.map((r) => [
        r.name,
        seconds(r.ms),
        String(r.requests),
        String(r.stored),
        `${(baseline / r.ms).toFixed(2)}×`,
      ]),
    );

    // 2 and 3 share two batches on a simulator whose documents take 10 minutes of its clock
    // (plus 5 s to most of a minute): unchanged until that clock is moved on, then arriving
    // throughout the viewers' minute. Both are submitted side by side, so they age alike.
    const arriving = await Atlas.start({
      minMs: SIM_DELAY_MS + 5_000,
      maxMs: SIM_DELAY_MS + Math.max(10_000, VIEWER_WINDOW_MS - 10_000),
    });
    sims.push(arriving);
    const [one, fifty] = await Promise.all([
      submittedBatch(db, arriving, user.id, "one-viewer"),
      submittedBatch(db, arriving, user.id, "fifty-viewers"),
    ]);
    const watched = [
      { viewers: 1, ...one },
      { viewers: 50, ...fifty },
    ];

    // 2. Polls where nothing changed.
    const poll = (atlas: Atlas, id: string) =>
      syncBatch(db, atlas.client, id, { concurrency: 4, thresholds: THRESHOLDS });
    const doneBefore = instant.extracts();
    const donePoll = await timed(() => poll(instant, batchId));
    const firstPolls = await Promise.all(watched.map((w) => poll(arriving, w.batchId)));
    const quietBefore = arriving.extracts();
    const quietPoll = await timed(() => poll(arriving, one.batchId));
    const quietRequests = arriving.extracts() - quietBefore;
    // The engine's adaptive polling (SyncOptions.pollIntervalMs): a minute of unchanged polls,
    // 5 s apart on the sync's own clock. Afterwards the batch's polling state is reset for part 3.
    const adaptiveBefore = arriving.extracts();
    const adaptive = await timed(async () => {
      const requests: number[] = [];
      let clock = Date.now();
      for (let i = 0; i < 12; i++) {
        const before = arriving.extracts();
        await syncBatch(db, arriving.client, one.batchId, {
          concurrency: 4,
          thresholds: THRESHOLDS,
          pollIntervalMs: ENGINE_INTERVAL_MS,
          now: () => new Date(clock),
        });
        requests.push(arriving.extracts() - before);
        clock += ENGINE_INTERVAL_MS;
      }
      return requests;
    });
    const adaptiveTotal = arriving.extracts() - adaptiveBefore;
    await db
      .update(atlasUploads)
      .set({ unchangedPolls: 0, nextPollAt: null })
      .where(eq(atlasUploads.batchId, one.batchId));
    table(
      "2. One poll where nothing changed (engine, concurrency 4)",
      ["batch", "open uploads", "Atlas requests", "wall time"],
      [
        [
          `${DOCUMENTS} documents, all stored`,
          String(donePoll.value.uploadsChecked),
          String(instant.extracts() - doneBefore),
          seconds(donePoll.ms),
        ],
        [
          `${DOCUMENTS} documents, none processed yet: first poll`,
          String(firstPolls[0]!.uploadsChecked),
          String(firstPolls[0]!.requests),
          "",
        ],
        [
          `${DOCUMENTS} documents, none processed yet: next poll`,
          String(quietPoll.value.uploadsChecked),
          String(quietRequests),
          seconds(quietPoll.ms),
        ],
        [
          "same, adaptive polling: 12 unchanged polls (1 min)",
          String(CHUNK_COUNT),
          `${adaptiveTotal} (${adaptive.value.join(" ")})`,
          seconds(adaptive.ms),
        ],
        [
          "same, every upload on every poll: 12 polls (1 min)",
          String(CHUNK_COUNT),
          `${12 * CHUNK_COUNT} (computed)`,
          "",
        ],
      ],
    );

    // 3. One viewer beside fifty, for a minute, while results arrive.
    const owner = new Map(watched.flatMap((w) => w.atlasBatchIds.map((id) => [id, w.batchId] as const)));
    const engine = new BatchEngine({
      db: async () => db,
      atlas: () => arriving.client,
      thresholds: async () => THRESHOLDS,
      // As lib/batches/service.ts configures it, adaptive polling included.
      settings: () => ({
        concurrency: 4,
        stallAfterMs: 600_000,
        leaseMs: 120_000,
        abandonedAfterMs: 120_000,
        pollIntervalMs: ENGINE_INTERVAL_MS,
      }),
    });
    const viewerReads = new Map<string, number>(watched.map((w) => [w.batchId, 0]));
    let watching = true;
    /** What GET /api/batches/[id] reads for the batch page's polling. */
    const viewer = async (id: string) => {
      await sleep(Math.random() * VIEWER_POLL_MS);
      while (watching) {
        const summary = await getBatchSummary(db, id);
        if (summary?.status === "stalled") await missingDocuments(db, id);
        viewerReads.set(id, viewerReads.get(id)! + 1);
        await sleep(VIEWER_POLL_MS);
      }
    };
    arriving.server.simulator.advance(SIM_DELAY_MS);
    const windowStart = performance.now();
    engine.start(ENGINE_INTERVAL_MS);
    const viewers = watched.flatMap((w) => Array.from({ length: w.viewers }, () => viewer(w.batchId)));
    await sleep(VIEWER_WINDOW_MS);
    const windowEnd = performance.now();
    const storedInWindow = await Promise.all(watched.map((w) => storedCount(db, w.batchId)));
    watching = false;
    engine.stop();
    await Promise.all(viewers);
    // Let the pass in flight finish (joins it) before the database closes.
    await Promise.all(watched.map((w) => engine.run(w.batchId).catch(() => undefined)));

    const inWindow = (id: string) =>
      arriving.extracts(
        (s) => s.at >= windowStart && s.at < windowEnd && owner.get(s.atlasBatchId ?? "") === id,
      );
    const rows = [];
    for (const [i, w] of watched.entries()) {
      const stored = storedInWindow[i]!;
      rows.push([
        `${w.viewers} viewer${w.viewers === 1 ? "" : "s"}`,
        String(viewerReads.get(w.batchId)),
        String(inWindow(w.batchId)),
        `${stored} / ${DOCUMENTS}`,
        String(w.viewers * Math.floor(VIEWER_WINDOW_MS / VIEWER_POLL_MS) * w.atlasBatchIds.length),
      ]);
    }
    table(
      `3. ${seconds(VIEWER_WINDOW_MS)} of watching one ${DOCUMENTS}-document batch while results arrive (results 5–${Math.max(10_000, VIEWER_WINDOW_MS - 10_000) / 1000} s into it; one engine, interval ${ENGINE_INTERVAL_MS / 1000} s, viewers poll every ${VIEWER_POLL_MS / 1000} s)`,
      ["viewers", "viewer reads (DB)", "Atlas requests", "stored in the window", "if viewers polled Atlas*"],
      rows,
    );
    console.log(
      `* not measured: the requests if every viewer poll read page 1 of each of the ${CHUNK_COUNT} uploads from Atlas instead of the database.`,
    );
    const failed = sims.reduce((n, sim) => n + sim.failedAttempts, 0);
    console.log(
      `Atlas requests count every attempt the client sent, retries included (${failed} attempt(s) got no answer, e.g. a kept-alive connection the simulator had just closed, and were retried).`,
    );
    console.log(
      "Engine figures: the engine reads past the announced last page only when has_next or the page's own total_items says more results exist (they arrived between reads); a few extra requests at concurrency 8 are such reads. Wall time beyond the reads (100 × 100 ms / concurrency) is the database writes.",
    );
    console.log(`\nTotal bench time ${seconds(performance.now() - started)}`);
  } finally {
    for (const sim of sims) await sim.server.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
