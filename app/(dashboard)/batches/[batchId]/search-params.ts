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
  page: parseAsInteger.withDefault(1),
};

export const loadBatchDocumentParams = createLoader(batchDocumentParams);
