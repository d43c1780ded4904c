import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { and, asc, eq, inArray, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { AtlasClient } from "@/lib/atlas/client";
import type { Db } from "@/lib/db";
import { atlasUploads, documents, applications } from "@/lib/db/schema";
import type { ThresholdSet } from "@/lib/documents/thresholds";
import { BackgroundLoop } from "@/lib/background-loop";
import { inLanes, WorkerPool } from "@/lib/batches/pool";
import { isUserError } from "@/lib/errors";
import { describeFailure } from "@/lib/failure";
import { logger } from "@/lib/logger";
import { acquireApplicationLease, releaseApplicationLease } from "./lease";
import { queueSecondReads } from "@/lib/second-reader/queue";
import { storeApplicationResults } from "./results";
import { isTerminalMaster } from "./status";
import { masterNotTerminal } from "./status-sql";
import { pendingApplicationUploads, submitApplicationUpload } from "./upload";

/**
 * The fallback when callbacks cannot reach us: sends uploads left pending, polls
 * `GET /v3/verification/status` for applications that are not finished, and, once one is terminal
 * and still lacks results, reads `GET /v3/verification/extracts`. It gives the callback a grace
 * period first, so that normally results arrive by callback and Atlas is asked once.
 */
export type ApplicationPollerDeps = {
  db: () => Promise<Db>;
  atlas: () => AtlasClient;
  thresholds: (db: Db) => Promise<ThresholdSet>;
  /** The instance's worker pool, shared with the batch engine; absent: a pool of its own. */
  pool?: WorkerPool;
  settings: () => { appBaseUrl: string; intervalMs: number; leaseMs: number; callbackGraceMs: number };
};

export type ApplicationPollResult =
  | { skipped: "leased-elsewhere" | "not-started" }
  | { skipped?: undefined; master: string | null; storedFromPoll: number };

/** How long to wait between extract reads for a finished application that still lacks some results. */
const MISSING_RESULTS_BACKOFF_MS = 60_000;
/**
 * A master_status the status-word table does not know is polled with a doubling interval (capped)
 * and at most this many times in a row; each check and the stop are shown on the application.
 */
export const MAX_UNKNOWN_STATUS_POLLS = 20;
const UNKNOWN_STATUS_MAX_INTERVAL_MS = 5 * 60_000;
/** Flows polled at once when no shared pool is given (tests, scripts). */
const DEFAULT_POOL_SIZE = 4;

export function unknownStatusNote(status: string, polls: number, nextInMs: number | null): string {
  const head = `Atlas reports master_status "${status}", which the dashboard does not recognise as running, finished or failed.`;
  return nextInMs === null
    ? `${head} Checked ${polls} times; polling has stopped. "Check Atlas now", a new upload or a callback from Atlas checks again.`
    : `${head} Checked ${polls} of at most ${MAX_UNKNOWN_STATUS_POLLS} times; next check in ${Math.round(nextInMs / 1000)} s.`;
}

export class ApplicationPoller {
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}:flows`;
  private inFlight = new Map<string, Promise<ApplicationPollResult>>();
  private readonly loop = new BackgroundLoop("application.poller_tick_failed", () => this.tick());

  private readonly pool: WorkerPool;

  constructor(private readonly deps: ApplicationPollerDeps) {
    this.pool = deps.pool ?? new WorkerPool(DEFAULT_POOL_SIZE);
  }

  /** One application's round (uploads, status, extracts) takes one slot of the pool. */
  run(applicationId: string): Promise<ApplicationPollResult> {
    const running = this.inFlight.get(applicationId);
    if (running) return running;
    const promise = this.pool
      .run(() => this.runOnce(applicationId))
      .finally(() => this.inFlight.delete(applicationId));
    this.inFlight.set(applicationId, promise);
    return promise;
  }

  private async runOnce(applicationId: string): Promise<ApplicationPollResult> {
    const db = await this.deps.db();
    const settings = this.deps.settings();
    if (!(await acquireApplicationLease(db, applicationId, this.owner, settings.leaseMs)))
      return { skipped: "leased-elsewhere" };
    try {
      const atlas = this.deps.atlas();
      for (const uploadId of await pendingApplicationUploads(db, applicationId))
        await submitApplicationUpload(db, atlas, uploadId, { appBaseUrl: settings.appBaseUrl });
      const [application] = await db
        .select({
          flowUuid: applications.flowUuid,
          master: applications.masterStatus,
          unknownPolls: applications.unknownStatusPolls,
        })
        .from(applications)
        .where(eq(applications.id, applicationId));
      if (!application?.flowUuid) return { skipped: "not-started" };

      const now = new Date();
      const status = await atlas.flow.status(application.flowUuid);
      const firstSeenTerminal = status.isTerminal && !isTerminalMaster(application.master);
      let storedFromPoll = 0;
      let nextPollMs = settings.intervalMs;
      if (status.isTerminal && (await waitingDocuments(db, applicationId)) > 0) {
        if (firstSeenTerminal && settings.callbackGraceMs > 0) {
          nextPollMs = settings.callbackGraceMs;
        } else {
          const extracts = await atlas.flow.extracts(application.flowUuid);
          const thresholds = await this.deps.thresholds(db);
          const stored = await db.transaction((tx) =>
            storeApplicationResults(tx, applicationId, extracts, { thresholds, now }),
          );
          storedFromPoll = stored.documents;
          if (stored.documents > 0) queueSecondReads({ applicationId });
          if ((await waitingDocuments(db, applicationId)) > 0) nextPollMs = MISSING_RESULTS_BACKOFF_MS;
        }
      }
      let unknownPolls = 0;
      let note: string | null = null;
      if (status.masterMeaning === "unknown") {
        unknownPolls = application.unknownPolls + 1;
        const stopped = unknownPolls >= MAX_UNKNOWN_STATUS_POLLS;
        nextPollMs = Math.min(UNKNOWN_STATUS_MAX_INTERVAL_MS, settings.intervalMs * 2 ** (unknownPolls - 1));
        note = unknownStatusNote(status.masterStatus, unknownPolls, stopped ? null : nextPollMs);
        logger.warn("application.unknown_master_status", {
          applicationId,
          status: status.masterStatus,
          polls: unknownPolls,
        });
      }
      await db
        .update(applications)
        .set({
          uploadStatus: status.uploadStatus,
          processingStatus: status.processingStatus,
          crossheckStatus: status.crosscheckStatus,
          masterStatus: status.masterStatus,
          lastStatusAt: now,
          lastError: note,
          unknownStatusPolls: unknownPolls,
          nextPollAt: new Date(now.getTime() + nextPollMs),
          updatedAt: now,
        })
        .where(eq(applications.id, applicationId));
      return { master: status.masterStatus, storedFromPoll };
    } catch (error) {
      // A UserError's words, or (logged under a reference) the generic message with that
      // reference, never the internal error's text.
      const message = isUserError(error)
        ? `Checking Atlas failed: ${error.userMessage}`
        : `Checking Atlas failed: ${describeFailure(error, { event: "application.check_failed", applicationId }).failure.message}`;
      await db
        .update(applications)
        .set({ lastError: message, nextPollAt: new Date(Date.now() + settings.intervalMs * 4) })
        .where(eq(applications.id, applicationId));
      throw error;
    } finally {
      await releaseApplicationLease(db, applicationId, this.owner);
    }
  }

  /** Flows with something to do now: an upload to send, a status to follow, results to fetch. */
  async dueApplications(db: Db): Promise<string[]> {
    const pendingUpload = db
      .select({ id: atlasUploads.applicationId })
      .from(atlasUploads)
      .where(and(isNotNull(atlasUploads.applicationId), eq(atlasUploads.status, "pending")));
    const submittedUpload = db
      .select({ id: atlasUploads.applicationId })
      .from(atlasUploads)
      .where(and(isNotNull(atlasUploads.applicationId), eq(atlasUploads.status, "submitted")));
    const waiting = db
      .select({ id: documents.applicationId })
      .from(documents)
      .where(and(isNotNull(documents.applicationId), eq(documents.status, "submitted")));
    const rows = await db
      .select({ id: applications.id })
      .from(applications)
      .where(
        and(
          isNotNull(applications.flowUuid),
          or(isNull(applications.nextPollAt), lte(applications.nextPollAt, sql`now()`)),
          or(
            inArray(applications.id, pendingUpload),
            and(
              inArray(applications.id, submittedUpload),
              // An unknown master_status is followed a bounded number of times (see runOnce).
              lt(applications.unknownStatusPolls, MAX_UNKNOWN_STATUS_POLLS),
              or(masterNotTerminal(), inArray(applications.id, waiting)),
            ),
          ),
        ),
      )
      .orderBy(asc(applications.nextPollAt));
    return rows.map((r) => r.id);
  }

  /** Every due application, as many at once as the pool allows. */
  async tick(): Promise<void> {
    const db = await this.deps.db();
    const due = await this.dueApplications(db);
    let next = 0;
    await inLanes(Math.min(due.length, this.pool.size), async () => {
      while (next < due.length && !this.loop.stopRequested) {
        const id = due[next++]!;
        try {
          await this.run(id);
        } catch (error) {
          logger.warn("application.poll_failed", { applicationId: id, error });
        }
      }
    });
  }

  start(intervalMs: number): void {
    this.loop.start(intervalMs);
  }

  stop(): void {
    this.loop.stop();
  }
}

async function waitingDocuments(db: Db, applicationId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(documents)
    .where(and(eq(documents.applicationId, applicationId), eq(documents.status, "submitted")));
  return Number(row?.n ?? 0);
}
