import {
  createLoader,
  createSerializer,
  parseAsInteger,
  parseAsString,
  parseAsStringLiteral,
} from "nuqs/server";
import { parseAsText } from "../search-text";

export const REVIEW_REASONS = ["low_confidence", "validator"] as const;

export const reviewQueueParams = {
  batch: parseAsText,
  type: parseAsText,
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

const serializeReviewQueue = createSerializer(reviewQueueParams);

/** A page of the queue (a number, or a keyset cursor with the number shown) with its filters kept; empty filters stay out of the URL. */
export function reviewQueueHref(
  context: QueueContext,
  at: number | { after?: string; before?: string; page?: number },
): string {
  const cursor = typeof at === "number" ? { page: at } : at;
  return serializeReviewQueue("/review", {
    ...queueFilters(context),
    after: cursor.after ?? null,
    before: cursor.before ?? null,
    page: cursor.page ?? 1,
  });
}

/** The queue's filters with empty ones dropped (a GET form sends `batch=` for "All batches"). */
export function queueFilters(context: QueueContext) {
  return { batch: context.batch || null, type: context.type || null, reason: context.reason || null };
}
