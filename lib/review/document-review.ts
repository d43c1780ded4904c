import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { recordAudit } from "@/lib/db/queries/audit";
import { documents, fields, users } from "@/lib/db/schema";
import { recomputeNeedsReview } from "@/lib/documents/thresholds-store";
import { ReviewError } from "./errors";
import { assertOpenForReview, type Reviewer } from "./field-review";
import { acquireLock } from "./locks";

/**
 * Per-document decisions. Approve and reject name the document version the reviewer read, take
 * the reviewer's lock (refused while someone else holds it) and release it when done.
 */
async function checkVersion(db: Db, documentId: string, version: number) {
  const [row] = await db
    .select({ version: documents.version, reviewStatus: documents.reviewStatus, by: users.name })
    .from(documents)
    .leftJoin(users, eq(users.id, documents.reviewedBy))
    .where(eq(documents.id, documentId));
  if (row && row.version !== version)
    throw new ReviewError(
      "conflict",
      `This document changed since you opened it (now ${row.reviewStatus.replace("_", " ")}${row.by ? `, by ${row.by}` : ""}). Reload it before deciding.`,
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

export async function rejectDocument(
  db: Db,
  input: { documentId: string; version: number; reason: string },
  reviewer: Reviewer,
  options: { lockMs: number },
): Promise<void> {
  await db.transaction(async (tx) => {
    const doc = await assertOpenForReview(tx, input.documentId);
    await acquireLock(tx, doc.id, reviewer.id, options.lockMs);
    await checkVersion(tx, doc.id, input.version);
    await tx
      .update(documents)
      .set({
        reviewStatus: "rejected",
        reviewedBy: reviewer.id,
        reviewedAt: new Date(),
        rejectReason: input.reason,
        lockOwner: null,
        lockExpiresAt: null,
        version: sql`${documents.version} + 1`,
      })
      .where(eq(documents.id, doc.id));
    await recordAudit(tx, {
      ...reviewer.actor,
      action: "document.reject",
      targetType: "document",
      targetId: doc.id,
      before: { reviewStatus: doc.reviewStatus },
      after: { reviewStatus: "rejected", reason: input.reason },
      metadata: { documentId: doc.externalId },
    });
    await recomputeNeedsReview(tx, doc.id);
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
    if (doc.reviewStatus !== "approved" && doc.reviewStatus !== "rejected")
      throw new ReviewError("invalid_input", "Only an approved or rejected document can be reopened.");
    await checkVersion(tx, doc.id, input.version);
    await tx
      .update(documents)
      .set({
        reviewStatus: "in_review",
        rejectReason: null,
        version: sql`${documents.version} + 1`,
      })
      .where(eq(documents.id, doc.id));
    await acquireLock(tx, doc.id, reviewer.id, options.lockMs);
    await recordAudit(tx, {
      ...reviewer.actor,
      action: "document.reopen",
      targetType: "document",
      targetId: doc.id,
      before: { reviewStatus: doc.reviewStatus, reason: doc.rejectReason },
      after: { reviewStatus: "in_review" },
      metadata: { documentId: doc.externalId },
    });
    await recomputeNeedsReview(tx, doc.id);
  });
}
