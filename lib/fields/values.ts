/**
 * Reading and checking values by their kind (registry.ts): dates as DD/MM/YYYY real
 * calendar days, amounts stored as Atlas sends them (plain decimal text, "150000.00"; shown by
 * lib/format's formatAmountText), enums from their options, PIN codes as 6 digits. Pure;
 * the editors check as the reviewer types and the server checks the same way before saving.
 */
import { asciiDigits } from "@/lib/text/digits";
import { parseIndianDate } from "@/lib/validators/dates";
import { plainAmount, readAmountText } from "@/lib/validators/field-values";
import type { FieldSpec, PartSpec, ScalarKind } from "./registry";

export type Checked = { ok: true; value: string } | { ok: false; message: string };

const NOT_APPLICABLE = /^(n\.?\s?a\.?|n\/a)$/i;

/**
 * What a reviewer typed as an amount ("1,50,000", "₹ 45,000.5", "Rs. 1.5 lakh") as the plain
 * decimal Atlas sends, with two decimals ("150000.00"). Worked on the digits as text, so any
 * size is exact. Atlas writes amounts in rupees and paise ("45000.00"), so a value with a
 * fraction of a paisa ("12.345") is refused with the exact value in the message, never rounded;
 * trailing zeros ("12.340") are the same amount and are dropped.
 */
export function readAmountInput(text: string): Checked {
  const amount = readAmountText(text);
  if (!amount) return { ok: false, message: "Type an amount, e.g. 1,50,000.00" };
  const plain = plainAmount(amount);
  if (plain.length - plain.indexOf(".") - 1 > 2)
    return { ok: false, message: `₹ amounts have at most 2 decimals (paise): ${plain}` };
  return { ok: true, value: plain };
}

/** readAmountInput's plain decimal, or null when the text is not an amount of whole paise. */
export function parseAmountInput(text: string): string | null {
  const read = readAmountInput(text);
  return read.ok ? read.value : null;
}

/** A typed date ("1/7/1986", "०१/०७/१९८६") as DD/MM/YYYY, if it is a real calendar date. */
export function parseDateInput(text: string): Checked {
  const parsed = parseIndianDate(text);
  if (!parsed.ok)
    return {
      ok: false,
      message:
        parsed.failure.check === "date.format"
          ? "Type the date as DD/MM/YYYY"
          : `${text.trim()} is not a real calendar date`,
    };
  const { day, month, year } = parsed.date;
  return { ok: true, value: `${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}/${year}` };
}

type ScalarRule = { kind: ScalarKind; options?: readonly string[]; digits?: number; naAllowed?: boolean };

/**
 * One scalar as typed, normalised (dates padded, amounts plain) or with what is wrong. Blank is
 * allowed only when `blankAllowed` (a table cell, an address part); `original` is always allowed
 * for an enum, so a value Atlas read outside the list can be kept.
 */
export function checkScalar(
  rule: ScalarRule,
  raw: unknown,
  { blankAllowed = false, original }: { blankAllowed?: boolean; original?: unknown } = {},
): Checked {
  if (typeof raw === "number" && Number.isFinite(raw)) raw = String(raw);
  if (typeof raw !== "string") return { ok: false, message: "Type text here" };
  const text = raw.trim();
  if (text === "") return blankAllowed ? { ok: true, value: "" } : { ok: false, message: "Type a value" };
  if (rule.naAllowed && NOT_APPLICABLE.test(text)) return { ok: true, value: "NA" };
  switch (rule.kind) {
    case "date":
      return parseDateInput(text);
    case "amount":
      return readAmountInput(text);
    case "number": {
      const plain = asciiDigits(text).replace(/,/g, "");
      return /^-?\d+(\.\d+)?$/.test(plain)
        ? { ok: true, value: plain }
        : { ok: false, message: "Type a number" };
    }
    case "enum":
      if (rule.options?.includes(text) || text === original) return { ok: true, value: text };
      return { ok: false, message: `Choose one of: ${(rule.options ?? []).join(", ")}` };
    default:
      if (rule.digits !== undefined) {
        const digits = asciiDigits(text).replace(/\s+/g, "");
        if (!new RegExp(`^\\d{${rule.digits}}$`).test(digits))
          return { ok: false, message: `Type ${rule.digits} digits` };
        return { ok: true, value: digits };
      }
      return { ok: true, value: text };
  }
}

export type ValueProblem = { where: string | null; message: string };
export type CheckedValue = { value: unknown; problems: ValueProblem[] };

const isRow = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function checkParts(
  parts: readonly PartSpec[],
  value: Record<string, unknown>,
  original: Record<string, unknown> | undefined,
  where: (part: PartSpec) => string,
  problems: ValueProblem[],
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...value };
  for (const part of parts) {
    if (!(part.key in value)) continue;
    const checked = checkScalar(part, value[part.key], {
      blankAllowed: true,
      original: original?.[part.key],
    });
    if (checked.ok) out[part.key] = checked.value;
    else problems.push({ where: where(part), message: checked.message });
  }
  return out;
}

/**
 * A whole field value checked against its spec and normalised, keeping Atlas's shape: a string
 * for a scalar (a number stays a number), the object for an address, the array of row objects
 * for a table. `original` is the value Atlas sent (an enum may keep it).
 */
export function checkFieldValue(spec: FieldSpec, value: unknown, original?: unknown): CheckedValue {
  const problems: ValueProblem[] = [];
  if (spec.kind === "table") {
    if (!Array.isArray(value) || !value.every(isRow))
      return { value, problems: [{ where: null, message: "A table is a list of rows" }] };
    const columns = spec.columns ?? [];
    const rows = value.map((row, i) =>
      checkParts(columns, row, undefined, (c) => `Row ${i + 1} · ${c.label}`, problems),
    );
    return { value: rows, problems };
  }
  if (isRow(value)) {
    const parts = spec.parts ?? [];
    const checked = checkParts(
      parts,
      value,
      isRow(original) ? original : undefined,
      (p) => p.label,
      problems,
    );
    if (Object.values(checked).every((v) => v === "" || v === null || v === undefined))
      problems.push({ where: null, message: "Fill in at least one part" });
    return { value: checked, problems };
  }
  // An address Atlas sends as one line is edited as text.
  const kind = spec.kind === "address" || spec.kind === "object" ? "text" : spec.kind;
  const checked = checkScalar({ ...spec, kind }, value, { original });
  if (!checked.ok) return { value, problems: [{ where: null, message: checked.message }] };
  return { value: typeof value === "number" ? Number(checked.value) : checked.value, problems };
}
