"use server";

import { defineAction } from "@/lib/actions";
import { actorOf } from "@/lib/auth/actor";
import type { CurrentUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { addComment } from "@/lib/review/comments";
import { requestReupload } from "@/lib/review/document-review";
import type { Reviewer } from "@/lib/review/field-review";
import { claimNextDocument } from "@/lib/review/queue";
import { reclassifyDocument } from "@/lib/review/reclassify";
import { skipDocument } from "@/lib/review/skip";
import { undoLastFieldAction } from "@/lib/review/undo";
import { commentSchema, reclassifySchema, reuploadSchema, skipSchema, undoSchema } from "./close-schemas";

/** Closing a document without approving it, comments, undo and "skip for now" (lib/review/*). */
const review = { kind: "permission", permission: "documents:review" } as const;

async function reviewerOf(user: CurrentUser): Promise<Reviewer> {
  return { id: user.id, name: user.name, actor: await actorOf(user) };
}

const lock = () => ({ lockMs: getEnv().REVIEW_LOCK_MS });

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
