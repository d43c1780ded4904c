import { and, eq, isNotNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { documents } from "@/lib/db/schema";
import { testDrivers, useTestDatabase } from "@/lib/db/test-utils";
import { listQueue, QUEUE_KEY, type QueueFilter } from "@/lib/review/queue";
import { seedBatch, seedReviewer } from "@/lib/review/test-support";
import { batchCounts, compactCounts } from "./counts";
import { decodeCursor, encodeCursor, seekFrom, type KeyPart, type Seek } from "./keyset";
import { DOCUMENT_SORT_KEYS, listBatchDocuments, type DocumentListFilter } from "./queries";
import { DOCUMENT_SORTS } from "./sort";

const TYPES = ["PAN", "AADHAAR", "GST_CERT", null];
const CONFIDENCES = [0.5, 0.62, 0.62, 0.9, null];

/** 137 documents with ties in every sort key, nulls, errors and review states. */
async function seedMixedBatch(db: Db, batchId: string, base: Date) {
  const rows = Array.from({ length: 137 }, (_, i) => {
    const needs = i % 4;
    return {
      batchId,
      externalId: `doc-${String((i * 37) % 137).padStart(3, "0")}`,
      fileUrl: `https://files.example.test/${i}.pdf`,
      status:
        i % 11 === 0 ? ("failed" as const) : i % 13 === 0 ? ("submitted" as const) : ("extracted" as const),
      documentType: TYPES[i % TYPES.length]!,
      errorCode: i % 11 === 0 ? "INVALID_DOC" : null,
      minConfidence: CONFIDENCES[i % CONFIDENCES.length]!,
      needsReviewCount: needs,
      validatorFailureCount: needs > 0 && i % 3 === 0 ? 1 : 0,
      reviewStatus: i % 17 === 0 ? ("approved" as const) : ("pending" as const),
      // Ties on created_at too: the queue's key falls back to the id.
      createdAt: new Date(base.getTime() + Math.floor(i / 3) * 1000),
    };
  });
  await db.insert(documents).values(rows);
}

/** Every page from first to last, then back from last to first: both must list every row once. */
async function walk<T extends { id: string }>(
  parts: KeyPart[],
  read: (seek: Seek) => Promise<{ rows: T[]; next: string | null; previous: string | null }>,
) {
  const forward: string[] = [];
  let seek: Seek = { dir: "first" };
  for (let guard = 0; guard < 100; guard++) {
    const page = await read(seek);
    forward.push(...page.rows.map((r) => r.id));
    if (!page.next) break;
    seek = seekFrom({ after: page.next }, parts);
  }
  const backward: string[] = [];
  seek = { dir: "last" };
  for (let guard = 0; guard < 100; guard++) {
    const page = await read(seek);
    backward.unshift(...page.rows.map((r) => r.id));
    if (!page.previous) break;
    seek = seekFrom({ before: page.previous }, parts);
  }
  return { forward, backward };
}

/** The document_counts sums, and the same numbers counted from documents. */
async function countsAgree(db: Db) {
  const key = sql.raw(
    `batch_id, document_type, status::text, (error_code is not null or submit_error is not null) as e,
     needs_review_count > 0 as r,
     (review_status in ('pending', 'in_review') and (status = 'failed' or (status = 'extracted' and needs_review_count > 0))) as q,
     validator_failure_count > 0 as v, needs_review_count > validator_failure_count as l`,
  );
  const fromDocuments = (await db.execute(
    sql`select ${key}, count(*)::int as n from documents group by 1, 2, 3, 4, 5, 6, 7, 8 order by 1, 2, 3, 4, 5, 6, 7, 8`,
  )) as unknown as { rows: unknown[] };
  const fromCounts = (await db.execute(sql`
    select batch_id, document_type, status::text, has_error, needs_review, queued, validator_failure,
      low_confidence, sum(n)::int as n
    from document_counts group by 1, 2, 3, 4, 5, 6, 7, 8 having sum(n) <> 0
    order by 1, 2, 3, 4, 5, 6, 7, 8`)) as unknown as { rows: unknown[] };
  expect(fromCounts.rows.map((r) => Object.values(r as object))).toEqual(
    fromDocuments.rows.map((r) => Object.values(r as object)),
  );
}

describe("cursors", () => {
  it("round-trip and refuse anything else", () => {
    const cursor = encodeCursor(["0.62", "doc-001"]);
    expect(decodeCursor(cursor, 2)).toEqual(["0.62", "doc-001"]);
    expect(decodeCursor(cursor, 3)).toBeNull();
    expect(decodeCursor("not base64 json", 2)).toBeNull();
    expect(decodeCursor(encodeCursor([1, 2] as unknown as string[]), 2)).toBeNull();
    const parts = DOCUMENT_SORT_KEYS.confidence;
    expect(seekFrom({ after: cursor }, parts)).toEqual({ dir: "after", values: ["0.62", "doc-001"] });
    expect(seekFrom({ after: "garbage" }, parts)).toEqual({ dir: "first" });
    expect(seekFrom({ before: "end" }, parts)).toEqual({ dir: "last" });
    // A cursor of another sort (a document id where a count belongs) is not sent to the database.
    expect(seekFrom({ after: cursor }, DOCUMENT_SORT_KEYS.needs_review)).toEqual({ dir: "first" });
    expect(seekFrom({ after: encodeCursor(["2026-11-01 00:00:00+00", "x"]) }, QUEUE_KEY)).toEqual({
      dir: "first",
    });
  });
});

describe.each(testDrivers)("keyset pages and kept counts on %s", (driver) => {
  const t = useTestDatabase(driver);

  it("pages a batch's documents in every sort and filter, forwards and backwards, each row once", async () => {
    const user = await seedReviewer(t.db, "Keyset Admin", "admin");
    const batchId = await seedBatch(t.db, user.id, "keyset batch");
    await seedMixedBatch(t.db, batchId, new Date("2026-11-01T00:00:00Z"));
    const filters: Omit<DocumentListFilter, "sort" | "seek" | "pageSize">[] = [
      {},
      { type: "PAN" },
      { needsReview: true },
      { errors: "only" },
      { errors: "none", type: "AADHAAR" },
    ];
    for (const sort of DOCUMENT_SORTS)
      for (const filter of filters) {
        const all = await listBatchDocuments(t.db, batchId, {
          ...filter,
          sort,
          seek: { dir: "first" },
          pageSize: 1000,
        });
        const { forward, backward } = await walk(DOCUMENT_SORT_KEYS[sort], (seek) =>
          listBatchDocuments(t.db, batchId, { ...filter, sort, seek, pageSize: 20 }),
        );
        expect(forward, `${sort} ${JSON.stringify(filter)}`).toEqual(all.rows.map((r) => r.id));
        expect(backward, `${sort} ${JSON.stringify(filter)}`).toEqual(all.rows.map((r) => r.id));
        expect(all.total).toBe(all.rows.length);
      }
    // The order itself: lowest confidence first, nulls last, document id breaking ties.
    const byConfidence = await listBatchDocuments(t.db, batchId, {
      sort: "confidence",
      seek: { dir: "first" },
      pageSize: 1000,
    });
    const expected = [...byConfidence.rows].sort(
      (a, b) =>
        (a.minConfidence ?? Infinity) - (b.minConfidence ?? Infinity) ||
        (a.externalId < b.externalId ? -1 : 1),
    );
    expect(byConfidence.rows.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    expect(byConfidence.types).toEqual(["AADHAAR", "GST_CERT", "PAN"]);
  });

  it("pages the review queue by age with the id breaking ties; totals by batch, type and reason", async () => {
    const user = await seedReviewer(t.db, "Queue Admin", "admin");
    const one = await seedBatch(t.db, user.id, "queue one");
    const two = await seedBatch(t.db, user.id, "queue two");
    await seedMixedBatch(t.db, one, new Date("2026-10-01T00:00:00Z"));
    await seedMixedBatch(t.db, two, new Date("2026-10-01T00:00:30Z"));
    // Open documents with fields to review, and open documents Atlas failed (they need closing).
    const queued = and(
      sql`${documents.reviewStatus} in ('pending', 'in_review')`,
      sql`(${documents.status} = 'failed' or (${documents.status} = 'extracted' and ${documents.needsReviewCount} > 0))`,
      isNotNull(documents.batchId),
    );
    const filters: QueueFilter[] = [
      { batchId: one },
      { batchId: two, reason: "validator" },
      { batchId: one, reason: "low_confidence", type: "PAN" },
    ];
    for (const filter of filters) {
      const expected = await t.db
        .select({ id: documents.id })
        .from(documents)
        .where(
          and(
            queued,
            eq(documents.batchId, filter.batchId!),
            filter.type ? eq(documents.documentType, filter.type) : undefined,
            filter.reason === "validator" ? sql`${documents.validatorFailureCount} > 0` : undefined,
            filter.reason === "low_confidence"
              ? sql`${documents.needsReviewCount} > ${documents.validatorFailureCount}`
              : undefined,
          ),
        )
        .orderBy(documents.createdAt, documents.id);
      const { forward, backward } = await walk(QUEUE_KEY, (seek) => listQueue(t.db, filter, seek, 7));
      expect(forward).toEqual(expected.map((r) => r.id));
      expect(backward).toEqual(expected.map((r) => r.id));
      expect((await listQueue(t.db, filter, { dir: "first" }, 7)).total).toBe(expected.length);
    }
  });

  it("reads any edited cursor (huge, out of range, impossible dates, NUL, SQL) as a sane page, never an error", async () => {
    const user = await seedReviewer(t.db, "Hostile Admin", "admin");
    const batchId = await seedBatch(t.db, user.id, "hostile batch");
    await seedMixedBatch(t.db, batchId, new Date("2026-08-01T00:00:00Z"));
    const hostile = [
      ["1e999", "doc-001"],
      ["-1e999", "doc-001"],
      ["1e-999", "doc-001"],
      ["9".repeat(60), "doc-001"],
      ["9999999999", "doc-001"],
      ["-9999999999", "doc-001"],
      ["0.5", "doc\u0000-001"],
      ["0.5", "'); drop table documents; --"],
      ["2026-99-99 99:99:99+00", "00000000-0000-0000-0000-000000000000"],
      ["0000-01-01 00:00:00", "00000000-0000-0000-0000-000000000000"],
      ["2026-01-01 1:2:3:4:5", "00000000-0000-0000-0000-000000000000"],
      ["99999-01-01 00:00:00+00", "00000000-0000-0000-0000-000000000000"],
      ["true", "\u0000"],
      ["false", "PAN\u0000", "doc-001"],
      ["false", "PAN", "doc\u0000"],
    ];
    const cursors = hostile.flatMap((values) => [
      encodeCursor(values),
      encodeCursor([...values, "x"].slice(1)),
    ]);
    for (const cursor of cursors)
      for (const at of [{ after: cursor }, { before: cursor }]) {
        for (const sort of DOCUMENT_SORTS) {
          const page = await listBatchDocuments(t.db, batchId, {
            sort,
            seek: seekFrom(at, DOCUMENT_SORT_KEYS[sort]),
            pageSize: 20,
          });
          expect(page.rows.length, `${sort} ${JSON.stringify(at)}`).toBeLessThanOrEqual(20);
        }
        const queue = await listQueue(t.db, {}, seekFrom(at, QUEUE_KEY), 20);
        expect(queue.rows.length).toBeLessThanOrEqual(20);
      }
  });

  it("keeps document_counts equal to counting the documents through inserts, updates, upserts, deletes and compaction", async () => {
    const user = await seedReviewer(t.db, "Counts Admin", "admin");
    const batchId = await seedBatch(t.db, user.id, "counts batch");
    await seedMixedBatch(t.db, batchId, new Date("2026-09-01T00:00:00Z"));
    await countsAgree(t.db);
    await t.db
      .update(documents)
      .set({ reviewStatus: "approved" })
      .where(and(eq(documents.batchId, batchId), eq(documents.documentType, "PAN")));
    await t.db.update(documents).set({ lockExpiresAt: new Date() }).where(eq(documents.batchId, batchId));
    await t.db.execute(sql`
      insert into documents (batch_id, document_id, file_url, status, document_type)
      values (${batchId}, 'doc-000', 'https://x.test/a', 'extracted', 'VOTER_ID'),
             (${batchId}, 'doc-new', 'https://x.test/b', 'submitted', null)
      on conflict (batch_id, document_id) do update set document_type = excluded.document_type`);
    await countsAgree(t.db);
    await t.db.delete(documents).where(and(eq(documents.batchId, batchId), eq(documents.status, "failed")));
    await countsAgree(t.db);
    await compactCounts(t.db, sql`batch_id = ${batchId}`);
    await countsAgree(t.db);
    const raw = (await t.db.execute(
      sql`select count(*)::int as n from document_counts where batch_id = ${batchId}`,
    )) as unknown as { rows: { n: number }[] };
    expect(raw.rows[0]!.n).toBe((await batchCounts(t.db, batchId)).length);
  });
});
