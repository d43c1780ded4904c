/** Reading Atlas field objects tolerantly. Pure: no server imports, no secrets. */
import { fieldSchema, formattedAddressSchema } from "./schemas";

export interface ReadField {
  value: unknown;
  confidenceScore?: number;
  /** Keys besides value/confidence_score, e.g. redact_url. */
  extra: Record<string, unknown>;
}

/**
 * `{value, confidence_score, ...}` as documented; a bare object without `value` (as
 * formatted_address may be) or a bare primitive is taken as the value itself.
 */
export function readField(raw: unknown): ReadField {
  if (raw !== null && typeof raw === "object" && !Array.isArray(raw) && "value" in raw) {
    const parsed = fieldSchema.safeParse(raw);
    if (parsed.success) {
      const { value, confidence_score, ...extra } = parsed.data;
      return { value: value ?? null, confidenceScore: confidence_score ?? undefined, extra };
    }
  }
  if (raw !== null && typeof raw === "object" && !Array.isArray(raw)) {
    const { confidence_score, ...rest } = raw as Record<string, unknown>;
    return {
      value: rest,
      confidenceScore: typeof confidence_score === "number" ? confidence_score : undefined,
      extra: {},
    };
  }
  return { value: raw ?? null, extra: {} };
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
