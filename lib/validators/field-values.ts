/**
 * Reading Atlas field objects. A field is `{ value, confidence_score }`, but nested parts such as
 * `formatted_address` may come with or without that wrapper (see atlas-api.md 3.2), so every
 * level is unwrapped the same way.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function unwrapField(field: unknown): unknown {
  return isPlainObject(field) && "value" in field ? field.value : field;
}

/** A scalar field value as text, or null when absent, blank or not a scalar. */
export function scalarText(value: unknown): string | null {
  if (typeof value === "string") return value.trim() === "" ? null : value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

/** The text of a top-level field, unwrapping `{ value }`. */
export function fieldText(fields: Record<string, unknown>, key: string): string | null {
  return scalarText(unwrapField(fields[key]));
}

/** The first of several alternative keys that holds text, with its key. */
export function firstFieldText(
  fields: Record<string, unknown>,
  keys: readonly string[],
): { key: string; text: string } | null {
  for (const key of keys) {
    const text = fieldText(fields, key);
    if (text !== null) return { key, text };
  }
  return null;
}

/**
 * Amounts as printed on invoices and statements: "45,000.00", "₹45,000", "Rs. 1,45,000", "INR 500".
 * Returned in paise so sums are exact; null when the text is not a plain amount.
 */
export function parseAmountPaise(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? Math.round(value * 100) : null;
  if (typeof value !== "string") return null;
  const cleaned = value.replace(/₹|\bINR\b|\bRs\.?/gi, "").replace(/[\s,]/g, "");
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  return Math.round(Number(cleaned) * 100);
}
