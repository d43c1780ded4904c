import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { recordAudit } from "@/lib/db/queries/audit";
import { documents, fields, reviewComments, users } from "@/lib/db/schema";
import { maskAadhaarInText } from "@/lib/masking";
import { MAX_COMMENT_LENGTH } from "./comment-limits";
import { ReviewError } from "./errors";
import type { Reviewer } from "./field-review";
import type { CommentView } from "./types";

/**
 * Adds a comment to a document or to one of its fields. Aadhaar numbers and VIDs in the text are
 * masked before it is stored or audited (the column masks again); open and closed documents alike.
 */
export async function addComment(
  db: Db,
  input: { documentId: string; fieldId?: string | null; text: string },
  reviewer: Reviewer,
): Promise<CommentView> {
  const text = maskAadhaarInText(input.text.trim());
  if (!text) throw new ReviewError("invalid_input", "Type a comment first.");
  if (text.length > MAX_COMMENT_LENGTH)
    throw new ReviewError("invalid_input", `Keep a comment under ${MAX_COMMENT_LENGTH} characters.`);
  return db.transaction(async (tx) => {
    const [doc] = await tx
      .select({ id: documents.id, externalId: documents.externalId })
      .from(documents)
      .where(eq(documents.id, input.documentId));
    if (!doc) throw new ReviewError("not_found", "This document no longer exists.");
    let fieldPath: string | null = null;
    if (input.fieldId) {
      const [field] = await tx
        .select({ path: fields.path })
        .from(fields)
        .where(and(eq(fields.id, input.fieldId), eq(fields.documentId, doc.id)));
      if (!field) throw new ReviewError("not_found", "This field no longer exists.");
      fieldPath = field.path;
    }
    const [row] = await tx
      .insert(reviewComments)
      .values({ documentId: doc.id, fieldId: input.fieldId ?? null, authorId: reviewer.id, body: text })
      .returning();
    await recordAudit(tx, {
      ...reviewer.actor,
      action: "comment.add",
      targetType: "document",
      targetId: doc.id,
      after: { comment: text },
      metadata: {
        documentId: doc.externalId,
        commentId: row!.id,
        ...(fieldPath ? { field: fieldPath, fieldId: input.fieldId } : {}),
      },
    });
    return {
      id: row!.id,
      fieldId: row!.fieldId,
      fieldPath,
      author: reviewer.name,
      at: row!.createdAt.toISOString(),
      text: row!.body,
    };
  });
}

/** A document's comments, oldest first, with their authors and fields. */
export async function listComments(db: Db, documentId: string): Promise<CommentView[]> {
  const rows = await db
    .select({
      id: reviewComments.id,
      fieldId: reviewComments.fieldId,
      fieldPath: fields.path,
      author: users.name,
      at: reviewComments.createdAt,
      text: reviewComments.body,
    })
    .from(reviewComments)
    .innerJoin(users, eq(users.id, reviewComments.authorId))
    .leftJoin(fields, eq(fields.id, reviewComments.fieldId))
    .where(eq(reviewComments.documentId, documentId))
    .orderBy(asc(reviewComments.createdAt), asc(reviewComments.id));
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}
