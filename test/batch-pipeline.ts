/**
 * Shared set-up for the batch pipeline's integration tests (tests only): a simulator served over
 * HTTP, an Atlas client that counts what it sends, sample rows, and the exactly-once check.
 */
import { count, eq, sum } from "drizzle-orm";
import { expect } from "vitest";
import { startSimServer, type SimServer } from "@/atlas-sim/server";
import type { SimulatorOptions } from "@/atlas-sim/options";
import { createAtlasClient, type AtlasClient } from "@/lib/atlas/client";
import type { Db } from "@/lib/db";
import { SYSTEM_ACTOR } from "@/lib/db/queries/audit";
import { createUser } from "@/lib/db/queries/users";
import { batches, documents, fields } from "@/lib/db/schema";
import { buildThresholdSet } from "@/lib/documents/thresholds";
import { DEMO_ATLAS_CLIENT_ID, DEMO_ATLAS_CLIENT_SECRET } from "@/lib/env";
import { createBatch, type NewBatchRow } from "@/lib/batches/create";
import { submitPendingChunks } from "@/lib/batches/submit";
import { syncBatch, type SyncOptions, type SyncReport } from "@/lib/batches/sync";

export const THRESHOLDS = buildThresholdSet([]);
export const SYNC: SyncOptions = { concurrency: 4, thresholds: THRESHOLDS };

export type SentRequest = { method: string; path: string; batchId: string | null; page: number | null };

/** A simulator on a free port plus a log of every request our clients sent it. */
export class SimUnderTest {
  readonly sent: SentRequest[] = [];
  /** Called before each request leaves, e.g. to arm a fault mid-sync. */
  beforeSend?: (request: SentRequest, index: number) => void;

  private constructor(readonly server: SimServer) {}

  static async start(options: SimulatorOptions = {}): Promise<SimUnderTest> {
    return new SimUnderTest(await startSimServer({ latency: "instant", ...options }));
  }

  get sim() {
    return this.server.simulator;
  }

  get baseUrl() {
    return this.server.baseUrl;
  }

  private readonly fetch: typeof fetch = (input, init) => {
    const url = new URL(String(input));
    const request: SentRequest = {
      method: init?.method ?? "GET",
      path: url.pathname,
      batchId: url.searchParams.get("batch_id"),
      page: url.searchParams.has("page") ? Number(url.searchParams.get("page")) : null,
    };
    this.beforeSend?.(request, this.sent.length);
    this.sent.push(request);
    return fetch(input, init);
  };

  /** A fresh client (its own token) with tiny retry delays. */
  client(): AtlasClient {
    return createAtlasClient({
      baseUrl: this.baseUrl,
      clientId: DEMO_ATLAS_CLIENT_ID,
      clientSecret: DEMO_ATLAS_CLIENT_SECRET,
      timeoutMs: 5_000,
      maxRetries: 3,
      retryBaseDelayMs: 1,
      maxRetryDelayMs: 5,
      fetch: this.fetch,
    });
  }

  count(method: string, path: string): number {
    return this.sent.filter((r) => r.method === method && r.path === path).length;
  }

  extractsSent = () => this.count("GET", "/v1/bulk/extracts");
  uploadsSent = () => this.count("POST", "/v1/bulk/multiupload");

  /** Forget faults and the request log between tests (batches stay: each test makes its own). */
  resetLog(): void {
    this.sim.clearFaults();
    this.sent.length = 0;
    this.beforeSend = undefined;
  }

  close = () => this.server.close();
}

const TYPES = [
  "pan",
  "aadhaar",
  "invoice",
  "gst",
  "driving-license",
  "voter-id",
  "passport",
  "bank-statement",
  "delivery-order",
  "udyam",
  "shop-act",
  "fssai",
];

/** `n` rows over every document type the simulator knows (URLs carry the type hint). */
export function sampleRows(baseUrl: string, n: number, prefix = "doc"): NewBatchRow[] {
  return Array.from({ length: n }, (_, i) => ({
    documentId: `${prefix}-${i + 1}`,
    fileUrl: `${baseUrl}/files/${TYPES[i % TYPES.length]}-${i + 1}.jpg`,
  }));
}

export async function createTestUser(db: Db): Promise<string> {
  const user = await createUser(
    db,
    {
      email: `batches-${crypto.randomUUID()}@example.test`,
      name: "Batch tester",
      role: "admin",
      passwordHash: "not-a-real-hash",
    },
    SYSTEM_ACTOR,
  );
  return user.id;
}

export async function newBatch(db: Db, userId: string, rows: NewBatchRow[], chunkSize: number) {
  const { batchId } = await createBatch(
    db,
    {
      clientKey: crypto.randomUUID(),
      label: "pipeline test",
      productType: "POC_CDL",
      rows,
      chunkSize,
      createdBy: userId,
    },
    SYSTEM_ACTOR,
  );
  return batchId;
}

/** Creates and submits a batch; every chunk must be accepted. */
export async function submittedBatch(
  db: Db,
  atlas: AtlasClient,
  userId: string,
  rows: NewBatchRow[],
  chunkSize: number,
) {
  const batchId = await newBatch(db, userId, rows, chunkSize);
  const outcome = await submitPendingChunks(db, atlas, batchId);
  expect(outcome.failed).toBe(0);
  return batchId;
}

export async function batchRow(db: Db, batchId: string) {
  const [row] = await db.select().from(batches).where(eq(batches.id, batchId));
  return row!;
}

/** Syncs until no document waits any more (or `maxRounds`), returning every report. */
export async function syncUntilDone(
  db: Db,
  atlas: AtlasClient,
  batchId: string,
  options: SyncOptions = SYNC,
  maxRounds = 6,
): Promise<SyncReport[]> {
  const reports: SyncReport[] = [];
  for (let round = 0; round < maxRounds; round++) {
    reports.push(await syncBatch(db, atlas, batchId, options));
    if ((await batchRow(db, batchId)).submittedCount === 0) return reports;
  }
  throw new Error(`Batch ${batchId} still waiting after ${maxRounds} syncs`);
}

export const totalStored = (reports: SyncReport[]) => reports.reduce((n, r) => n + r.stored, 0);

/**
 * Every submitted document has exactly one result, and it is the simulator's result for that
 * (Atlas batch id, document id): same type, one field row per field, no more, no fewer.
 */
export async function expectStoredExactlyOnce(db: Db, batchId: string, sim: SimUnderTest["sim"]) {
  const docs = await db
    .select({
      id: documents.id,
      externalId: documents.externalId,
      atlasBatchId: documents.atlasBatchId,
      status: documents.status,
      documentType: documents.documentType,
      fieldCount: documents.fieldCount,
      errorCode: documents.errorCode,
    })
    .from(documents)
    .where(eq(documents.batchId, batchId));
  const submitted = docs.filter((d) => d.atlasBatchId !== null);
  expect(submitted.length).toBeGreaterThan(0);
  expect(submitted.filter((d) => d.status !== "extracted" && d.status !== "failed")).toEqual([]);

  const simDocs = new Map(sim.documents().map((d) => [`${d.batchId}/${d.documentId}`, d]));
  for (const doc of submitted) {
    const truth = simDocs.get(`${doc.atlasBatchId}/${doc.externalId}`);
    expect(truth, doc.externalId).toBeDefined();
    const {
      document_type: _t,
      error_code: errorCode,
      error_message: _m,
      ...fileFields
    } = truth!.generated.fileData;
    expect(doc.documentType).toBe(truth!.generated.documentType);
    expect(doc.status).toBe(errorCode ? "failed" : "extracted");
    expect(doc.fieldCount).toBe(errorCode ? 0 : Object.keys(fileFields).length);
  }

  const [stored] = await db
    .select({ rows: count() })
    .from(fields)
    .innerJoin(documents, eq(fields.documentId, documents.id))
    .where(eq(documents.batchId, batchId));
  const [expected] = await db
    .select({ n: sum(documents.fieldCount) })
    .from(documents)
    .where(eq(documents.batchId, batchId));
  expect(Number(stored!.rows)).toBe(Number(expected!.n ?? 0));
  return submitted.length;
}
