import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { setSetting } from "@/lib/db/queries/settings";
import { auditEvents, documents, fields, reviewComments } from "@/lib/db/schema";
import { testDrivers, useTestDatabase } from "@/lib/db/test-utils";
import { listComments, addComment } from "./comments";
import { approveDocument, rejectDocument, reopenDocument, requestReupload } from "./document-review";
import { fieldKeysOf } from "./document-types";
import { ReviewError } from "./errors";
import { acceptAllAboveThreshold, reviewField } from "./field-review";
import { releaseLock } from "./locks";
import { claimNextDocument, listQueue } from "./queue";
import { reclassifyDocument } from "./reclassify";
import { DEFAULT_REJECT_REASONS, REJECT_REASONS_SETTING } from "./reject-reasons";
import { skipDocument } from "./skip";
import {
  LOCK_MS,
  PAN_FIELDS,
  seedBatch,
  seedDocument,
  seedFailedDocument,
  seedReviewer,
  TODAY,
} from "./test-support";
import { undoLastFieldAction } from "./undo";

const options = { lockMs: LOCK_MS, today: TODAY };
const FIRST = { dir: "first" } as const;
type Db = Parameters<typeof seedBatch>[0];

async function refusal(promise: Promise<unknown>): Promise<ReviewError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReviewError);
  return error as ReviewError;
}

const docOf = async (db: Db, id: string) =>
  (await db.select().from(documents).where(eq(documents.id, id)))[0]!;
const fieldOf = async (db: Db, documentId: string, path: string) =>
  (
    await db
      .select()
      .from(fields)
      .where(and(eq(fields.documentId, documentId), eq(fields.path, path)))
  )[0]!;

describe.each(testDrivers)("closing documents on %s", (driver) => {
  const t = useTestDatabase(driver);

  it("a failed document waits in the queue and is rejected with a configured reason code", async () => {
    const asha = await seedReviewer(t.db, "Asha Close");
    const batchId = await seedBatch(t.db, asha.id);
    const failed = await seedFailedDocument(t.db, batchId, "unrecognised-1");
    const queue = await listQueue(t.db, { batchId }, FIRST, 10);
    expect(queue.total).toBe(1);
    expect(queue.rows[0]).toMatchObject({ id: failed, status: "failed", errorCode: "UNRECOGNISED" });
    // Neither reason filter holds it: it has no fields to review.
    expect((await listQueue(t.db, { batchId, reason: "validator" }, FIRST, 10)).total).toBe(0);

    const doc = await docOf(t.db, failed);
    const unknown = await refusal(
      rejectDocument(t.db, { documentId: failed, version: doc.version, code: "BLURRY" }, asha, options),
    );
    expect(unknown.message).toMatch(/"BLURRY" is not one of the reject reasons \(ILLEGIBLE, WRONG_DOCUMENT/);
    const other = await refusal(
      rejectDocument(t.db, { documentId: failed, version: doc.version, code: "OTHER" }, asha, options),
    );
    expect(other.message).toMatch(/say why/);
    // Approving a document without fields is refused with what can be done instead.
    const approve = await refusal(
      approveDocument(t.db, { documentId: failed, version: doc.version }, asha, options),
    );
    expect(approve.message).toMatch(/reject it, request a re-upload, or reclassify it/);

    await rejectDocument(
      t.db,
      {
        documentId: failed,
        version: doc.version,
        code: "wrong_document",
        reason: "A ration card, 2345 6789 0124",
      },
      asha,
      options,
    );
    expect(await docOf(t.db, failed)).toMatchObject({
      reviewStatus: "rejected",
      rejectCode: "WRONG_DOCUMENT",
      rejectReason: "A ration card, XXXX XXXX 0124",
      lockOwner: null,
    });
    expect((await listQueue(t.db, { batchId }, FIRST, 10)).total).toBe(0);
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "document.reject"));
    expect(event!.after).toMatchObject({ reviewStatus: "rejected", code: "WRONG_DOCUMENT" });

    // The list is configurable: a code an admin added is accepted.
    await setSetting(
      t.db,
      REJECT_REASONS_SETTING,
      [{ code: "NOT_KYC", label: "Not a KYC document" }],
      asha.actor,
    );
    const second = await seedFailedDocument(t.db, batchId, "unrecognised-2");
    await rejectDocument(t.db, { documentId: second, version: 1, code: "NOT_KYC" }, asha, options);
    expect((await docOf(t.db, second)).rejectCode).toBe("NOT_KYC");
    await setSetting(t.db, REJECT_REASONS_SETTING, DEFAULT_REJECT_REASONS, asha.actor);
  });

  it("re-upload requested is its own closing status with a note, and can be reopened", async () => {
    const asha = await seedReviewer(t.db, "Asha Reupload");
    const batchId = await seedBatch(t.db, asha.id);
    const failed = await seedFailedDocument(t.db, batchId, "invalid-1", "INVALID_DOC");
    await expect(
      requestReupload(t.db, { documentId: failed, version: 1, note: "" }, asha, options),
    ).rejects.toThrow(/what the new upload should fix/);
    await requestReupload(t.db, { documentId: failed, version: 1, note: "Upload both sides" }, asha, options);
    expect(await docOf(t.db, failed)).toMatchObject({
      reviewStatus: "reupload_requested",
      rejectReason: "Upload both sides",
      rejectCode: null,
    });
    expect((await listQueue(t.db, { batchId }, FIRST, 10)).total).toBe(0);
    const closed = await refusal(
      rejectDocument(t.db, { documentId: failed, version: 2, code: "ILLEGIBLE" }, asha, options),
    );
    expect(closed.message).toMatch(/already re-upload requested/);
    await reopenDocument(t.db, { documentId: failed, version: 2 }, asha, options);
    expect(await docOf(t.db, failed)).toMatchObject({ reviewStatus: "in_review", rejectReason: null });
    expect((await listQueue(t.db, { batchId }, FIRST, 10)).total).toBe(1);
  });

  it("reclassifies a failed document: empty manual fields to type in, then approved as usual", async () => {
    const asha = await seedReviewer(t.db, "Asha Reclassify");
    const batchId = await seedBatch(t.db, asha.id);
    const failed = await seedFailedDocument(t.db, batchId, "unrecognised-pan");
    await expect(
      reclassifyDocument(
        t.db,
        { documentId: failed, version: 1, documentType: "RATION_CARD" },
        asha,
        options,
      ),
    ).rejects.toThrow(/not a type this screen knows/);
    const { fieldCount } = await reclassifyDocument(
      t.db,
      { documentId: failed, version: 1, documentType: "PAN" },
      asha,
      options,
    );
    const keys = fieldKeysOf("PAN")!;
    expect(fieldCount).toBe(keys.length);
    const doc = await docOf(t.db, failed);
    expect(doc).toMatchObject({
      status: "extracted",
      documentType: "PAN",
      reclassifiedFrom: "UNRECOGNISED",
      errorCode: "UNRECOGNISED",
      needsReviewCount: keys.length,
    });
    // The audit trail's diff says what the status became (not that it was removed).
    const [reclassified] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "document.reclassify"), eq(auditEvents.targetId, failed)));
    expect(reclassified).toMatchObject({
      before: { documentType: "UNRECOGNISED", status: "failed" },
      after: { documentType: "PAN", status: "extracted" },
    });
    const rows = await t.db.select().from(fields).where(eq(fields.documentId, failed));
    expect(rows.every((f) => f.source === "manual" && f.value === null && f.reviewState === "pending")).toBe(
      true,
    );
    expect((await listQueue(t.db, { batchId }, FIRST, 10)).total).toBe(1);
    // Only a failed document can be reclassified.
    await expect(
      reclassifyDocument(
        t.db,
        { documentId: failed, version: doc.version, documentType: "AADHAAR" },
        asha,
        options,
      ),
    ).rejects.toThrow(/Only a document Atlas could not extract/);

    await expect(
      approveDocument(t.db, { documentId: failed, version: doc.version }, asha, options),
    ).rejects.toThrow(/5 fields still need review/);
    const pan = await fieldOf(t.db, failed, "pan_number");
    // An empty typed-by-hand field has nothing to accept.
    await expect(
      reviewField(
        t.db,
        { documentId: failed, fieldId: pan.id, version: pan.version, change: { kind: "accept" } },
        asha,
        options,
      ),
    ).rejects.toThrow(/Nothing to accept in PAN number:/);
    // Typed values are validated like any correction.
    await expect(
      reviewField(
        t.db,
        {
          documentId: failed,
          fieldId: pan.id,
          version: pan.version,
          change: { kind: "correct", value: "ABC" },
        },
        asha,
        options,
      ),
    ).rejects.toThrow(ReviewError);
    for (const path of keys) {
      const field = await fieldOf(t.db, failed, path);
      const change =
        path === "pan_number"
          ? ({ kind: "correct", value: "ABCPK1234F" } as const)
          : path === "dob"
            ? ({ kind: "correct", value: "16/07/1986" } as const)
            : ({ kind: "unreadable" } as const);
      await reviewField(
        t.db,
        { documentId: failed, fieldId: field.id, version: field.version, change },
        asha,
        options,
      );
    }
    await approveDocument(
      t.db,
      { documentId: failed, version: (await docOf(t.db, failed)).version },
      asha,
      options,
    );
    expect(await docOf(t.db, failed)).toMatchObject({ reviewStatus: "approved" });
    expect(await fieldOf(t.db, failed, "pan_number")).toMatchObject({
      reviewState: "corrected",
      correctedValue: "ABCPK1234F",
      source: "manual",
    });
  });

  it("keeps comments on the document and its fields, masked, in order, and audited", async () => {
    const asha = await seedReviewer(t.db, "Asha Comment");
    const docId = await seedDocument(t.db, await seedBatch(t.db, asha.id), "pan-comment", "PAN", PAN_FIELDS);
    const name = await fieldOf(t.db, docId, "name");
    await addComment(t.db, { documentId: docId, text: "Applicant's Aadhaar 2345 6789 0124 on file" }, asha);
    await addComment(t.db, { documentId: docId, fieldId: name.id, text: "Middle name missing" }, asha);
    await expect(addComment(t.db, { documentId: docId, text: "   " }, asha)).rejects.toThrow(
      /Type a comment/,
    );
    const list = await listComments(t.db, docId);
    expect(list).toEqual([
      expect.objectContaining({
        fieldId: null,
        author: "Asha Comment",
        text: "Applicant's Aadhaar XXXX XXXX 0124 on file",
      }),
      expect.objectContaining({ fieldId: name.id, fieldPath: "name", text: "Middle name missing" }),
    ]);
    const stored = await t.db.select({ body: reviewComments.body }).from(reviewComments);
    expect(JSON.stringify(stored)).not.toMatch(/2345/);
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "comment.add"));
    expect(events).toHaveLength(2);
    expect(events.map((e) => (e.metadata as { field?: string }).field ?? null).sort()).toEqual(
      ["name", null].sort(),
    );
  });

  it("undoes the reviewer's last field action, after a reload too, unless someone changed the field since", async () => {
    const asha = await seedReviewer(t.db, "Asha Undo");
    const ravi = await seedReviewer(t.db, "Ravi Undo");
    const docId = await seedDocument(t.db, await seedBatch(t.db, asha.id), "pan-undo", "PAN", PAN_FIELDS);
    await expect(undoLastFieldAction(t.db, docId, asha, options)).rejects.toThrow(/Nothing to undo/);
    const name = await fieldOf(t.db, docId, "name");
    await reviewField(
      t.db,
      {
        documentId: docId,
        fieldId: name.id,
        version: 1,
        change: { kind: "correct", value: "RAVI KUMAR SINGH" },
      },
      asha,
      options,
    );
    await reviewField(
      t.db,
      { documentId: docId, fieldId: name.id, version: 2, change: { kind: "accept" } },
      asha,
      options,
    );
    // The last action (accept) is undone: back to the correction, needing nothing.
    const undone = await undoLastFieldAction(t.db, docId, asha, options);
    expect(undone.field).toMatchObject({ reviewState: "corrected", correctedShown: "RAVI KUMAR SINGH" });
    // Named as people name the field (the registry's label), not by its key.
    expect(undone.undone).toBe("accept of Name");
    expect(await fieldOf(t.db, docId, "name")).toMatchObject({
      reviewState: "corrected",
      correctedValue: "RAVI KUMAR SINGH",
      reviewedBy: asha.id,
      version: 4,
    });
    await expect(undoLastFieldAction(t.db, docId, asha, options)).rejects.toThrow(/already undone/);

    // A new action, then someone else changes the field: the undo is refused, their change stays.
    await reviewField(
      t.db,
      { documentId: docId, fieldId: name.id, version: 4, change: { kind: "unreadable" } },
      asha,
      options,
    );
    await releaseLock(t.db, docId, asha.id);
    await reviewField(
      t.db,
      { documentId: docId, fieldId: name.id, version: 5, change: { kind: "correct", value: "RAVI K" } },
      ravi,
      options,
    );
    await releaseLock(t.db, docId, ravi.id);
    const conflict = await refusal(undoLastFieldAction(t.db, docId, asha, options));
    expect(conflict.code).toBe("conflict");
    expect(conflict.message).toMatch(/Ravi Undo changed Name at .* after your “unreadable” .*not undone/);
    expect(await fieldOf(t.db, docId, "name")).toMatchObject({
      correctedValue: "RAVI K",
      reviewedBy: ravi.id,
    });

    // Ravi's own undo works and is audited; the field goes back to Asha's "unreadable".
    await undoLastFieldAction(t.db, docId, ravi, options);
    expect(await fieldOf(t.db, docId, "name")).toMatchObject({
      reviewState: "unreadable",
      reviewedBy: asha.id,
    });
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.actorUserId, ravi.id))
      .orderBy(auditEvents.id);
    expect(event).toBeDefined();
    const undoEvents = await t.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "field.undo"))
      .orderBy(auditEvents.id);
    expect(undoEvents.at(-1)).toMatchObject({
      before: { state: "corrected", value: "RAVI K" },
      after: { state: "unreadable" },
    });
  });

  it("refuses an undo when the reviewer's own later bulk accept changed the field", async () => {
    const asha = await seedReviewer(t.db, "Asha Bulk");
    const docId = await seedDocument(t.db, await seedBatch(t.db, asha.id), "pan-bulk", "PAN", PAN_FIELDS);
    const father = await fieldOf(t.db, docId, "father_name");
    await reviewField(
      t.db,
      { documentId: docId, fieldId: father.id, version: 1, change: { kind: "unreadable" } },
      asha,
      options,
    );
    await reviewField(
      t.db,
      { documentId: docId, fieldId: father.id, version: 2, change: { kind: "reset" } },
      asha,
      options,
    );
    await acceptAllAboveThreshold(t.db, docId, asha, options);
    await expect(undoLastFieldAction(t.db, docId, asha, options)).rejects.toThrow(
      /You changed Father's name at/,
    );
  });

  it("skip for now releases the lock and hands the document out last, to this reviewer only", async () => {
    const asha = await seedReviewer(t.db, "Asha Skip");
    const ravi = await seedReviewer(t.db, "Ravi Skip");
    const batchId = await seedBatch(t.db, asha.id);
    const base = Date.now() - 3_600_000;
    const first = await seedDocument(t.db, batchId, "skip-0", "PAN", PAN_FIELDS, new Date(base));
    const second = await seedDocument(t.db, batchId, "skip-1", "PAN", PAN_FIELDS, new Date(base + 1000));
    const filter = { batchId };
    expect(await claimNextDocument(t.db, asha.id, filter, LOCK_MS)).toBe(first);
    await skipDocument(t.db, first, asha);
    expect((await docOf(t.db, first)).lockOwner).toBeNull();
    expect(await claimNextDocument(t.db, asha.id, filter, LOCK_MS)).toBe(second);
    await releaseLock(t.db, second, asha.id);
    // Ravi's queue is unaffected; Asha gets the skipped one once nothing else is free.
    expect(await claimNextDocument(t.db, ravi.id, filter, LOCK_MS)).toBe(first);
    await releaseLock(t.db, first, ravi.id);
    await claimNextDocument(t.db, ravi.id, filter, LOCK_MS, { exclude: first });
    expect(await claimNextDocument(t.db, asha.id, filter, LOCK_MS)).toBe(first);
    const skips = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "document.skip"));
    expect(skips).toHaveLength(1);
  });
});
