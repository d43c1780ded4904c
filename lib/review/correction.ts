/**
 * Turning what a reviewer typed into the value stored as the correction, and checking it with
 * the same validators the extraction went through. Pure: the edit box checks as you type, and
 * the server action checks again before saving.
 */
import { fieldSpec } from "@/lib/fields/registry";
import { checkFieldValue } from "@/lib/fields/values";
import { validateDocument } from "@/lib/validators";

export type ParsedCorrection = { ok: true; value: unknown } | { ok: false; message: string };

export const MAX_CORRECTION_LENGTH = 20_000;

/** "-012.50" → "-12.5": a plain decimal with its redundant zeros dropped; null for other text. */
function canonicalDecimal(text: string): string | null {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const whole = match[2]!.replace(/^0+(?=\d)/, "");
  const fraction = (match[3] ?? "").replace(/0+$/, "");
  const sign = /^0$/.test(whole) && fraction === "" ? "" : match[1];
  return `${sign}${whole}${fraction ? `.${fraction}` : ""}`;
}

const sameDecimal = (a: string, b: string) => {
  const canonical = canonicalDecimal(a);
  return canonical !== null && canonical === canonicalDecimal(b);
};

export function parseCorrection(original: unknown, text: string): ParsedCorrection {
  if (text.length > MAX_CORRECTION_LENGTH) return { ok: false, message: "That value is too long." };
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, message: "Type a value, or mark the field unreadable (u)." };
  if (typeof original === "object" && original !== null) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      return { ok: false, message: "This field holds structured data: type valid JSON." };
    }
    if (Array.isArray(original) !== Array.isArray(parsed) || typeof parsed !== "object" || parsed === null)
      return {
        ok: false,
        message: Array.isArray(original) ? "Type a JSON list ([…])." : "Type a JSON object ({…}).",
      };
    return { ok: true, value: parsed };
  }
  if (typeof original === "number") {
    const plain = trimmed.replace(/,/g, "");
    const n = Number(plain);
    // A number only when it holds exactly what was typed; otherwise the text is kept (and checked
    // as typed), so a long or over-precise value is never rounded on the way.
    if (Number.isFinite(n) && sameDecimal(String(n), plain)) return { ok: true, value: n };
  }
  return { ok: true, value: trimmed };
}

/** Blocking validator messages for a corrected value (empty when it passes or has no validator). */
export function correctionProblems(
  documentType: string | null,
  path: string,
  value: unknown,
  today: Date,
): string[] {
  const results = validateDocument(documentType ?? "UNKNOWN", { [path]: value }, { today });
  return Object.values(results)
    .flat()
    .flatMap((r) => (!r.ok && r.severity === "error" ? [r.message] : []));
}

export type CheckedCorrection = { ok: true; value: unknown } | { ok: false; problems: string[] };

// Control characters (NUL, escape, C1…; tab and line breaks aside): never typed on purpose, they
// come with pasted text, are invisible once saved, and PostgreSQL refuses NUL outright.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

function holdsControl(value: unknown): boolean {
  if (typeof value === "string") return CONTROL.test(value);
  if (Array.isArray(value)) return value.some(holdsControl);
  if (typeof value === "object" && value !== null)
    return Object.entries(value).some(([key, v]) => CONTROL.test(key) || holdsControl(v));
  return false;
}

/**
 * A correction checked against its field's kind (registry.ts: a real DD/MM/YYYY date, an amount,
 * an enum option, a 6-digit PIN code, each table cell by its column) and normalised to Atlas's
 * shape ("1,50,000" → "150000.00", "1/4/2025" → "01/04/2025"), then run through the field's
 * validators. The server's word on whether a correction may be saved; the editors show the same.
 */
export function checkCorrection(
  documentType: string | null,
  path: string,
  original: unknown,
  value: unknown,
  today: Date,
): CheckedCorrection {
  if (holdsControl(value))
    return {
      ok: false,
      problems: ["It holds an invisible control character (pasted with the text?) — type the value again"],
    };
  const shaped = checkFieldValue(fieldSpec(documentType, path, original), value, original);
  if (shaped.problems.length)
    return {
      ok: false,
      problems: shaped.problems.map((p) => (p.where ? `${p.where}: ${p.message}` : p.message)),
    };
  const problems = correctionProblems(documentType, path, shaped.value, today);
  return problems.length ? { ok: false, problems } : { ok: true, value: shaped.value };
}
