import { createLoader, parseAsInteger, parseAsString, parseAsStringLiteral } from "nuqs/server";

export const REVIEW_REASONS = ["low_confidence", "validator"] as const;

export const reviewQueueParams = {
  batch: parseAsString,
  type: parseAsString,
  reason: parseAsStringLiteral(REVIEW_REASONS),
  /** Keyset cursors (lib/documents/keyset.ts); `page` is only the number shown beside them. */
  after: parseAsString,
  before: parseAsString,
  page: parseAsInteger.withDefault(1),
};

export const loadReviewQueueParams = createLoader(reviewQueueParams);

export type QueueContext = {
  batch?: string | null;
  type?: string | null;
  reason?: (typeof REVIEW_REASONS)[number] | null;
};

/** The query string that carries the queue's filters into the workspace and back. */
export function queueQuery(context: QueueContext): string {
  const q = new URLSearchParams({ from: "queue" });
  if (context.batch) q.set("batch", context.batch);
  if (context.type) q.set("type", context.type);
  if (context.reason) q.set("reason", context.reason);
  return q.toString();
}
