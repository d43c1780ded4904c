import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { recordAudit } from "@/lib/db/queries/audit";
import { auditEvents, documents, fields, users } from "@/lib/db/schema";
import { loadThresholds, recomputeNeedsReview } from "@/lib/documents/thresholds-store";
import { fieldLabel } from "@/lib/fields/registry";
import { maskFieldValue } from "@/lib/masking";
import { ReviewError } from "./errors";
import { assertOpenForReview, when, type Reviewer } from "./field-review";
import { toFieldView } from "./field-view";
import { acquireLock } from "./locks";
import type { FieldView } from "./types";

const UNDOABLE = ["field.accept", "field.correct", "field.unreadable"];
const VERB: Record<string, string> = {
  "field.accept": "accept",
  "field.correct": "correction",
  "field.unreadable": "“unreadable”",
};

/**
 * Undo (Ctrl+Z) of the reviewer's last field action on a document: the field goes back to the
 * state, value and reviewer it had before. The last action is read from the audit trail, so it
 * works after a reload; it is undone only while it is still the latest change of that field
 * (the field's version is the one the action wrote), so a later change by anyone stays.
 */
export async function undoLastFieldAction(
  db: Db,
  documentId: string,
  reviewer: Reviewer,
  options: { lockMs: number },
): Promise<{ field: FieldView; undone: string; needsReviewCount: number }> {
  return db.transaction(async (tx) => {
    const doc = await assertOpenForReview(tx, documentId);
    await acquireLock(tx, doc.id, reviewer.id, options.lockMs);
    const [last] = await tx
      .select({ action: auditEvents.action, metadata: auditEvents.metadata })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.targetType, "document"),
          eq(auditEvents.targetId, doc.id),
          eq(auditEvents.actorUserId, reviewer.id),
          inArray(auditEvents.action, [...UNDOABLE, "field.undo"]),
        ),
      )
      .orderBy(desc(auditEvents.id))
      .limit(1);
    if (!last) throw new ReviewError("invalid_input", "Nothing to undo: you have not changed a field here.");
    if (last.action === "field.undo")
      throw new ReviewError(
        "invalid_input",
        "Nothing to undo: your last field action here was already undone.",
      );
    const meta = (last.metadata ?? {}) as { fieldId?: string; version?: number; field?: string };
    const [row] = await tx
      .select({ field: fields, by: users.name })
      .from(fields)
      .leftJoin(users, eq(users.id, fields.reviewedBy))
      .where(and(eq(fields.id, meta.fieldId ?? doc.id), eq(fields.documentId, doc.id)))
      .for("update", { of: fields });
    if (!row) throw new ReviewError("not_found", "The field of your last action no longer exists.");
    const { field } = row;
    const label = fieldLabel(doc.documentType, field.path);
    const previous = field.previousReview;
    if (field.version !== meta.version || !previous || previous.version !== field.version) {
      const who = field.reviewedBy === reviewer.id ? "You" : (row.by ?? "Someone");
      throw new ReviewError(
        "conflict",
        `${who} changed ${label} at ${when(field.reviewedAt)} after your ${VERB[last.action] ?? "change"} (now ${field.reviewState}), so it was not undone.`,
      );
    }
    await tx
      .update(fields)
      .set({
        reviewState: previous.reviewState,
        correctedValue: previous.correctedValue,
        acceptedVia: previous.acceptedVia,
        reviewedBy: previous.reviewedBy,
        reviewedAt: previous.reviewedAt ? new Date(previous.reviewedAt) : null,
        previousReview: null,
        version: field.version + 1,
      })
      .where(eq(fields.id, field.id));
    const type = doc.documentType ?? "UNKNOWN";
    const shown = (state: string, corrected: unknown) =>
      maskFieldValue(type, field.path, state === "corrected" ? corrected : field.value);
    await recordAudit(tx, {
      ...reviewer.actor,
      action: "field.undo",
      targetType: "document",
      targetId: doc.id,
      before: { state: field.reviewState, value: shown(field.reviewState, field.correctedValue) },
      after: { state: previous.reviewState, value: shown(previous.reviewState, previous.correctedValue) },
      metadata: {
        field: field.path,
        fieldId: field.id,
        documentId: doc.externalId,
        undid: last.action,
        version: field.version + 1,
      },
    });
    await recomputeNeedsReview(tx, doc.id);
    const thresholds = await loadThresholds(tx);
    const [fresh] = await tx
      .select({ field: fields, by: users.name })
      .from(fields)
      .leftJoin(users, eq(users.id, fields.reviewedBy))
      .where(eq(fields.id, field.id));
    const [counts] = await tx
      .select({ n: documents.needsReviewCount })
      .from(documents)
      .where(eq(documents.id, doc.id));
    return {
      field: toFieldView(doc.documentType, fresh!.field, thresholds, fresh!.by),
      undone: `${VERB[last.action] ?? "change"} of ${label}`,
      needsReviewCount: counts?.n ?? 0,
    };
  });
}
