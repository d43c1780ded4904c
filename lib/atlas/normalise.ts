import type { z } from "zod";
import { AtlasError } from "./errors";
import type { ExtractEntry, uploadResponseSchema } from "./schemas";
import type { ExtractedDocument, UploadFile, UploadResult } from "./types";

const orUndefined = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

/**
 * The upload answer, row by row: each of our rows keeps the `batch_id` of ITS answer entry
 * (found by document_id, else by position when Atlas answered one entry per file), so an answer
 * that spreads the files over two Atlas batches loses neither. Rows the answer does not mention
 * get the first batch_id (a bare `{batch_id}` object, IDP style, names none).
 */
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
  const byId = new Map(entries.filter((e) => e.document_id !== undefined).map((e) => [e.document_id!, e]));
  const byPosition = entries.length === files.length && byId.size === 0;
  return {
    batchId,
    items: files.map((f, i) => {
      const entry = byId.get(f.documentId) ?? (byPosition ? entries[i] : undefined);
      return { documentId: f.documentId, fileUuid: entry?.file_uuid, batchId: entry?.batch_id ?? batchId };
    }),
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
