/** The client's normalised results. Raw Atlas payloads stay available under `raw`. */
import type { ConfidenceScale } from "./confidence";

export interface UploadFile {
  documentId: string;
  fileUrl: string;
}

export interface UploadedItem {
  documentId: string;
  /** Absent when Atlas answered with a bare `{batch_id}` object. */
  fileUuid?: string;
  batchId: string;
}

export interface UploadResult {
  batchId: string;
  items: UploadedItem[];
}

export interface ExtractedDocument {
  documentId: string;
  fileUuid?: string;
  batchId?: string;
  /** Atlas's classification, kept as sent (unknown types included). */
  documentType: string;
  errorCode?: string;
  errorMessage?: string;
  /** Every other `file_data` key, raw (read them with `readField`). */
  fields: Record<string, unknown>;
  /** The confidence scale of the answer this document came in (decided per response). */
  confidenceScale?: ConfidenceScale;
  raw: unknown;
}

/** A `data[]` entry that could not be understood: kept raw, never blocking the others. */
export interface UnreadableEntry {
  /** Position in the page's `data[]`. */
  index: number;
  reason: string;
  raw: unknown;
}

export interface ExtractsPage {
  /** Results only: entries with a document type or an error code, one per document id. */
  data: ExtractedDocument[];
  /** Document ids listed on this page that have no result yet (processing, empty). */
  waiting: string[];
  unreadable: UnreadableEntry[];
  /** Entries actually on this page (results, waiting and unreadable alike). */
  entryCount: number;
  page: number;
  /** Records on this page as Atlas reported them (falls back to data.length). */
  perPage: number;
  totalPages?: number;
  totalItems?: number;
  /** `has_next` as sent, or derived from total_pages; false when Atlas said neither. */
  hasNext: boolean;
  /** Whether `has_next` or `total_pages` was sent at all. */
  endKnown: boolean;
  hasPrev: boolean;
}

export type FlowStatusValue =
  "NOT_STARTED" | "IN_PROGRESS" | "PENDING" | "SUCCESS" | "FAILED" | "COMPLETED" | (string & {});

export interface FlowStatus {
  uploadStatus: FlowStatusValue;
  processingStatus: FlowStatusValue;
  /** From Atlas's `crossheck_status` (or a corrected `crosscheck_status`). */
  crosscheckStatus: FlowStatusValue;
  masterStatus: FlowStatusValue;
  /** master_status means finished or failed (any case; lib/atlas/status-words.ts): stop polling. */
  isTerminal: boolean;
  /** What master_status means; "unknown" for a word the dashboard does not know. */
  masterMeaning: "idle" | "running" | "finished" | "failed" | "unknown";
}

export interface CrossCheck {
  fieldName?: string;
  sourceDocumentType?: string;
  sourceDocumentId?: string;
  sourceValue?: unknown;
  targetDocumentType?: string;
  targetDocumentId?: string;
  targetValue?: unknown;
  /** On the 0–100 scale (a 0–1 answer is converted); null when Atlas gave none. */
  similarityScore: number | null;
  raw: unknown;
}

export interface FlowExtracts {
  flowUuid?: string;
  applicationId?: string;
  productType?: string;
  masterStatus?: string;
  flowParams?: Record<string, unknown>;
  ocrData: ExtractedDocument[];
  crossChecks: CrossCheck[];
  /** Neither `ocr_data` nor `cross_checks` was sent (a status-only callback). */
  statusOnly: boolean;
  /** `ocr_data` entries that could not be read, kept raw; they never block the others. */
  unreadable: UnreadableEntry[];
  /** The similarity scale detected in this answer; scores above are converted to 0–100. */
  similarityScale: "0-1" | "0-100" | "none";
  /** Top-level keys the client does not know, kept as sent. */
  extra: Record<string, unknown>;
  raw: unknown;
}

export interface UnreadableEntry {
  index: number;
  reason: string;
  raw: unknown;
}

export type Reachability = { ok: true } | { ok: false; error: string };
