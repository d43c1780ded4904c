/**
 * The Flow API v3 answers, read tolerantly (atlas-api.md 2.8, 2.9, 4, 5): status words in any
 * case, CallbackData with or without `ocr_data` (a status-only callback), `ocr_data` entries read
 * one by one (an unreadable one is kept raw and never blocks the others), and cross-check items
 * whose keys are not the simulator's (known aliases are mapped, everything is kept raw). The
 * similarity scale (0–1 or 0–100) is detected per answer and scores are returned on 0–100.
 * Pure: no server imports.
 */
import { z } from "zod";
import { AtlasError } from "./errors";
import { withResponseScale } from "./confidence";
import { betterResult, readEntry } from "./entries";
import { FIELD_KEYS, isRecord, normaliseCrossChecks, SCORE_KEYS } from "./flow-cross-checks";
import { parseAtlasJson } from "./json";
import { isTerminalStatus, statusMeaning } from "./status-words";
import type { ExtractedDocument, FlowExtracts, FlowStatus, UnreadableEntry } from "./types";

// ---- status (2.8)

const statusText = z
  .union([z.string(), z.number()])
  .transform(String)
  .nullish()
  .transform((v) => (v === null || v === undefined || v.trim() === "" ? undefined : v));

/** A status word as text or a number; a field-like object gives its `value`; anything else is "not sent". */
const statusWord = z
  .preprocess((v) => (isRecord(v) && "value" in v ? v.value : v), statusText)
  .catch(undefined);

const STATUS_KEYS = [
  "master_status",
  "upload_status",
  "processing_status",
  "crossheck_status",
  "crosscheck_status",
  "cross_check_status",
  "overall_status",
  "flow_status",
];
/** The status answer itself, when Atlas wrapped it (`{"data": {…}}`, `{"status": {…}}`). */
function statusEnvelope(answer: unknown): unknown {
  if (!isRecord(answer) || STATUS_KEYS.some((k) => k in answer && !isRecord(answer[k]))) return answer;
  for (const key of ["data", "result", "status", "flow"]) {
    const inner = answer[key];
    if (isRecord(inner) && (STATUS_KEYS.some((k) => k in inner) || "status" in inner)) return inner;
  }
  return answer;
}

export const flowStatusAnswerSchema = z.preprocess(
  statusEnvelope,
  z.looseObject({
    upload_status: statusWord,
    processing_status: statusWord,
    /** Atlas's spelling. */
    crossheck_status: statusWord,
    crosscheck_status: statusWord,
    cross_check_status: statusWord,
    master_status: statusWord,
    overall_status: statusWord,
    flow_status: statusWord,
    status: statusWord,
  }),
);

/** Shown (and stored) when Atlas's status answer names no overall status at all. */
export const NO_MASTER_STATUS = "(no master_status in Atlas's answer)";

/**
 * Values are kept verbatim; whether the flow is finished is read from the status-word table. An
 * answer without any overall status is "unknown" (polled a bounded number of times, visibly),
 * never taken as NOT_STARTED, which would be polled for ever.
 */
export function normaliseStatus(answer: {
  upload_status?: string;
  processing_status?: string;
  crossheck_status?: string;
  crosscheck_status?: string;
  cross_check_status?: string;
  master_status?: string;
  overall_status?: string;
  flow_status?: string;
  status?: string;
}): FlowStatus {
  const master = answer.master_status ?? answer.overall_status ?? answer.flow_status ?? answer.status;
  return {
    uploadStatus: answer.upload_status ?? "NOT_STARTED",
    processingStatus: answer.processing_status ?? "NOT_STARTED",
    crosscheckStatus:
      answer.crossheck_status ?? answer.crosscheck_status ?? answer.cross_check_status ?? "NOT_STARTED",
    masterStatus: master ?? NO_MASTER_STATUS,
    isTerminal: isTerminalStatus(master),
    masterMeaning: master === undefined ? "unknown" : statusMeaning(master),
  };
}

// ---- CallbackData (2.9, 4.2)

const KNOWN_FLOW_KEYS = new Set([
  "ocr_data",
  "cross_checks",
  "flow_uuid",
  "flow_id",
  "application_id",
  "product_type",
  "master_status",
  "status",
  "flow_params",
]);

const optionalId = z
  .union([z.string(), z.number()])
  .transform(String)
  .nullish()
  .transform((v) => v ?? undefined);

/**
 * A list Atlas may also send as one entry (an object with a document_id or a field name), as a
 * map keyed by document_id, or as a JSON string; anything else is left for the schema to refuse.
 */
const listOf = (keyName: "document_id" | "field_name", single: (v: Record<string, unknown>) => boolean) =>
  function toList(v: unknown): unknown {
    if (typeof v === "string" && /^\s*[[{]/.test(v)) {
      try {
        v = parseAtlasJson(v);
      } catch {
        return v;
      }
    }
    if (!isRecord(v)) return v;
    if (single(v)) return [v];
    const entries = Object.entries(v);
    if (entries.length === 0) return [];
    if (!entries.every(([, entry]) => isRecord(entry))) return v;
    return entries.map(([key, entry]) => {
      const item = entry as Record<string, unknown>;
      return item[keyName] === undefined ? { [keyName]: key, ...item } : item;
    });
  };

/** Extra members that are not what the docs say are ignored, never a reason to refuse the answer. */
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const flowEnvelopeSchema = z.looseObject({
  ocr_data: z.preprocess(
    listOf("document_id", (v) => "document_id" in v || "file_data" in v),
    z.array(z.unknown()).nullish(),
  ),
  cross_checks: z.preprocess(
    listOf("field_name", (v) => SCORE_KEYS.some((k) => k in v) || FIELD_KEYS.some((k) => k in v)),
    z.array(z.unknown()).nullish(),
  ),
  flow_uuid: lenient(optionalId),
  flow_id: lenient(optionalId),
  application_id: lenient(optionalId),
  product_type: lenient(z.string().nullish()),
  master_status: lenient(statusText),
  status: lenient(statusText),
  flow_params: lenient(z.record(z.string(), z.unknown()).nullish()),
});

function protocolError(endpoint: string, problems: string[], what: string): AtlasError {
  return new AtlasError({
    kind: "protocol",
    endpoint,
    problems,
    userMessage: `${what} could not be understood (${problems[0] ?? "unknown problem"}).`,
  });
}

/**
 * CallbackData from GET /v3/verification/extracts or a callback POST. Throws a protocol
 * AtlasError only when the envelope itself is unusable (not an object, or `ocr_data` /
 * `cross_checks` present but not lists); one bad entry never fails the whole answer.
 */
export function normaliseFlowExtracts(
  body: unknown,
  endpoint = "GET /v3/verification/extracts",
): FlowExtracts {
  const what = endpoint.startsWith("POST callback") ? "The Atlas callback" : "Atlas's flow results";
  if (!isRecord(body)) throw protocolError(endpoint, ["(body): expected a JSON object"], what);
  // CallbackData wrapped in an envelope (`{"data": {ocr_data, …}}`, `{"result": …}`): read the inside.
  for (const key of ["data", "result", "payload"]) {
    const inner = body[key];
    const bare = body.ocr_data === undefined && body.cross_checks === undefined;
    if (bare && isRecord(inner) && ("ocr_data" in inner || "cross_checks" in inner)) {
      const { [key]: _wrapper, ...outside } = body;
      return { ...normaliseFlowExtracts({ ...outside, ...inner }, endpoint), raw: body };
    }
  }
  const parsed = flowEnvelopeSchema.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`);
    throw protocolError(endpoint, problems, what);
  }
  const e = parsed.data;
  const unreadable: UnreadableEntry[] = [];
  // Entry by entry, as on the Bulk API: an entry still processing (or with no type and no
  // error code) is no result, and an empty duplicate never replaces a content-bearing one.
  const results = new Map<string, ExtractedDocument>();
  (e.ocr_data ?? []).forEach((raw, index) => {
    const reading = readEntry(raw);
    if (reading.kind === "unreadable") unreadable.push({ index, reason: reading.reason, raw });
    else if (reading.kind === "result") {
      const kept = results.get(reading.doc.documentId);
      results.set(reading.doc.documentId, kept ? betterResult(kept, reading.doc) : reading.doc);
    }
  });
  const ocrData = [...results.values()];
  const { checks, scale } = normaliseCrossChecks(e.cross_checks ?? []);
  const extra = Object.fromEntries(Object.entries(body).filter(([key]) => !KNOWN_FLOW_KEYS.has(key)));
  return {
    flowUuid: e.flow_uuid ?? e.flow_id,
    applicationId: e.application_id,
    productType: e.product_type ?? undefined,
    masterStatus: e.master_status ?? e.status,
    flowParams: e.flow_params ?? undefined,
    ocrData: withResponseScale(ocrData),
    crossChecks: checks,
    statusOnly: e.ocr_data === undefined && e.cross_checks === undefined,
    unreadable,
    similarityScale: scale,
    extra,
    raw: body,
  };
}

/** A callback body Atlas POSTed to our callback_url (same CallbackData as v3 extracts). */
export const parseFlowCallback = (body: unknown): FlowExtracts =>
  normaliseFlowExtracts(body, "POST callback_url");
