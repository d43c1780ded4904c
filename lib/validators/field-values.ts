import { asciiDigits } from "@/lib/text/digits";

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

const CURRENCY_PREFIX = /^(?:₹|rs\.?|re\.?|inr|rupees?)\s*/iu;
const CURRENCY_SUFFIX = /\s*(?:\/-|\/=|-\/|only|inr|rupees?)\.?$/iu;
const SCALE: Record<string, 5 | 7> = { lakh: 5, lakhs: 5, lac: 5, lacs: 5, crore: 7, crores: 7 };
const GROUP = "[\\s\\p{Zs},'\u2019]";
// 150000 | 1,50,000 (Indian: last three, then pairs) | 150,000 (thousands) | 1 50 000 | 1.5 (scaled)
const INDIAN = new RegExp(`^\\d{1,2}(?:(${GROUP})\\d{2})*\\1\\d{3}$`, "u");
const THOUSANDS = new RegExp(`^\\d{1,3}(?:(${GROUP})\\d{3})*$`, "u");

/** An amount as written, before any arithmetic: sign, digits and the lakh/crore scale. */
export type AmountText = {
  negative: boolean;
  /** The whole rupees' digits, grouping removed ("150000"). */
  whole: string;
  /** The digits after the decimal point as written ("" when none). */
  fraction: string;
  /** Powers of ten the words multiply by: 0, 5 (lakh) or 7 (crore). */
  scale: 0 | 5 | 7;
};

/**
 * Amounts as printed on invoices and statements, read as text so nothing is rounded:
 * "45,000.00", "₹1,50,000.00", "Rs. 1,50,000/-", "INR 1,45,000", "1 45 000" (any space),
 * "Rs 45000 only", digits of any Indian script, lakh/crore words ("1.5 lakh", "2 crore"), and
 * the amount in words after it in parentheses ("(Rupees One Lakh Fifty Thousand Only)").
 * Both Indian (1,50,000) and international (150,000) grouping are read; a grouping that is
 * neither ("1,5000") is not an amount. The abbreviation "Cr" is NOT read as crore: bank
 * statements use it for "credit". Null when the text is not a plain amount.
 */
export function readAmountText(value: string): AmountText | null {
  // The amount in words after it, as invoices print it: "Rs. 1,50,000/- (Rupees One Lakh Fifty
  // Thousand Only)". Only words: a parenthesis holding digits is not read away.
  let text = asciiDigits(value)
    .trim()
    .replace(/\s+/gu, " ")
    .replace(/\s*\((?=[^()]*\p{L})[^()\d]*\)$/u, "");
  let sign = 1;
  // Accounting negatives: "(5,000.00)" on a statement or as an invoice's discount line.
  const bracketed = /^\((.*\d.*)\)$/u.exec(text);
  if (bracketed && !/[()]/.test(bracketed[1]!)) {
    if (/^\s*[-\u2212]/u.test(bracketed[1]!)) return null;
    sign = -1;
    text = bracketed[1]!.trim();
  }
  if (/^[-\u2212]/u.test(text)) {
    sign = -1;
    text = text.slice(1).trim();
  }
  text = text.replace(CURRENCY_PREFIX, "").trim();
  // Suffixes stack on invoices: "1,50,000/- Only", "45,000 INR only.".
  for (let before = ""; before !== text;) {
    before = text;
    text = text.replace(CURRENCY_SUFFIX, "").trim();
  }
  if (/^[-\u2212]/u.test(text) && sign === 1) {
    sign = -1;
    text = text.slice(1).trim();
  }
  let scale: AmountText["scale"] = 0;
  const scaled = /^(.*\d)\s*([a-z]+)\.?$/iu.exec(text);
  if (scaled) {
    const power = SCALE[scaled[2]!.toLowerCase()];
    if (power === undefined) return null;
    scale = power;
    text = scaled[1]!;
  }
  const match = /^([^.]+)(?:\.(\d+))?$/u.exec(text);
  if (!match) return null;
  const whole = match[1]!;
  if (!/^\d+$/.test(whole) && !INDIAN.test(whole) && !THOUSANDS.test(whole)) return null;
  return { negative: sign < 0, whole: whole.replace(/\D/g, ""), fraction: match[2] ?? "", scale };
}

/**
 * An amount (readAmountText) as exact plain decimal text with at least two decimals, worked on
 * the digits so nothing is rounded: "1.5 lakh" → "150000.00", "12.345" → "12.345"; no sign on 0.
 */
export function plainAmount(amount: AmountText): string {
  const digits = amount.whole + amount.fraction.padEnd(amount.scale, "0");
  const point = amount.whole.length + amount.scale;
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, "") || "0";
  const fraction = digits.slice(point).replace(/0+$/, "").padEnd(2, "0");
  const zero = /^0*$/.test(whole + fraction);
  return `${amount.negative && !zero ? "-" : ""}${whole}.${fraction}`;
}

/**
 * An amount (readAmountText) in paise, so sums are exact; a fraction of a paisa is rounded away,
 * which is fine for the cross-checks that use it (they allow a rupee either way), not for a value.
 */
export function parseAmountPaise(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? Math.round(value * 100) : null;
  if (typeof value !== "string") return null;
  const amount = readAmountText(value);
  if (!amount) return null;
  const number = Number(`${amount.whole}.${amount.fraction || "0"}`) * 10 ** amount.scale;
  if (!Number.isFinite(number)) return null;
  return (amount.negative ? -1 : 1) * Math.round(number * 100);
}
