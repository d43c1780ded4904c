import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { and, asc, eq, inArray, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { AtlasClient } from "@/lib/atlas/client";
import type { Db } from "@/lib/db";
import { atlasUploads, documents, flows } from "@/lib/db/schema";
import type { ThresholdSet } from "@/lib/documents/thresholds";
import { BackgroundLoop } from "@/lib/background-loop";
import { inLanes, WorkerPool } from "@/lib/batches/pool";
import { isUserError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { acquireFlowLease, releaseFlowLease } from "./lease";
import { storeFlowResults } from "./results";
import { isTerminalMaster } from "./status";
import { masterNotTerminal } from "./status-sql";
import { pendingFlowUploads, submitFlowUpload } from "./upload";

/**
 * The fallback when callbacks cannot reach us: sends uploads left pending, polls
 * `GET /v3/verification/status` for flows that are not finished, and, once a flow is terminal
 * and still lacks results, reads `GET /v3/verification/extracts`. It gives the callback a grace
 * period first, so that normally results arrive by callback and Atlas is asked once.
 */
export type FlowPollerDeps = {
  db: () => Promise<Db>;
  atlas: () => AtlasClient;
  thresholds: (db: Db) => Promise<ThresholdSet>;
  /** The instance's worker pool, shared with the batch engine; absent: a pool of its own. */
  pool?: WorkerPool;
  settings: () => { appBaseUrl: string; intervalMs: number; leaseMs: number; callbackGraceMs: number };
};

export type FlowPollResult =
  | { skipped: "leased-elsewhere" | "not-started" }
  | { skipped?: undefined; master: string | null; storedFromPoll: number };

/** How long to wait between extract reads for a finished flow that still lacks some results. */
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

export class FlowPoller {
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}:flows`;
  private inFlight = new Map<string, Promise<FlowPollResult>>();
  private readonly loop = new BackgroundLoop("application.poller_tick_failed", () => this.tick());

  private readonly pool: WorkerPool;

  constructor(private readonly deps: FlowPollerDeps) {
    this.pool = deps.pool ?? new WorkerPool(DEFAULT_POOL_SIZE);
  }

  /** One flow's round (uploads, status, extracts) takes one slot of the pool. */
  run(flowId: string): Promise<FlowPollResult> {
    const running = this.inFlight.get(flowId);
    if (running) return running;
    const promise = this.pool.run(() => this.runOnce(flowId)).finally(() => this.inFlight.delete(flowId));
    this.inFlight.set(flowId, promise);
    return promise;
  }

  private async runOnce(flowId: string): Promise<FlowPollResult> {
    const db = await this.deps.db();
    const settings = this.deps.settings();
    if (!(await acquireFlowLease(db, flowId, this.owner, settings.leaseMs)))
      return { skipped: "leased-elsewhere" };
    try {
      const atlas = this.deps.atlas();
      for (const uploadId of await pendingFlowUploads(db, flowId))
        await submitFlowUpload(db, atlas, uploadId, { appBaseUrl: settings.appBaseUrl });
      const [flow] = await db
        .select({
          flowUuid: flows.flowUuid,
          master: flows.masterStatus,
          unknownPolls: flows.unknownStatusPolls,
        })
        .from(flows)
        .where(eq(flows.id, flowId));
      if (!flow?.flowUuid) return { skipped: "not-started" };

      const now = new Date();
      const status = await atlas.flow.status(flow.flowUuid);
      const firstSeenTerminal = status.isTerminal && !isTerminalMaster(flow.master);
      let storedFromPoll = 0;
      let nextPollMs = settings.intervalMs;
      if (status.isTerminal && (await waitingDocuments(db, flowId)) > 0) {
        if (firstSeenTerminal && settings.callbackGraceMs > 0) {
          nextPollMs = settings.callbackGraceMs;
        } else {
          const extracts = await atlas.flow.extracts(flow.flowUuid);
          const thresholds = await this.deps.thresholds(db);
          const stored = await db.transaction((tx) =>
            storeFlowResults(tx, flowId, extracts, { thresholds, now }),
          );
          storedFromPoll = stored.documents;
          if ((await waitingDocuments(db, flowId)) > 0) nextPollMs = MISSING_RESULTS_BACKOFF_MS;
        }
      }
      let unknownPolls = 0;
      let note: string | null = null;
      if (status.masterMeaning === "unknown") {
        unknownPolls = flow.unknownPolls + 1;
        const stopped = unknownPolls >= MAX_UNKNOWN_STATUS_POLLS;
        nextPollMs = Math.min(UNKNOWN_STATUS_MAX_INTERVAL_MS, settings.intervalMs * 2 ** (unknownPolls - 1));
        note = unknownStatusNote(status.masterStatus, unknownPolls, stopped ? null : nextPollMs);
        logger.warn("application.unknown_master_status", {
          flowId,
          status: status.masterStatus,
          polls: unknownPolls,
        });
      }
      await db
        .update(flows)
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
        .where(eq(flows.id, flowId));
      return { master: status.masterStatus, storedFromPoll };
    } catch (error) {
      const message = isUserError(error)
        ? `Checking Atlas failed: ${error.userMessage}`
        : "Checking Atlas failed; it will be retried.";
      await db
        .update(flows)
        .set({ lastError: message, nextPollAt: new Date(Date.now() + settings.intervalMs * 4) })
        .where(eq(flows.id, flowId));
      throw error;
    } finally {
      await releaseFlowLease(db, flowId, this.owner);
    }
  }

  /** Flows with something to do now: an upload to send, a status to follow, results to fetch. */
  async dueFlows(db: Db): Promise<string[]> {
    const pendingUpload = db
      .select({ id: atlasUploads.flowId })
      .from(atlasUploads)
      .where(and(isNotNull(atlasUploads.flowId), eq(atlasUploads.status, "pending")));
    const submittedUpload = db
      .select({ id: atlasUploads.flowId })
      .from(atlasUploads)
      .where(and(isNotNull(atlasUploads.flowId), eq(atlasUploads.status, "submitted")));
    const waiting = db
      .select({ id: documents.flowId })
      .from(documents)
      .where(and(isNotNull(documents.flowId), eq(documents.status, "submitted")));
    const rows = await db
      .select({ id: flows.id })
      .from(flows)
      .where(
        and(
          isNotNull(flows.flowUuid),
          or(isNull(flows.nextPollAt), lte(flows.nextPollAt, sql`now()`)),
          or(
            inArray(flows.id, pendingUpload),
            and(
              inArray(flows.id, submittedUpload),
              // An unknown master_status is followed a bounded number of times (see runOnce).
              lt(flows.unknownStatusPolls, MAX_UNKNOWN_STATUS_POLLS),
              or(masterNotTerminal(), inArray(flows.id, waiting)),
            ),
          ),
        ),
      )
      .orderBy(asc(flows.nextPollAt));
    return rows.map((r) => r.id);
  }

  /** Every due flow, as many at once as the pool allows. */
  async tick(): Promise<void> {
    const db = await this.deps.db();
    const due = await this.dueFlows(db);
    let next = 0;
    await inLanes(Math.min(due.length, this.pool.size), async () => {
      while (next < due.length && !this.loop.stopRequested) {
        const id = due[next++]!;
        try {
          await this.run(id);
        } catch (error) {
          logger.warn("application.poll_failed", { flowId: id, error });
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

async function waitingDocuments(db: Db, flowId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(documents)
    .where(and(eq(documents.flowId, flowId), eq(documents.status, "submitted")));
  return Number(row?.n ?? 0);
}
