import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { recordAudit } from "@/lib/db/queries/audit";
import { documents, fields, users } from "@/lib/db/schema";
import { recomputeNeedsReview } from "@/lib/documents/thresholds-store";
import { ReviewError } from "./errors";
import { assertOpenForReview, type Reviewer } from "./field-review";
import { acquireLock } from "./locks";
import { loadRejectReasons } from "./reject-reasons-store";
import { isClosedReview, REVIEW_STATUS_LABEL } from "./types";

/**
 * Per-document decisions. Approve and reject name the document version the reviewer read, take
 * the reviewer's lock (refused while someone else holds it) and release it when done.
 */
export async function checkVersion(db: Db, documentId: string, version: number) {
  const [row] = await db
    .select({ version: documents.version, reviewStatus: documents.reviewStatus, by: users.name })
    .from(documents)
    .leftJoin(users, eq(users.id, documents.reviewedBy))
    .where(eq(documents.id, documentId));
  if (row && row.version !== version)
    throw new ReviewError(
      "conflict",
      `This document changed since you opened it (now ${REVIEW_STATUS_LABEL[row.reviewStatus]}${row.by ? `, by ${row.by}` : ""}). Reload it before deciding.`,
    );
}

export async function approveDocument(
  db: Db,
  input: { documentId: string; version: number },
  reviewer: Reviewer,
  options: { lockMs: number },
): Promise<{ acceptedOnApproval: number }> {
  return db.transaction(async (tx) => {
    const doc = await assertOpenForReview(tx, input.documentId);
    await acquireLock(tx, doc.id, reviewer.id, options.lockMs);
    await checkVersion(tx, doc.id, input.version);
    await recomputeNeedsReview(tx, doc.id);
    const [counted] = await tx
      .select({ n: documents.needsReviewCount })
      .from(documents)
      .where(eq(documents.id, doc.id));
    const left = counted?.n ?? 0;
    if (left > 0)
      throw new ReviewError(
        "invalid_input",
        `${left} field${left === 1 ? " still needs" : "s still need"} review: accept, correct or mark ${left === 1 ? "it" : "them"} unreadable first.`,
      );
    // What is left pending passed every check at or above its threshold: approving accepts it.
    const accepted = await tx
      .update(fields)
      .set({
        reviewState: "accepted",
        acceptedVia: "document_approval",
        reviewedBy: reviewer.id,
        reviewedAt: new Date(),
        version: sql`${fields.version} + 1`,
      })
      .where(and(eq(fields.documentId, doc.id), eq(fields.reviewState, "pending")))
      .returning({ id: fields.id, path: fields.path });
    await tx
      .update(documents)
      .set({
        reviewStatus: "approved",
        reviewedBy: reviewer.id,
        reviewedAt: new Date(),
        rejectReason: null,
        rejectCode: null,
        lockOwner: null,
        lockExpiresAt: null,
        version: sql`${documents.version} + 1`,
      })
      .where(eq(documents.id, doc.id));
    await recordAudit(tx, {
      ...reviewer.actor,
      action: "document.approve",
      targetType: "document",
      targetId: doc.id,
      before: { reviewStatus: doc.reviewStatus },
      after: {
        reviewStatus: "approved",
        acceptedOnApproval: accepted.length,
        acceptedFields: accepted.map((f) => f.path),
      },
      metadata: { documentId: doc.externalId },
    });
    await recomputeNeedsReview(tx, doc.id);
    return { acceptedOnApproval: accepted.length };
  });
}

type DocumentRow = typeof documents.$inferSelect;

/** A document a closing decision (reject, re-upload) may apply to: Atlas answered, not yet closed. */
export async function assertClosable(db: Db, documentId: string): Promise<DocumentRow> {
  const [doc] = await db.select().from(documents).where(eq(documents.id, documentId));
  if (!doc) throw new ReviewError("not_found", "This document no longer exists.");
  if (doc.status !== "extracted" && doc.status !== "failed")
    throw new ReviewError(
      "invalid_input",
      "Atlas has not answered for this document yet: wait for its result.",
    );
  if (isClosedReview(doc.reviewStatus))
    throw new ReviewError(
      "closed",
      `This document is already ${REVIEW_STATUS_LABEL[doc.reviewStatus]}; reopen it to decide again.`,
    );
  return doc;
}

/** Closes the document as rejected or re-upload requested; releases the lock; audited. */
async function closeDocument(
  db: Db,
  input: { documentId: string; version: number },
  reviewer: Reviewer,
  options: { lockMs: number },
  close: {
    status: "rejected" | "reupload_requested";
    code: string | null;
    note: string | null;
    action: string;
  },
) {
  await db.transaction(async (tx) => {
    const doc = await assertClosable(tx, input.documentId);
    await acquireLock(tx, doc.id, reviewer.id, options.lockMs);
    await checkVersion(tx, doc.id, input.version);
    await tx
      .update(documents)
      .set({
        reviewStatus: close.status,
        reviewedBy: reviewer.id,
        reviewedAt: new Date(),
        rejectCode: close.code,
        rejectReason: close.note,
        lockOwner: null,
        lockExpiresAt: null,
        version: sql`${documents.version} + 1`,
      })
      .where(eq(documents.id, doc.id));
    await recordAudit(tx, {
      ...reviewer.actor,
      action: close.action,
      targetType: "document",
      targetId: doc.id,
      before: { reviewStatus: doc.reviewStatus },
      after: {
        reviewStatus: close.status,
        ...(close.code ? { code: close.code } : {}),
        ...(close.note ? { reason: close.note } : {}),
      },
      metadata: { documentId: doc.externalId },
    });
    await recomputeNeedsReview(tx, doc.id);
  });
}

/**
 * Rejects with a reason code from the configured list and optional free text (required for a
 * code labelled "Other", i.e. OTHER). Works on any open document, failed ones included.
 */
export async function rejectDocument(
  db: Db,
  input: { documentId: string; version: number; code: string; reason?: string | null },
  reviewer: Reviewer,
  options: { lockMs: number },
): Promise<void> {
  const reasons = await loadRejectReasons(db);
  const code = input.code.trim().toUpperCase();
  if (!reasons.some((r) => r.code === code))
    throw new ReviewError(
      "invalid_input",
      `"${code}" is not one of the reject reasons (${reasons.map((r) => r.code).join(", ")}).`,
    );
  const note = input.reason?.trim() || null;
  if (code === "OTHER" && (!note || note.length < 3))
    throw new ReviewError("invalid_input", "With the reason Other, say why in a few words.");
  await closeDocument(db, input, reviewer, options, {
    status: "rejected",
    code,
    note,
    action: "document.reject",
  });
}

/** Closes the document asking for a new file: its own status, with a note saying what to send. */
export async function requestReupload(
  db: Db,
  input: { documentId: string; version: number; note: string },
  reviewer: Reviewer,
  options: { lockMs: number },
): Promise<void> {
  const note = input.note.trim();
  if (note.length < 3)
    throw new ReviewError("invalid_input", "Say what the new upload should fix, in a few words.");
  await closeDocument(db, input, reviewer, options, {
    status: "reupload_requested",
    code: null,
    note,
    action: "document.reupload_requested",
  });
}

/** Back to "in review" (locked to the reviewer) so a decision can be corrected; audited. */
export async function reopenDocument(
  db: Db,
  input: { documentId: string; version: number },
  reviewer: Reviewer,
  options: { lockMs: number },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [doc] = await tx.select().from(documents).where(eq(documents.id, input.documentId)).for("update");
    if (!doc) throw new ReviewError("not_found", "This document no longer exists.");
    if (!isClosedReview(doc.reviewStatus))
      throw new ReviewError(
        "invalid_input",
        "Only an approved, rejected or re-upload requested document can be reopened.",
      );
    await checkVersion(tx, doc.id, input.version);
    await tx
      .update(documents)
      .set({
        reviewStatus: "in_review",
        rejectReason: null,
        rejectCode: null,
        version: sql`${documents.version} + 1`,
      })
      .where(eq(documents.id, doc.id));
    await acquireLock(tx, doc.id, reviewer.id, options.lockMs);
    await recordAudit(tx, {
      ...reviewer.actor,
      action: "document.reopen",
      targetType: "document",
      targetId: doc.id,
      before: {
        reviewStatus: doc.reviewStatus,
        ...(doc.rejectCode ? { code: doc.rejectCode } : {}),
        reason: doc.rejectReason,
      },
      after: { reviewStatus: "in_review" },
      metadata: { documentId: doc.externalId },
    });
    await recomputeNeedsReview(tx, doc.id);
  });
}
