import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { recordAudit, type AuditActor } from "@/lib/db/queries/audit";
import { documents, fields, users, type PreviousReview } from "@/lib/db/schema";
import { type ThresholdSet, thresholdFor } from "@/lib/documents/thresholds";
import { loadThresholds, recomputeNeedsReview } from "@/lib/documents/thresholds-store";
import { maskFieldValue } from "@/lib/masking";
import { fieldLabel, inRegistryOrder } from "@/lib/fields/registry";
import { checkCorrection } from "./correction";
import { ReviewError } from "./errors";
import { toFieldView } from "./field-view";
import { acquireLock } from "./locks";
import { isClosedReview, REVIEW_STATUS_LABEL, type FieldView } from "./types";
import { serverFormatter } from "@/lib/format/server";

/**
 * Per-field review changes. Each runs in one transaction: take (or renew) the reviewer's lock on
 * the document, check the field is still at the version the reviewer read (optimistic locking),
 * write, audit with masked before/after, recount what still needs review.
 */
export type Reviewer = { id: string; name: string; actor: AuditActor };

export type FieldChange =
  { kind: "accept" } | { kind: "unreadable" } | { kind: "correct"; value: unknown } | { kind: "reset" };

const STATE_OF = {
  accept: "accepted",
  unreadable: "unreadable",
  correct: "corrected",
  reset: "pending",
} as const;

type DocumentRow = typeof documents.$inferSelect;

export async function assertOpenForReview(db: Db, documentId: string): Promise<DocumentRow> {
  const [doc] = await db.select().from(documents).where(eq(documents.id, documentId));
  if (!doc) throw new ReviewError("not_found", "This document no longer exists.");
  if (doc.status === "failed")
    throw new ReviewError(
      "invalid_input",
      "Atlas could not extract this document: reject it, request a re-upload, or reclassify it to enter its fields by hand.",
    );
  if (doc.status !== "extracted")
    throw new ReviewError("invalid_input", "Only documents Atlas has extracted can be reviewed.");
  if (isClosedReview(doc.reviewStatus))
    throw new ReviewError(
      "closed",
      `This document is already ${REVIEW_STATUS_LABEL[doc.reviewStatus]}; reopen it to change a field.`,
    );
  return doc;
}

async function fieldView(
  db: Db,
  doc: DocumentRow,
  fieldId: string,
  thresholds: ThresholdSet,
): Promise<FieldView> {
  const [row] = await db
    .select({ field: fields, reviewer: users.name })
    .from(fields)
    .leftJoin(users, eq(users.id, fields.reviewedBy))
    .where(eq(fields.id, fieldId));
  if (!row) throw new ReviewError("not_found", "This field no longer exists.");
  return toFieldView(doc.documentType, row.field, thresholds, row.reviewer);
}

/** What an undo of the action about to be written restores (lib/review/undo.ts). */
function previousReviewOf(field: typeof fields.$inferSelect): PreviousReview {
  return {
    version: field.version + 1,
    reviewState: field.reviewState,
    correctedValue: field.correctedValue,
    acceptedVia: field.acceptedVia,
    reviewedBy: field.reviewedBy,
    reviewedAt: field.reviewedAt?.toISOString() ?? null,
  };
}

export const when = (at: Date | null) => (at ? serverFormatter().time(at) : "just now");

export async function reviewField(
  db: Db,
  input: { documentId: string; fieldId: string; version: number; change: FieldChange },
  reviewer: Reviewer,
  options: { lockMs: number; today?: Date },
): Promise<{ field: FieldView; needsReviewCount: number }> {
  return db.transaction(async (tx) => {
    const doc = await assertOpenForReview(tx, input.documentId);
    await acquireLock(tx, doc.id, reviewer.id, options.lockMs);
    const thresholds = await loadThresholds(tx);
    const [current] = await tx
      .select({ field: fields, reviewer: users.name })
      .from(fields)
      .leftJoin(users, eq(users.id, fields.reviewedBy))
      .where(and(eq(fields.id, input.fieldId), eq(fields.documentId, doc.id)))
      .for("update", { of: fields });
    if (!current) throw new ReviewError("not_found", "This field no longer exists.");
    const { field } = current;
    if (field.version !== input.version) {
      const view = toFieldView(doc.documentType, field, thresholds, current.reviewer);
      const shown = view.correctedShown ?? view.shown;
      throw new ReviewError(
        "conflict",
        `${current.reviewer ?? "Someone"} changed ${fieldLabel(doc.documentType, field.path)} at ${when(field.reviewedAt)} (now ${view.reviewState}: ${
          typeof shown === "string" ? `"${shown}"` : JSON.stringify(shown)
        }). Your change was not saved — check the current value and try again.`,
        { field: view },
      );
    }
    let change = input.change;
    if (change.kind === "accept" && field.source === "manual" && field.value === null)
      throw new ReviewError(
        "invalid_input",
        `Nothing to accept in ${fieldLabel(doc.documentType, field.path)}: type its value from the scan (e), or mark it unreadable (u).`,
      );
    if (change.kind === "correct") {
      const checked = checkCorrection(
        doc.documentType,
        field.path,
        field.value,
        change.value,
        options.today ?? new Date(),
      );
      if (!checked.ok)
        throw new ReviewError(
          "invalid_input",
          `${checked.problems.join("; ")}. Fix the value, or mark the field unreadable.`,
        );
      change = { kind: "correct", value: checked.value };
    }
    const state = STATE_OF[change.kind];
    const correctedValue = change.kind === "correct" ? change.value : null;
    await tx
      .update(fields)
      .set({
        reviewState: state,
        correctedValue,
        acceptedVia: change.kind === "accept" ? "reviewer" : null,
        reviewedBy: change.kind === "reset" ? null : reviewer.id,
        reviewedAt: change.kind === "reset" ? null : new Date(),
        previousReview: previousReviewOf(field),
        version: sql`${fields.version} + 1`,
      })
      .where(eq(fields.id, field.id));
    const type = doc.documentType ?? "UNKNOWN";
    const shownValue = (state: string, corrected: unknown) =>
      maskFieldValue(type, field.path, state === "corrected" ? corrected : field.value);
    await recordAudit(tx, {
      ...reviewer.actor,
      action: `field.${change.kind}`,
      targetType: "document",
      targetId: doc.id,
      before: { state: field.reviewState, value: shownValue(field.reviewState, field.correctedValue) },
      after: { state, value: shownValue(state, correctedValue) },
      metadata: {
        field: field.path,
        fieldId: field.id,
        documentId: doc.externalId,
        version: field.version + 1,
      },
    });
    await recomputeNeedsReview(tx, doc.id);
    const [counts] = await tx
      .select({ n: documents.needsReviewCount })
      .from(documents)
      .where(eq(documents.id, doc.id));
    return { field: await fieldView(tx, doc, field.id, thresholds), needsReviewCount: counts?.n ?? 0 };
  });
}

/** Pending fields that pass their validators and are at or above their threshold. */
export function acceptableFields<F extends { path: string; confidence: number | null; validation: unknown }>(
  rows: F[],
  documentType: string | null,
  thresholds: ThresholdSet,
): F[] {
  return rows.filter(
    (f) =>
      ((f.validation as { ok?: boolean } | null)?.ok ?? true) &&
      f.confidence !== null &&
      f.confidence >= thresholdFor(thresholds, documentType, f.path),
  );
}

/** "Accept all above threshold": one action, one audit event listing the fields. */
export async function acceptAllAboveThreshold(
  db: Db,
  documentId: string,
  reviewer: Reviewer,
  options: { lockMs: number },
): Promise<{ accepted: string[]; fields: FieldView[]; needsReviewCount: number }> {
  return db.transaction(async (tx) => {
    const doc = await assertOpenForReview(tx, documentId);
    await acquireLock(tx, doc.id, reviewer.id, options.lockMs);
    const thresholds = await loadThresholds(tx);
    const pending = await tx
      .select()
      .from(fields)
      .where(and(eq(fields.documentId, doc.id), eq(fields.reviewState, "pending")))
      .orderBy(asc(fields.position))
      .for("update");
    const chosen = acceptableFields(inRegistryOrder(doc.documentType, pending), doc.documentType, thresholds);
    for (const field of chosen) {
      await tx
        .update(fields)
        .set({
          reviewState: "accepted",
          acceptedVia: "above_threshold",
          reviewedBy: reviewer.id,
          reviewedAt: new Date(),
          version: sql`${fields.version} + 1`,
        })
        .where(eq(fields.id, field.id));
    }
    if (chosen.length) {
      await recordAudit(tx, {
        ...reviewer.actor,
        action: "field.accept_all",
        targetType: "document",
        targetId: doc.id,
        before: { state: "pending", fields: chosen.map((f) => f.path) },
        after: { state: "accepted", fields: chosen.map((f) => f.path) },
        metadata: { documentId: doc.externalId, count: chosen.length },
      });
    }
    await recomputeNeedsReview(tx, doc.id);
    const views = await tx
      .select({ field: fields, reviewer: users.name })
      .from(fields)
      .leftJoin(users, eq(users.id, fields.reviewedBy))
      .where(eq(fields.documentId, doc.id));
    const [counts] = await tx
      .select({ n: documents.needsReviewCount })
      .from(documents)
      .where(eq(documents.id, doc.id));
    return {
      accepted: chosen.map((f) => f.path),
      fields: inRegistryOrder(
        doc.documentType,
        views.map((v) => ({ ...v, path: v.field.path, position: v.field.position })),
      ).map((v) => toFieldView(doc.documentType, v.field, thresholds, v.reviewer)),
      needsReviewCount: counts?.n ?? 0,
    };
  });
}

/** The value Atlas extracted for a field (what a correction is read against); undefined if gone. */
export async function storedFieldValue(db: Db, fieldId: string) {
  const [stored] = await db.select({ value: fields.value }).from(fields).where(eq(fields.id, fieldId));
  return stored;
}
