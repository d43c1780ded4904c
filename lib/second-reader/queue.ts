import "server-only";
import { sql } from "drizzle-orm";
import type { PgBoss, Queue } from "pg-boss";
import type { PoolConfig } from "pg";
import type { Db } from "@/lib/db";
import { getSetting } from "@/lib/db/queries/settings";
import { closeOnExit, USERS_STAGE_MS } from "@/lib/db/exit-hooks";
import { getEnv, type Env } from "@/lib/env";
import { logger } from "@/lib/logger";
import type { OcrEngine } from "./engine";
import { maskOcrLine } from "./mask-line";

/**
 * The second reader's jobs, in pg-boss (a PostgreSQL job queue, in its own `pgboss` schema of the
 * app's database: the embedded PostgreSQL or DATABASE_URL alike). A job is one document; it
 * survives restarts, is retried twice when something other than the file itself fails, and is
 * taken again if the instance holding it died (heartbeats, below). Our own `second_reads` row
 * (status queued → done | failed) is what progress counts read.
 *
 * Enqueueing never happens inside the Atlas sync's transaction: the sync calls
 * `enqueueSecondReads` after its writes, without waiting for it, and start-up sweeps up any
 * extracted document without a row (a crash between the two, or documents from before).
 */
export const SECOND_READER_QUEUE = "second-reader";
/**
 * One job an admin's threshold change asks for: match every scan read before again with the
 * thresholds in force (lib/second-reader/match-settings-store.ts). A queue job, not a loop in
 * the request, so a restart mid-way resumes it (the job is retried) and one instance runs it.
 */
export const REMATCH_QUEUE = "second-reader-rematch";
/**
 * The `settings` key saying which masking the stored reads have had (2: OCR misreads masked too;
 * 3: also dash-joined misreads, and VIDs with a digit dropped whose first twelve were masked;
 * 4: also misreads with a label run into their first group, or a short number beside them).
 */
const MASKING_SETTING = "second_reader.masking";
const MASKING_VERSION = 4;

/**
 * The worker holding a job refreshes it every 15 s; a job whose instance died without stopping
 * (kill -9, or `next start` exiting before our shutdown finished) is taken again within about
 * this long plus pg-boss's minute of supervision, not after the 10-minute expiry.
 */
const HEARTBEAT_SECONDS = 30;

/** Who owns the documents to enqueue: one batch, one application, or every extracted document. */
export type Scope = { batchId?: string; applicationId?: string };

/** One running second reader: its pg-boss instance (own connections) and OCR worker. */
export type SecondReader = {
  boss: PgBoss;
  engine: OcrEngine;
  db: Db;
  /** Queues the scope's extracted documents that have no second read yet; how many. */
  enqueue(scope: Scope): Promise<number>;
  /** Queues a re-match of every scan read before (one waiting job at most: saves collapse). */
  rematch(): Promise<void>;
  /** See stopSecondReader. */
  stop(options?: { timeoutMs?: number }): Promise<void>;
};

type Running = SecondReader;

const holder = globalThis as typeof globalThis & { __atlasSecondReader?: Promise<Running | undefined> };

/** Starts the queue and the worker (once per process); nothing at all with SECOND_READER=off. */
export function startSecondReader(db: Db, env: Env = getEnv()): Promise<Running | undefined> {
  if (env.SECOND_READER === "off") return Promise.resolve(undefined);
  holder.__atlasSecondReader ??= createSecondReader(db, env).catch((error) => {
    logger.error("second_reader.start_failed", { error });
    holder.__atlasSecondReader = undefined;
    return undefined;
  });
  return holder.__atlasSecondReader;
}

/**
 * A second reader of its own: what each instance (process) of the app runs, once, through
 * startSecondReader. Several of them may share one database; pg-boss hands each job to one.
 */
export async function createSecondReader(db: Db, env: Env): Promise<SecondReader> {
  // Loaded here, not at import: the sync imports this module, and must not load OCR to do so.
  const [{ PgBoss }, { OcrEngine }, { readDocument, readerSettings }, store] = await Promise.all([
    import("pg-boss"),
    import("./engine"),
    import("./read-document"),
    import("./match-settings-store"),
  ]);
  const pool = (db as unknown as { $client: { options: PoolConfig } }).$client.options;
  const boss = new PgBoss({
    connectionString: pool.connectionString,
    host: pool.host,
    port: pool.port,
    database: pool.database,
    user: pool.user,
    password: typeof pool.password === "string" ? pool.password : undefined,
    // The app pool's own name: the process that started the embedded server stops it at exit
    // only when no connection under another name is left (lib/db/embedded-owner.ts).
    application_name: pool.application_name,
    max: 2,
    schedule: false,
  });
  boss.on("error", (error) => logger.error("second_reader.queue_error", { error }));
  await boss.start();
  await ensureQueue(boss, SECOND_READER_QUEUE, {
    // One waiting and one running job per document (singletonKey): a re-queue never doubles work.
    policy: "stately",
    retryLimit: 2,
    retryDelay: 30,
    expireInSeconds: 600,
  });
  await ensureQueue(boss, REMATCH_QUEUE, {
    // At most one waiting and one running: saves in a row collapse into one more pass.
    policy: "stately",
    retryLimit: 2,
    retryDelay: 10,
    expireInSeconds: 3600,
  });
  // The thresholds in force now (an admin may have changed them since start-up).
  const current = () => store.loadMatchSettings(db, env);
  await boss.work<{ remask?: boolean }>(
    REMATCH_QUEUE,
    { localConcurrency: 1, batchSize: 1, pollingIntervalSeconds: 2 },
    async ([job]) => {
      const remask = job?.data.remask;
      if (remask) await store.rematchAll(db, await store.readDocumentIds(db), current, maskOcrLine);
      await store.rematchStale(db, env);
      if (remask)
        await db.execute(sql`insert into settings (key, value) values (${MASKING_SETTING}, ${JSON.stringify(MASKING_VERSION)}::jsonb)
          on conflict (key) do update set value = excluded.value, updated_at = now()`);
    },
  );
  // Reads stored by a version that masked less (MASKING_VERSION) are masked again once, by one
  // instance, in the background; reads matched with other thresholds (stored before they were
  // recorded, or the environment's changed since) are matched again the same way.
  if ((await getSetting(db, MASKING_SETTING))?.value !== MASKING_VERSION)
    await boss.send(REMATCH_QUEUE, { remask: true });
  else if ((await store.staleReadIds(db, await current(), 1)).length > 0) await boss.send(REMATCH_QUEUE, {});
  const engine = new OcrEngine(env.SECOND_READER_LANGUAGES, env.DATA_DIR);
  await boss.work<{ documentId: string }>(
    SECOND_READER_QUEUE,
    { localConcurrency: env.SECOND_READER_CONCURRENCY, batchSize: 1, pollingIntervalSeconds: 2 },
    async ([job]) => {
      if (!job) return;
      const { documentId } = job.data;
      try {
        const settings = { ...readerSettings(env), match: await current(), inForce: current };
        const outcome = await readDocument(db, documentId, engine, settings);
        logger.info("second_reader.read", { documentId, ...outcome });
      } catch (error) {
        // Retried by pg-boss; after the last try the row says failed. Never the page text.
        await markFailedIfLast(db, documentId, job.retryCount ?? 0);
        logger.warn("second_reader.read_failed", { documentId, error });
        throw error;
      }
    },
  );
  let stopping: Promise<void> | undefined;
  const reader: SecondReader = {
    boss,
    engine,
    db,
    enqueue: (scope) => enqueueWith(reader, scope),
    rematch: async () => {
      await boss.send(REMATCH_QUEUE, {});
    },
    stop: ({ timeoutMs = 30_000 } = {}) =>
      (stopping ??= (async () => {
        unregister();
        try {
          await boss.stop({ graceful: true, timeout: timeoutMs, close: true });
        } finally {
          await engine.stop();
        }
      })()),
  };
  // On SIGINT/SIGTERM the queue stops before the database closes (lib/db/exit-hooks.ts): a job
  // in hand finishes, or is handed back to the queue, while its connections still work, and
  // pg-boss's own connections do not hold the embedded PostgreSQL open.
  const unregister = closeOnExit(
    {
      close: async () => {
        if ((await holder.__atlasSecondReader) === reader) holder.__atlasSecondReader = undefined;
        await reader.stop({ timeoutMs: USERS_STAGE_MS - 500 });
      },
      closeSync: () => undefined,
    },
    "users",
  );
  const swept = await enqueueWith(reader, {}, { requeue: true });
  if (swept) logger.info("second_reader.swept", { documents: swept });
  return reader;
}

/**
 * Creates the queue with `options` and heartbeats (unless another instance just did), or gives
 * a queue created before heartbeats were asked for its heartbeats.
 */
async function ensureQueue(boss: PgBoss, name: string, options: Omit<Queue, "name" | "heartbeatSeconds">) {
  const existing = await boss.getQueue(name);
  if (!existing)
    await boss.createQueue(name, { ...options, heartbeatSeconds: HEARTBEAT_SECONDS }).catch(async (error) => {
      // Another instance created it first.
      if (!(await boss.getQueue(name))) throw error;
    });
  else if (existing.heartbeatSeconds !== HEARTBEAT_SECONDS)
    await boss.updateQueue(name, { heartbeatSeconds: HEARTBEAT_SECONDS });
}

async function markFailedIfLast(db: Db, documentId: string, retryCount: number) {
  if (retryCount < 2) return;
  await db.execute(sql`update second_reads set status = 'failed', error = 'could not be read after 3 tries', updated_at = now()
    where document_id = ${documentId} and status = 'queued'`);
}

/**
 * Queues every extracted document of the scope that has no second read yet: one row each in
 * `second_reads`, then one pg-boss job each. Returns how many were queued; 0 when the second
 * reader is not running in this process.
 */
export async function enqueueSecondReads(scope: Scope): Promise<number> {
  const running = await holder.__atlasSecondReader;
  return running ? enqueueWith(running, scope) : 0;
}

async function enqueueWith(
  running: Running,
  scope: Scope,
  options: { requeue?: boolean } = {},
): Promise<number> {
  const owner = scope.batchId
    ? sql`and d.batch_id = ${scope.batchId}`
    : scope.applicationId
      ? sql`and d.flow_id = ${scope.applicationId}`
      : sql``;
  const result = await running.db.execute(sql`
    insert into second_reads (document_id)
    select d.id from documents d
    where d.status = 'extracted' ${owner}
      and not exists (select 1 from second_reads s where s.document_id = d.id)
    on conflict do nothing
    returning document_id`);
  const ids = (result as unknown as { rows: Array<{ document_id: string }> }).rows.map((r) => r.document_id);
  // At start-up, rows still queued get their job again (lost if we stopped between the two writes).
  const requeued = options.requeue
    ? (
        (await running.db.execute(
          sql`select document_id from second_reads where status = 'queued'`,
        )) as unknown as {
          rows: Array<{ document_id: string }>;
        }
      ).rows.map((r) => r.document_id)
    : [];
  const all = [...new Set([...ids, ...requeued])];
  for (let i = 0; i < all.length; i += 1000)
    await running.boss.insert(
      SECOND_READER_QUEUE,
      all.slice(i, i + 1000).map((documentId) => ({ data: { documentId }, singletonKey: documentId })),
    );
  return ids.length;
}

/** Queues a re-match of every scan read before; false when the second reader is not running here. */
export async function queueRematch(): Promise<boolean> {
  const running = await holder.__atlasSecondReader;
  if (!running) return false;
  await running.rematch();
  return true;
}

/** Fire and forget, for the sync: never delays it, never fails it. */
export function queueSecondReads(scope: Scope): void {
  if (!holder.__atlasSecondReader) return;
  enqueueSecondReads(scope).catch((error) =>
    logger.warn("second_reader.enqueue_failed", { ...scope, error }),
  );
}

/**
 * Stops taking jobs, lets a job in hand finish for up to `timeoutMs` (after that pg-boss fails
 * it, so it is retried at once by whichever instance runs next, not left "active" until it
 * expires), closes pg-boss's connections, then ends the OCR worker. Shutdown and tests.
 */
export async function stopSecondReader(options: { timeoutMs?: number } = {}): Promise<void> {
  const running = await holder.__atlasSecondReader;
  holder.__atlasSecondReader = undefined;
  await running?.stop(options);
}
