import type { z } from "zod";
import { withResponseScale } from "./confidence";
import { AtlasError } from "./errors";
import {
  flowExtractsResponseSchema,
  type ExtractEntry,
  type crossCheckSchema,
  type flowStatusResponseSchema,
  type uploadResponseSchema,
} from "./schemas";
import type {
  CrossCheck,
  ExtractedDocument,
  FlowExtracts,
  FlowStatus,
  UploadFile,
  UploadResult,
} from "./types";

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
    ocrData: withResponseScale(answer.ocr_data.map(normaliseDocument)),
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
