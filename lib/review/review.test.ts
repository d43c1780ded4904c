import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, documents, fields } from "@/lib/db/schema";
import { testDrivers, useTestDatabase } from "@/lib/db/test-utils";
import { approveDocument, rejectDocument, reopenDocument } from "./document-review";
import { ReviewError } from "./errors";
import { acceptAllAboveThreshold, reviewField } from "./field-review";
import { acquireLock, lockView, releaseLock } from "./locks";
import { claimNextDocument, listQueue } from "./queue";
import { revealField } from "./reveal";
import { LOCK_MS, PAN_FIELDS, seedBatch, seedDocument, seedReviewer, TODAY } from "./test-support";

const options = { lockMs: LOCK_MS, today: TODAY };
const FIRST = { dir: "first" } as const;

async function fieldsOf(db: Parameters<typeof seedBatch>[0], documentId: string) {
  return db.select().from(fields).where(eq(fields.documentId, documentId));
}

async function refusal(promise: Promise<unknown>): Promise<ReviewError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReviewError);
  return error as ReviewError;
}

describe.each(testDrivers)("review on %s", (driver) => {
  const t = useTestDatabase(driver);

  it("a second save of the same field version gets a conflict naming the current value, and overwrites nothing", async () => {
    const asha = await seedReviewer(t.db, "Asha Reviewer");
    const ravi = await seedReviewer(t.db, "Ravi Reviewer");
    const batchId = await seedBatch(t.db, asha.id);
    const docId = await seedDocument(t.db, batchId, "pan-conflict", "PAN", PAN_FIELDS);
    const name = (await fieldsOf(t.db, docId)).find((f) => f.path === "name")!;

    // Both read version 1; Asha saves first.
    const first = await reviewField(
      t.db,
      {
        documentId: docId,
        fieldId: name.id,
        version: name.version,
        change: { kind: "correct", value: "RAVI KUMAR SINGH" },
      },
      asha,
      options,
    );
    expect(first.field).toMatchObject({
      reviewState: "corrected",
      correctedShown: "RAVI KUMAR SINGH",
      version: 2,
    });
    await releaseLock(t.db, docId, asha.id);

    const error = await refusal(
      reviewField(
        t.db,
        { documentId: docId, fieldId: name.id, version: name.version, change: { kind: "accept" } },
        ravi,
        options,
      ),
    );
    expect(error.code).toBe("conflict");
    expect(error.message).toMatch(/Asha Reviewer changed Name .*corrected: "RAVI KUMAR SINGH".*not saved/);
    expect(error.details?.field).toMatchObject({
      version: 2,
      reviewState: "corrected",
      reviewedBy: "Asha Reviewer",
    });

    const [stored] = await t.db.select().from(fields).where(eq(fields.id, name.id));
    expect(stored).toMatchObject({
      reviewState: "corrected",
      correctedValue: "RAVI KUMAR SINGH",
      reviewedBy: asha.id,
      version: 2,
    });

    // Concurrent saves from two sessions of the same reviewer: exactly one wins.
    const results = await Promise.allSettled(
      (["accept", "unreadable"] as const).map((kind) =>
        reviewField(
          t.db,
          { documentId: docId, fieldId: name.id, version: 2, change: { kind } },
          ravi,
          options,
        ),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((rejected.reason as ReviewError).code).toBe("conflict");
    const [after] = await t.db.select().from(fields).where(eq(fields.id, name.id));
    expect(after!.version).toBe(3);

    const trail = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, docId));
    expect(trail.map((e) => e.action).sort()).toEqual(
      ["field.correct", expect.stringMatching(/^field\.(accept|unreadable)$/)].sort(),
    );
    const correction = trail.find((e) => e.action === "field.correct")!;
    expect(correction.before).toEqual({ state: "pending", value: "RAVI KUMAR" });
    expect(correction.after).toEqual({ state: "corrected", value: "RAVI KUMAR SINGH" });
    expect(correction.actorEmail).toBe(asha.actor.actorEmail);
  });

  it("refuses changes while another reviewer holds the lock, and after a decision", async () => {
    const asha = await seedReviewer(t.db, "Asha Lock");
    const ravi = await seedReviewer(t.db, "Ravi Lock");
    const docId = await seedDocument(t.db, await seedBatch(t.db, asha.id), "pan-lock", "PAN", PAN_FIELDS);
    const name = (await fieldsOf(t.db, docId)).find((f) => f.path === "name")!;
    await acquireLock(t.db, docId, asha.id, LOCK_MS);
    expect(await lockView(t.db, docId, ravi.id)).toMatchObject({ heldByOther: true, ownerName: "Asha Lock" });

    const locked = await refusal(
      reviewField(
        t.db,
        { documentId: docId, fieldId: name.id, version: 1, change: { kind: "accept" } },
        ravi,
        options,
      ),
    );
    expect(locked.code).toBe("locked");
    expect(locked.message).toMatch(/^Asha Lock is reviewing this document/);

    // Approving needs every flagged field handled first.
    const [doc] = await t.db.select().from(documents).where(eq(documents.id, docId));
    const early = await refusal(
      approveDocument(t.db, { documentId: docId, version: doc!.version }, asha, options),
    );
    expect(early.message).toMatch(/1 field still needs review/);

    await reviewField(
      t.db,
      { documentId: docId, fieldId: name.id, version: 1, change: { kind: "accept" } },
      asha,
      options,
    );
    const approved = await approveDocument(t.db, { documentId: docId, version: doc!.version }, asha, options);
    expect(approved.acceptedOnApproval).toBe(3);
    const [final] = await t.db.select().from(documents).where(eq(documents.id, docId));
    expect(final).toMatchObject({
      reviewStatus: "approved",
      reviewedBy: asha.id,
      lockOwner: null,
      needsReviewCount: 0,
    });

    const closed = await refusal(
      reviewField(
        t.db,
        { documentId: docId, fieldId: name.id, version: 2, change: { kind: "unreadable" } },
        ravi,
        options,
      ),
    );
    expect(closed.code).toBe("closed");
    const stale = await refusal(
      rejectDocument(
        t.db,
        { documentId: docId, version: doc!.version, code: "ILLEGIBLE", reason: "blurred" },
        ravi,
        options,
      ),
    );
    expect(stale.code).toBe("closed");

    await reopenDocument(t.db, { documentId: docId, version: final!.version }, ravi, options);
    await rejectDocument(
      t.db,
      {
        documentId: docId,
        version: final!.version + 1,
        code: "WRONG_DOCUMENT",
        reason: "Photo does not match",
      },
      ravi,
      options,
    );
    const [rejected] = await t.db.select().from(documents).where(eq(documents.id, docId));
    expect(rejected).toMatchObject({
      reviewStatus: "rejected",
      rejectCode: "WRONG_DOCUMENT",
      rejectReason: "Photo does not match",
      lockOwner: null,
    });
  });

  it("accepts everything above threshold in one action, leaving flagged fields alone", async () => {
    const asha = await seedReviewer(t.db, "Asha All");
    const docId = await seedDocument(t.db, await seedBatch(t.db, asha.id), "pan-all", "PAN", {
      ...PAN_FIELDS,
      pan_number: { value: "ABCXK1234F", confidence_score: 0.99 },
    });
    const result = await acceptAllAboveThreshold(t.db, docId, asha, options);
    expect(result.accepted).toEqual(["father_name", "date_of_birth"]);
    expect(result.needsReviewCount).toBe(2);
    expect(result.fields.find((f) => f.path === "pan_number")).toMatchObject({
      reviewState: "pending",
      needsReview: true,
      reasons: ["validator"],
    });
  });

  it("never hands two reviewers the same document, and resumes the one a reviewer holds", async () => {
    const reviewers = await Promise.all(
      ["One", "Two", "Three", "Four"].map((n) => seedReviewer(t.db, `Queue ${n}`)),
    );
    const batchId = await seedBatch(t.db, reviewers[0]!.id, "queue batch");
    const base = Date.now() - 3_600_000;
    const ids = [];
    for (let i = 0; i < 3; i++)
      ids.push(await seedDocument(t.db, batchId, `queue-${i}`, "PAN", PAN_FIELDS, new Date(base + i * 1000)));
    const filter = { batchId };

    const claimed = await Promise.all(reviewers.map((r) => claimNextDocument(t.db, r.id, filter, LOCK_MS)));
    const handed = claimed.filter((id): id is string => id !== null);
    expect(handed).toHaveLength(3);
    expect(new Set(handed).size).toBe(3);
    expect(claimed.filter((id) => id === null)).toHaveLength(1);

    const holder = reviewers[claimed.indexOf(ids[0]!)]!;
    expect(await claimNextDocument(t.db, holder.id, filter, LOCK_MS)).toBe(ids[0]);
    const { rows } = await listQueue(t.db, filter, FIRST, 10);
    expect(rows.map((r) => r.id)).toEqual(ids);
    expect(rows[0]).toMatchObject({ lockOwnerName: holder.name, lowConfidenceCount: 1, validatorCount: 0 });
    expect((await listQueue(t.db, { ...filter, reason: "validator" }, FIRST, 10)).total).toBe(0);
    expect((await listQueue(t.db, { ...filter, reason: "low_confidence" }, FIRST, 10)).total).toBe(3);
    expect((await listQueue(t.db, { ...filter, type: "AADHAAR" }, FIRST, 10)).total).toBe(0);

    // An expired lock is free again.
    await t.db
      .update(documents)
      .set({ lockExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(documents.id, ids[1]!));
    const idle = reviewers[claimed.indexOf(null)]!;
    expect(await claimNextDocument(t.db, idle.id, filter, LOCK_MS)).toBe(ids[1]);
  });

  it("audits every reveal of a masked value", async () => {
    const asha = await seedReviewer(t.db, "Asha Reveal", "admin");
    const docId = await seedDocument(t.db, await seedBatch(t.db, asha.id), "aadhaar-reveal", "AADHAAR", {
      aadhaar_number: { value: "2345 6789 0124", confidence_score: 0.99 },
    });
    const [field] = await fieldsOf(t.db, docId);
    expect(await revealField(t.db, field!.id, asha)).toEqual({
      value: "2345 6789 0124",
      correctedValue: null,
    });
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "pii.reveal"));
    expect(event).toMatchObject({
      targetId: docId,
      actorUserId: asha.id,
      metadata: { field: "aadhaar_number" },
    });
  });
});
