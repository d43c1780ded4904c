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
export const flowUploadRequestSchema = z.object({
  flow_uuid: z.string().min(1),
  file_urls: z.array(fileUrlSchema).min(1),
});

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);
/** Keys an upload answer may wrap its per-file list (or its one object) in. */
const UPLOAD_WRAPPERS = ["data", "results", "files", "file_urls", "items", "documents", "uploads", "result"];

/**
 * The upload answer as a list of per-file entries, whatever its shape: the documented array, a
 * bare `{batch_id}` object (IDP), a wrapper (`{"data": [...]}`, `{"data": {"batch_id": …}}`), or
 * `{batch_id, files: [...]}` whose files inherit the outer batch_id unless they carry their own.
 */
function uploadEntries(answer: unknown, depth = 0): unknown {
  if (Array.isArray(answer)) return answer.flatMap((a) => (isRecord(a) ? [a] : []));
  if (!isRecord(answer) || depth > 2) return answer;
  for (const key of UPLOAD_WRAPPERS) {
    const inner = answer[key];
    if (!Array.isArray(inner) && !isRecord(inner)) continue;
    const entries = uploadEntries(inner, depth + 1);
    if (!Array.isArray(entries) || entries.length === 0) continue;
    const outer = answer.batch_id;
    return outer === undefined || outer === null
      ? entries
      : [answer, ...entries.map((e: Record<string, unknown>) => ({ batch_id: outer, ...e }))];
  }
  return [answer];
}

const batchText = z.union([z.string(), z.number()]).transform((v) => String(v).trim());
export const uploadedFileSchema = z.looseObject({
  batch_id: batchText.nullish().transform((v) => (v ? v : undefined)),
  document_id: id.nullish().transform((v) => v ?? undefined),
  file_uuid: z
    .string()
    .min(1)
    .nullish()
    .catch(undefined)
    .transform((v) => v ?? undefined),
  file_url: z
    .string()
    .nullish()
    .catch(undefined)
    .transform((v) => v ?? undefined),
});
/**
 * One entry per file (Bulk, v3), a bare object with `batch_id` (IDP), or either inside a wrapper;
 * at least one entry must name a batch_id.
 */
export const uploadResponseSchema = z.preprocess(
  (answer) => uploadEntries(answer),
  z
    .array(uploadedFileSchema)
    .min(1)
    .refine((entries) => entries.some((e) => e.batch_id !== undefined), {
      message: "no batch_id in the answer",
    }),
);

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

/** `formatted_address`: bare object or inside `value` (3.2). */
export const formattedAddressSchema = z.looseObject({
  address_line_1: optionalText,
  address_line_2: optionalText,
  city: optionalText,
  state: optionalText,
  postcode: z.union([z.string(), z.number()]).nullish(),
});

/**
 * A label Atlas may write as text, a number (`"error_code": 422`) or a field object
 * (`"document_type": {"value": "PAN", "confidence_score": 0.98}`); anything else is "not sent"
 * rather than a reason to drop the whole entry.
 */
const label = z
  .unknown()
  .transform((v): string | undefined => {
    const inner =
      v !== null && typeof v === "object" && !Array.isArray(v) ? (v as { value?: unknown }).value : v;
    if (typeof inner === "string") return inner.trim() === "" ? undefined : inner.trim();
    if (typeof inner === "number" && Number.isFinite(inner)) return String(inner);
    return undefined;
  })
  .optional();

/** Every key other than these three is a field; its shape is checked when read, never here. */
export const fileDataSchema = z.looseObject({
  document_type: label,
  error_code: label,
  error_message: label,
});

export const extractEntrySchema = z.looseObject({
  document_id: id,
  file_uuid: label,
  batch_id: label,
  document_type: label,
  error_code: label,
  error_message: label,
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
const FLAG_WORDS: Record<string, boolean> = {
  true: true,
  false: false,
  "1": true,
  "0": false,
  yes: true,
  no: false,
};
const envelopeFlag = z
  .preprocess(
    (v) =>
      typeof v === "string" ? FLAG_WORDS[v.trim().toLowerCase()] : v === 1 ? true : v === 0 ? false : v,
    z.boolean().optional(),
  )
  .catch(undefined);

/**
 * The page envelope only: each `data[]` entry is read on its own (lib/atlas/entries.ts), so one
 * entry Atlas got wrong never makes the page unreadable. Counts and flags that are unusable are
 * taken as not sent.
 */
const ENTRY_LIST_KEYS = ["data", "results", "items", "documents", "extracts", "records"];
/**
 * The page with its entries under `data`, wherever Atlas put them: another list key
 * (`results`, `items`, …) or a wrapper object (`{"data": {"items": [...], "has_next": …}}`), whose
 * paging keys then count too.
 */
function pageEnvelope(answer: unknown): unknown {
  if (!isRecord(answer) || Array.isArray(answer.data)) return answer;
  for (const key of ENTRY_LIST_KEYS) {
    const inner = answer[key];
    if (Array.isArray(inner)) return { ...answer, data: inner };
    if (isRecord(inner)) {
      const list = ENTRY_LIST_KEYS.map((k) => inner[k]).find(Array.isArray);
      if (list) return { ...answer, ...inner, data: list };
    }
  }
  return answer;
}

export const bulkExtractsResponseSchema = z.preprocess(
  pageEnvelope,
  z.looseObject({
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
  }),
);

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
