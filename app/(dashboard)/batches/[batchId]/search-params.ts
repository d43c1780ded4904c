import {
  createLoader,
  parseAsBoolean,
  parseAsInteger,
  parseAsString,
  parseAsStringLiteral,
} from "nuqs/server";
import { DOCUMENT_SORTS } from "@/lib/documents/sort";

export const batchDocumentParams = {
  type: parseAsString,
  review: parseAsBoolean.withDefault(false),
  errors: parseAsStringLiteral(["only", "none"] as const),
  sort: parseAsStringLiteral(DOCUMENT_SORTS).withDefault("confidence"),
  /** Keyset cursors (lib/documents/keyset.ts); `page` is only the number shown beside them. */
  after: parseAsString,
  before: parseAsString,
  page: parseAsInteger.withDefault(1),
};

export const loadBatchDocumentParams = createLoader(batchDocumentParams);
