"use server";

import { defineAction } from "@/lib/actions";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { releaseLock } from "@/lib/review/locks";
import { claimNextDocument } from "@/lib/review/queue";
import { nextDocumentSchema } from "./schemas";

/**
 * "Start reviewing" and "next document" in the queue: hands the reviewer the next document
 * and locks it to them (atomically; see claimNextDocument). From a document, the queue goes on
 * after it, wrapping round to the oldest.
 */
export const nextDocumentAction = defineAction(
  {
    name: "review.next_document",
    guard: { kind: "permission", permission: "documents:review" },
    input: nextDocumentSchema,
  },
  async (input, { user }) => {
    const db = await getDb();
    const lockMs = getEnv().REVIEW_LOCK_MS;
    const filter = { batchId: input.batch, type: input.type, reason: input.reason };
    if (input.after) await releaseLock(db, input.after, user.id);
    const after = input.after ?? undefined;
    const id =
      (await claimNextDocument(db, user.id, filter, lockMs, { after, exclude: after })) ??
      (after ? await claimNextDocument(db, user.id, filter, lockMs, { exclude: after }) : null);
    return { documentId: id };
  },
);
