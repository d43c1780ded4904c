import type { z } from "zod";
import { AtlasError } from "./errors";
import {
  flowExtractsResponseSchema,
  type ExtractEntry,
  type bulkExtractsResponseSchema,
  type crossCheckSchema,
  type flowStatusResponseSchema,
  type uploadResponseSchema,
} from "./schemas";
import type {
  CrossCheck,
  ExtractedDocument,
  ExtractsPage,
  FlowExtracts,
  FlowStatus,
  UploadFile,
  UploadResult,
} from "./types";

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

export function normaliseStatus(answer: z.infer<typeof flowStatusResponseSchema>): FlowStatus {
  return {
    uploadStatus: answer.upload_status ?? "NOT_STARTED",
    processingStatus: answer.processing_status ?? "NOT_STARTED",
    crosscheckStatus: answer.crossheck_status ?? answer.crosscheck_status ?? "NOT_STARTED",
    masterStatus: answer.master_status,
    isTerminal: answer.master_status === "SUCCESS" || answer.master_status === "FAILED",
  };
}

function normaliseCrossCheck(item: z.infer<typeof crossCheckSchema>): CrossCheck {
  return {
    fieldName: orUndefined(item.field_name),
    sourceDocumentType: orUndefined(item.source_document_type),
    sourceDocumentId: orUndefined(item.source_document_id),
    sourceValue: item.source_value,
    targetDocumentType: orUndefined(item.target_document_type),
    targetDocumentId: orUndefined(item.target_document_id),
    targetValue: item.target_value,
    similarityScore: item.similarity_score ?? null,
    raw: item,
  };
}

const KNOWN_FLOW_KEYS = new Set([
  "ocr_data",
  "cross_checks",
  "flow_uuid",
  "application_id",
  "product_type",
  "master_status",
  "flow_params",
]);

export function normaliseFlowExtracts(answer: z.infer<typeof flowExtractsResponseSchema>): FlowExtracts {
  const extra = Object.fromEntries(Object.entries(answer).filter(([key]) => !KNOWN_FLOW_KEYS.has(key)));
  return {
    flowUuid: orUndefined(answer.flow_uuid),
    applicationId: orUndefined(answer.application_id),
    productType: orUndefined(answer.product_type),
    masterStatus: orUndefined(answer.master_status),
    flowParams: orUndefined(answer.flow_params),
    ocrData: answer.ocr_data.map(normaliseDocument),
    crossChecks: answer.cross_checks.map(normaliseCrossCheck),
    extra,
    raw: answer,
  };
}

/**
 * Parses a callback body Atlas POSTed to our callback_url (same CallbackData as v3 extracts).
 * Throws a protocol AtlasError when it is not understandable.
 */
export function parseFlowCallback(body: unknown): FlowExtracts {
  const parsed = flowExtractsResponseSchema.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`);
    throw new AtlasError({
      kind: "protocol",
      endpoint: "POST callback_url",
      problems,
      userMessage: `The Atlas callback could not be understood (${problems[0] ?? "unknown problem"}).`,
    });
  }
  return normaliseFlowExtracts(parsed.data);
}
