import { z } from "zod";
import { uuidSchema } from "@/lib/ids";
import { MAX_COMMENT_LENGTH } from "@/lib/review/comment-limits";
import { nextDocumentSchema } from "../../review/schemas";

/** Inputs of the closing, comment, undo and skip actions; client-safe (the forms share them). */
const id = uuidSchema();
const version = z.number().int().min(1);

export const reuploadSchema = z.object({
  documentId: id,
  version,
  note: z
    .string()
    .trim()
    .min(3, "Say what the new upload should fix, in a few words.")
    .max(500, "Keep the note under 500 characters."),
});

export const reclassifySchema = z.object({
  documentId: id,
  version,
  documentType: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9_]{2,64}$/, "Choose a document type."),
});

export const commentSchema = z.object({
  documentId: id,
  fieldId: id.nullable(),
  text: z
    .string()
    .trim()
    .min(1, "Type a comment first.")
    .max(MAX_COMMENT_LENGTH, `Keep a comment under ${MAX_COMMENT_LENGTH} characters.`),
});

/** Skip for now: the document and the queue filter the reviewer works in. */
export const skipSchema = nextDocumentSchema.omit({ after: true }).extend({ documentId: id });

export const undoSchema = z.object({ documentId: id });
