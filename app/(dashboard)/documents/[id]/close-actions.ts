"use server";

import { defineAction } from "@/lib/actions";
import { getDb } from "@/lib/db";
import { addComment } from "@/lib/review/comments";
import { requestReupload } from "@/lib/review/document-review";
import { claimNextDocument } from "@/lib/review/queue";
import { reclassifyDocument } from "@/lib/review/reclassify";
import { skipDocument } from "@/lib/review/skip";
import { undoLastFieldAction } from "@/lib/review/undo";
import { lock, review, reviewerOf } from "./action-context";
import { commentSchema, reclassifySchema, reuploadSchema, skipSchema, undoSchema } from "./close-schemas";

/** Closing a document without approving it, comments, undo and "skip for now" (lib/review/*). */
export const reuploadAction = defineAction(
  { name: "review.reupload_requested", guard: review, input: reuploadSchema },
  async (input, { user }) => requestReupload(await getDb(), input, await reviewerOf(user), lock()),
);

export const reclassifyAction = defineAction(
  { name: "review.reclassify", guard: review, input: reclassifySchema },
  async (input, { user }) => reclassifyDocument(await getDb(), input, await reviewerOf(user), lock()),
);

export const commentAction = defineAction(
  { name: "review.comment", guard: review, input: commentSchema },
  async (input, { user }) => addComment(await getDb(), input, await reviewerOf(user)),
);

export const undoAction = defineAction(
  { name: "review.undo", guard: review, input: undoSchema },
  async (input, { user }) =>
    undoLastFieldAction(await getDb(), input.documentId, await reviewerOf(user), lock()),
);

/** Releases the lock, sends the document to the back of the reviewer's queue, hands the next one. */
export const skipAction = defineAction(
  { name: "review.skip", guard: review, input: skipSchema },
  async (input, { user }) => {
    const db = await getDb();
    await skipDocument(db, input.documentId, await reviewerOf(user));
    const filter = { batchId: input.batch, type: input.type, reason: input.reason };
    return { documentId: await claimNextDocument(db, user.id, filter, lock().lockMs) };
  },
);
