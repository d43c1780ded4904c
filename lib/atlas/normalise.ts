import type { z } from "zod";
import { AtlasError } from "./errors";
import type { ExtractEntry, bulkExtractsResponseSchema, uploadResponseSchema } from "./schemas";
import type { ExtractedDocument, ExtractsPage, UploadFile, UploadResult } from "./types";

const orUndefined = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

export function normaliseUpload(
  answer: z.infer<typeof uploadResponseSchema>,
  files: UploadFile[],
  endpoint: string,
): UploadResult {
  const entries = Array.isArray(answer) ? answer : [answer];
  const batchId = entries[0]?.batch_id;
  if (!batchId) {
    throw new AtlasError({
      kind: "protocol",
      endpoint,
      problems: ["no batch_id"],
      userMessage: "Atlas accepted the upload but sent no batch_id.",
    });
  }
  // A bare {batch_id} object (IDP style) has no per-file entries: echo what we sent.
  if (!Array.isArray(answer) && answer.document_id === undefined) {
    return { batchId, items: files.map((f) => ({ documentId: f.documentId, batchId })) };
  }
  return {
    batchId,
    items: entries.map((e, i) => ({
      documentId: e.document_id ?? files[i]?.documentId ?? String(i),
      fileUuid: e.file_uuid,
      batchId: e.batch_id,
    })),
  };
}

/** One Bulk `data[]` / v3 `ocr_data[]` item; `error_code` is looked for on the entry and in file_data. */
export function normaliseDocument(entry: ExtractEntry): ExtractedDocument {
  const fileData = entry.file_data ?? {};
  const { document_type, error_code, error_message, ...fields } = fileData;
  const errorCode = orUndefined(error_code) ?? orUndefined(entry.error_code);
  return {
    documentId: entry.document_id,
    fileUuid: orUndefined(entry.file_uuid),
    batchId: orUndefined(entry.batch_id),
    documentType:
      orUndefined(document_type) ??
      orUndefined(entry.document_type) ??
      (errorCode ? "UNRECOGNISED" : "UNKNOWN"),
    errorCode,
    errorMessage: orUndefined(error_message) ?? orUndefined(entry.error_message),
    fields,
    raw: entry,
  };
}

export function normaliseExtractsPage(
  answer: z.infer<typeof bulkExtractsResponseSchema>,
  requestedPage: number,
): ExtractsPage {
  const page = answer.page ?? requestedPage;
  const hasNext = answer.has_next ?? (answer.total_pages !== undefined ? page < answer.total_pages : false);
  return {
    data: answer.data.map(normaliseDocument),
    page,
    perPage: answer.per_page ?? answer.data.length,
    totalPages: answer.total_pages,
    totalItems: answer.total_items,
    hasNext,
    hasPrev: answer.has_prev ?? page > 1,
  };
}
