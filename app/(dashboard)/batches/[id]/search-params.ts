import {
  createLoader,
  createSerializer,
  parseAsBoolean,
  parseAsInteger,
  parseAsString,
  parseAsStringLiteral,
} from "nuqs/server";
import { parseAsText } from "../../search-text";
import { DOCUMENT_SORTS } from "@/lib/documents/sort";

export const batchDocumentParams = {
  type: parseAsText,
  review: parseAsBoolean.withDefault(false),
  errors: parseAsStringLiteral(["only", "none"] as const),
  sort: parseAsStringLiteral(DOCUMENT_SORTS).withDefault("confidence"),
  /** Keyset cursors (lib/documents/keyset.ts); `page` is only the number shown beside them. */
  after: parseAsString,
  before: parseAsString,
  page: parseAsInteger.withDefault(1),
};

export const loadBatchDocumentParams = createLoader(batchDocumentParams);

const serializeBatchDocuments = createSerializer(batchDocumentParams);

type BatchDocumentState = {
  type: string | null;
  review: boolean;
  errors: "only" | "none" | null;
  sort: (typeof DOCUMENT_SORTS)[number];
};

/** Where a page link points: a page number, or a keyset cursor with the number shown beside it. */
export type PageAt = number | { after?: string; before?: string; page?: number };

/** A page of a batch's documents with the filters kept; defaults stay out of the URL. */
export function batchDocumentsHref(batchId: string, state: BatchDocumentState, at: PageAt): string {
  const cursor = typeof at === "number" ? { page: at } : at;
  return serializeBatchDocuments(`/batches/${batchId}`, {
    type: state.type || null,
    review: state.review,
    errors: state.errors,
    sort: state.sort,
    after: cursor.after ?? null,
    before: cursor.before ?? null,
    page: cursor.page ?? 1,
  });
}
