"use server";

import { defineAction } from "@/lib/actions";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { parseCorrection } from "@/lib/review/correction";
import { approveDocument, rejectDocument, reopenDocument } from "@/lib/review/document-review";
import { ReviewError } from "@/lib/review/errors";
import {
  acceptAllAboveThreshold,
  reviewField,
  storedFieldValue,
  type FieldChange,
} from "@/lib/review/field-review";
import { lockView, renewLock } from "@/lib/review/locks";
import { revealField } from "@/lib/review/reveal";
import { lock, review, reviewerOf } from "./action-context";
import {
  decisionSchema,
  documentSchema,
  fieldChangeSchema,
  heartbeatSchema,
  rejectSchema,
  revealSchema,
} from "./schemas";

export const reviewFieldAction = defineAction(
  { name: "review.field", guard: review, input: fieldChangeSchema },
  async (input, { user }) => {
    const db = await getDb();
    let change: FieldChange;
    if (input.change.kind === "correct") {
      const stored = await storedFieldValue(db, input.fieldId);
      if (!stored) throw new ReviewError("not_found", "This field no longer exists.");
      const parsed = parseCorrection(stored.value, input.change.text);
      if (!parsed.ok) throw new ReviewError("invalid_input", parsed.message);
      change = { kind: "correct", value: parsed.value };
    } else change = input.change;
    return reviewField(db, { ...input, change }, await reviewerOf(user), lock());
  },
);

export const acceptAllAction = defineAction(
  { name: "review.accept_all", guard: review, input: documentSchema },
  async (input, { user }) =>
    acceptAllAboveThreshold(await getDb(), input.documentId, await reviewerOf(user), lock()),
);

export const approveAction = defineAction(
  { name: "review.approve", guard: review, input: decisionSchema },
  async (input, { user }) => approveDocument(await getDb(), input, await reviewerOf(user), lock()),
);

export const rejectAction = defineAction(
  { name: "review.reject", guard: review, input: rejectSchema },
  async (input, { user }) => rejectDocument(await getDb(), input, await reviewerOf(user), lock()),
);

export const reopenAction = defineAction(
  { name: "review.reopen", guard: review, input: decisionSchema },
  async (input, { user }) => reopenDocument(await getDb(), input, await reviewerOf(user), lock()),
);

/** Keeps the reviewer's lock alive while they are active on the page; reports who holds it. */
export const heartbeatAction = defineAction(
  { name: "review.heartbeat", guard: review, input: heartbeatSchema },
  async (input, { user }) => {
    const db = await getDb();
    return input.renew
      ? renewLock(db, input.documentId, user.id, getEnv().REVIEW_LOCK_MS)
      : lockView(db, input.documentId, user.id);
  },
);

export const revealAction = defineAction(
  {
    name: "review.reveal_pii",
    guard: { kind: "permission", permission: "documents:reveal-pii" },
    input: revealSchema,
  },
  async (input, { user }) => revealField(await getDb(), input.fieldId, await reviewerOf(user)),
);
