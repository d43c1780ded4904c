import { createLoader, createSerializer, parseAsInteger, parseAsStringLiteral } from "nuqs/server";
import { parseAsText } from "../search-text";
import { BATCH_STATUSES } from "@/lib/batches/status";

export const BATCH_SORTS = ["newest", "oldest", "label", "needs_review"] as const;

/** The batch list's filters, sort and page, all in the URL (shared by the page and its controls). */
export const batchListParams = {
  status: parseAsStringLiteral(BATCH_STATUSES),
  product: parseAsText,
  q: parseAsText.withDefault(""),
  sort: parseAsStringLiteral(BATCH_SORTS).withDefault("newest"),
  page: parseAsInteger.withDefault(1),
};

export const loadBatchListParams = createLoader(batchListParams);

const serializeBatchList = createSerializer(batchListParams);

type BatchListState = {
  status: (typeof BATCH_STATUSES)[number] | null;
  product: string | null;
  q: string;
  sort: (typeof BATCH_SORTS)[number];
};

/** A page of the batch list with the filters kept; defaults and empty filters stay out of the URL. */
export function batchListHref(state: BatchListState, page: number): string {
  return serializeBatchList("/batches", {
    status: state.status,
    product: state.product || null,
    q: state.q,
    sort: state.sort,
    page,
  });
}
