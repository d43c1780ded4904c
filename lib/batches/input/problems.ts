/** Why an input row cannot be submitted as it is; each message says what to do about it. */
export type RowProblemCode =
  | "missing_url"
  | "not_a_url"
  | "scheme_refused"
  | "http_not_allowed"
  | "url_has_credentials"
  | "url_expired"
  | "url_signature_malformed"
  | "duplicate_url"
  | "duplicate_document_id"
  | "document_id_exists"
  | "document_id_too_long"
  | "document_id_control_chars"
  | "too_many_columns"
  | "columns_swapped"
  | "csv_malformed"
  | "over_limit"
  | "s3_not_configured"
  | "s3_not_a_location"
  | "s3_error"
  | "s3_pending"
  | "s3_empty_prefix"
  | "prefix_with_document_id";

export type RowProblem = { code: RowProblemCode; message: string };

export type FileLevelErrorCode = "empty_input" | "too_many_rows" | "header_without_url_column";

export type FileLevelError = { code: FileLevelErrorCode; message: string };

export const problem = (code: RowProblemCode, message: string): RowProblem => ({ code, message });
