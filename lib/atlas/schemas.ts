/**
 * zod schemas for every Atlas request and response the dashboard uses (Bulk API and Flow API v3),
 * following ../shared/atlas-api.md. Pure: no server imports, so the simulator and tests share them.
 *
 * Tolerance rules (atlas-api.md lists the alternatives): objects are loose, so unknown keys and
 * unknown document types survive; ids may arrive as numbers; the upload answer may be an array
 * or a bare object; `error_code` may sit on the entry or inside `file_data`.
 */
import { z } from "zod";

/** Ids are opaque strings; a number is accepted and turned into a string. */
const id = z.union([z.string(), z.number()]).transform(String);
const optionalText = z.string().nullish();
/** Scores sometimes arrive as strings in JSON produced by Python services. */
const score = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);

// ---- errors (2.19): {error, reason} or {error_code, error_message}; read whichever exists.
export const errorBodySchema = z.looseObject({
  error: z.unknown().optional(),
  reason: z.unknown().optional(),
  error_code: z.unknown().optional(),
  error_message: z.unknown().optional(),
  message: z.unknown().optional(),
  detail: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

// ---- token endpoints (2.1)
export const tokenResponseSchema = z
  .looseObject({
    access_token: z.string().min(1).optional(),
    /** Fallback key seen in partner auth endpoints. */
    token: z.string().min(1).optional(),
    expires_in: z.coerce.number().positive().optional(),
    refresh_token: z.string().optional(),
  })
  .refine((t) => t.access_token !== undefined || t.token !== undefined, {
    message: "expected access_token (or token)",
    path: ["access_token"],
  });
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

// ---- uploads (2.3, 2.7)
export const fileUrlSchema = z.object({ file_url: z.string().min(1), document_id: z.string().min(1) });
export const bulkUploadRequestSchema = z.object({
  product_type: z.string().min(1),
  file_urls: z.array(fileUrlSchema).min(1),
});
export const flowUploadRequestSchema = z.object({
  flow_uuid: z.string().min(1),
  file_urls: z.array(fileUrlSchema).min(1),
});

export const uploadedFileSchema = z.looseObject({
  batch_id: z.string().min(1),
  document_id: id.optional(),
  file_uuid: z.string().min(1).optional(),
  file_url: z.string().optional(),
});
/** Array of one entry per file (Bulk, v3) or a bare object with `batch_id` (IDP). */
export const uploadResponseSchema = z.union([z.array(uploadedFileSchema).min(1), uploadedFileSchema]);

// ---- extracted documents (3.1–3.4)
export const fieldValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.unknown()),
  z.record(z.string(), z.unknown()),
]);
/** `{value, confidence_score, ...extra}`; extra keys such as `redact_url` are kept. */
export const fieldSchema = z.looseObject({
  value: fieldValueSchema.optional(),
  confidence_score: score.nullish(),
});
export type AtlasField = z.infer<typeof fieldSchema>;

/** `formatted_address`: bare object or inside `value` (3.2). */
export const formattedAddressSchema = z.looseObject({
  address_line_1: optionalText,
  address_line_2: optionalText,
  city: optionalText,
  state: optionalText,
  postcode: z.union([z.string(), z.number()]).nullish(),
});

/** Every key other than these three is a field; its shape is checked when read, never here. */
export const fileDataSchema = z.looseObject({
  document_type: optionalText,
  error_code: optionalText,
  error_message: optionalText,
});

export const extractEntrySchema = z.looseObject({
  document_id: id,
  file_uuid: optionalText,
  batch_id: optionalText,
  document_type: optionalText,
  error_code: optionalText,
  error_message: optionalText,
  file_data: fileDataSchema.nullish(),
});
export type ExtractEntry = z.infer<typeof extractEntrySchema>;

// ---- Bulk extracts (2.4)
/** An envelope number: a number or numeric string; anything else (null, NaN, "") is "not sent". */
const envelopeCount = z
  .preprocess(
    (v) =>
      v === null || v === "" || (typeof v !== "number" && typeof v !== "string") ? undefined : Number(v),
    z.number().int().nonnegative().optional(),
  )
  .catch(undefined);
const envelopeFlag = z
  .preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean().optional())
  .catch(undefined);

/**
 * The page envelope only: each `data[]` entry is read on its own (lib/atlas/entries.ts), so one
 * entry Atlas got wrong never makes the page unreadable. Counts and flags that are unusable are
 * taken as not sent.
 */
export const bulkExtractsResponseSchema = z.looseObject({
  data: z
    .array(z.unknown())
    .nullable()
    .transform((v) => v ?? []),
  page: envelopeCount,
  /** Records on this page (Bulk docs) or the page size; the client does not rely on either. */
  per_page: envelopeCount,
  total_pages: envelopeCount,
  total_items: envelopeCount,
  has_next: envelopeFlag,
  has_prev: envelopeFlag,
});

// ---- Flow v3 (2.6–2.9, 4, 5)
export const flowInitRequestSchema = z.object({
  product_type: z.string().min(1),
  application_id: z.string().min(1),
  auth_url: z.url(),
  callback_url: z.url(),
  flow_params: z.record(z.string(), z.unknown()).default({}),
});

export const flowInitResponseSchema = z
  .looseObject({ flow_uuid: z.string().min(1).optional(), flow_id: z.string().min(1).optional() })
  .refine((r) => r.flow_uuid !== undefined || r.flow_id !== undefined, {
    message: "expected flow_uuid",
    path: ["flow_uuid"],
  });

/** Known values are listed in 4.1; unknown ones are kept as strings rather than rejected. */
const status = z.string().min(1);
export const flowStatusResponseSchema = z.looseObject({
  upload_status: status.optional(),
  processing_status: status.optional(),
  /** Atlas's spelling. */
  crossheck_status: status.optional(),
  crosscheck_status: status.optional(),
  master_status: status,
});

export const crossCheckSchema = z.looseObject({
  field_name: optionalText,
  source_document_type: optionalText,
  source_document_id: id.nullish(),
  source_value: z.unknown().optional(),
  target_document_type: optionalText,
  target_document_id: id.nullish(),
  target_value: z.unknown().optional(),
  similarity_score: score.nullish(),
});

/** CallbackData: the body of GET /v3/verification/extracts and of the callback POST. */
export const flowExtractsResponseSchema = z.looseObject({
  ocr_data: z
    .array(extractEntrySchema)
    .nullable()
    .transform((v) => v ?? []),
  cross_checks: z
    .array(crossCheckSchema)
    .nullish()
    .transform((v) => v ?? []),
  flow_uuid: optionalText,
  application_id: id.nullish(),
  product_type: optionalText,
  master_status: optionalText,
  flow_params: z.record(z.string(), z.unknown()).nullish(),
});
export const flowCallbackSchema = flowExtractsResponseSchema;

/** What Atlas POSTs to our auth_url before callbacks (4.3 [SIM] contract), and what we answer. */
export const authUrlRequestSchema = z.looseObject({
  application_id: id.optional(),
  flow_uuid: z.string().optional(),
});
export const authUrlResponseSchema = tokenResponseSchema;
