import type { Misread } from "./misread";

export const DOCUMENT_TYPES = [
  "AADHAAR",
  "PAN",
  "DRIVING_LICENSE",
  "VOTER_ID",
  "PASSPORT",
  "GST_CERT",
  "UDYAM_CERT",
  "SHOP_ACT_LICENSE",
  "FSSAI",
  "INVOICE",
  "DELIVERY_ORDER",
  "BANK_STATEMENT",
  "UNRECOGNISED",
  "INVALID_DOC",
] as const;

export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export interface DeliberateError {
  field: string;
  reason: string;
}

export interface GeneratedDocument {
  fileUrl: string;
  documentType: DocumentType;
  /** Exactly the `file_data` object the simulator returns. */
  fileData: Record<string, unknown>;
  /** Wrong-but-confident values planted on purpose, so validators have something real to catch. */
  deliberateErrors: DeliberateError[];
  /**
   * What the scan prints when it differs from `fileData`: the true values, where a misread (a
   * digit swapped, a name misspelt, at 0.97 confidence) was planted for a second reader to catch.
   */
  printedData?: Record<string, unknown>;
  misreads?: Misread[];
}
