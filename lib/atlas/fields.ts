/** Reading Atlas field objects tolerantly. Pure: no server imports, no secrets. */
import { readConfidence, type ConfidenceScale } from "./confidence";
import { formattedAddressSchema } from "./schemas";

export interface ReadField {
  value: unknown;
  /** In [0, 1] (see confidence.ts); undefined when Atlas gave none. */
  confidenceScore?: number;
  /** Why the score needs a person's look (missing, unreadable, out of range), if it does. */
  confidenceProblem?: string;
  /** Keys besides value/confidence_score, e.g. redact_url. */
  extra: Record<string, unknown>;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * `{value, confidence_score, ...}` as documented; a bare object without `value` (as
 * formatted_address may be) or a bare primitive is taken as the value itself. The score is read
 * by `readConfidence` on the response's scale; whatever it looks like, the value stays the value.
 */
export function readField(raw: unknown, scale: ConfidenceScale = "unit"): ReadField {
  if (isPlainObject(raw) && "value" in raw) {
    // `confidence` is read when `confidence_score` is absent (a spelling some services use).
    const { value, confidence_score, ...extra } = raw;
    const alias = confidence_score === undefined && "confidence" in extra;
    if (alias) delete extra.confidence;
    const c = readConfidence(alias ? raw.confidence : confidence_score, scale);
    return { value: value ?? null, confidenceScore: c.score, confidenceProblem: c.problem, extra };
  }
  if (isPlainObject(raw)) {
    const { confidence_score, ...rest } = raw;
    const c = readConfidence(confidence_score, scale);
    return { value: rest, confidenceScore: c.score, confidenceProblem: c.problem, extra: {} };
  }
  const c = readConfidence(undefined, scale);
  return { value: raw ?? null, confidenceProblem: c.problem, extra: {} };
}

export interface FormattedAddress {
  addressLine1?: string;
  addressLine2?: string;
  city?: string;
  state?: string;
  postcode?: string;
}

/** formatted_address, whether bare or inside `value`; undefined when it is not an address object. */
export function readFormattedAddress(raw: unknown): FormattedAddress | undefined {
  const parsed = formattedAddressSchema.safeParse(readField(raw).value);
  if (!parsed.success) return undefined;
  const a = parsed.data;
  return {
    addressLine1: a.address_line_1 ?? undefined,
    addressLine2: a.address_line_2 ?? undefined,
    city: a.city ?? undefined,
    state: a.state ?? undefined,
    postcode: a.postcode === null || a.postcode === undefined ? undefined : String(a.postcode),
  };
}
