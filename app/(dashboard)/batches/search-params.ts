import { createLoader, parseAsInteger, parseAsString, parseAsStringLiteral } from "nuqs/server";
import { BATCH_STATUSES } from "@/lib/batches/status";

export const BATCH_SORTS = ["newest", "oldest", "label", "needs_review"] as const;

/** The batch list's filters, sort and page, all in the URL (shared by the page and its controls). */
export const batchListParams = {
  status: parseAsStringLiteral(BATCH_STATUSES),
  product: parseAsString,
  q: parseAsString.withDefault(""),
  sort: parseAsStringLiteral(BATCH_SORTS).withDefault("newest"),
  page: parseAsInteger.withDefault(1),
};

export const loadBatchListParams = createLoader(batchListParams);
