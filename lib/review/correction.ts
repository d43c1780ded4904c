/**
 * Turning what a reviewer typed into the value stored as the correction, and checking it with
 * the same validators the extraction went through. Pure: the edit box checks as you type, and
 * the server action checks again before saving.
 */
import { validateDocument } from "@/lib/validators";

export type ParsedCorrection = { ok: true; value: unknown } | { ok: false; message: string };

export const MAX_CORRECTION_LENGTH = 20_000;

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
    const n = Number(trimmed.replace(/,/g, ""));
    if (Number.isFinite(n)) return { ok: true, value: n };
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
