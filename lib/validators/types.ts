/**
 * Shared result shape for every validator. `check` is a stable machine id (used for filters,
 * analytics and tests); `message` is short enough for a badge.
 */
import { compactIdentifier } from "@/lib/text/digits";

export type CheckId =
  | "aadhaar.format"
  | "aadhaar.first_digit"
  | "aadhaar.checksum"
  | "vid.format"
  | "vid.checksum"
  | "pan.format"
  | "pan.holder_type"
  | "pan.serial"
  | "pan.surname_initial"
  | "gstin.format"
  | "gstin.state_code"
  | "gstin.embedded_pan"
  | "gstin.entity_number"
  | "gstin.default_char"
  | "gstin.checksum"
  | "gstin.pan_mismatch"
  | "ifsc.format"
  | "ifsc.fifth_char"
  | "pincode.format"
  | "pincode.first_digit"
  | "date.format"
  | "date.calendar"
  | "date.future"
  | "dob.future"
  | "dob.implausible"
  | "dates.birth_before_issue"
  | "dates.issue_before_expiry"
  | "dates.period_order"
  | "invoice.line_items_total";

/** "error" overrules confidence and sends the field to review; "warning" is a soft hint. */
export type Severity = "error" | "warning";

export type ValidationFailure = { ok: false; check: CheckId; message: string; severity: Severity };
export type ValidationPass = { ok: true };
/** A masked value (e.g. `XXXX XXXX 1234`) cannot be checked; that is not a failure. */
export type ValidationMasked = { ok: true; note: "masked"; message: string };

export type ValidationResult = ValidationPass | ValidationMasked | ValidationFailure;

export const PASS: ValidationPass = { ok: true };

export function fail(check: CheckId, message: string, severity: Severity = "error"): ValidationFailure {
  return { ok: false, check, message, severity };
}

export function masked(what: string): ValidationMasked {
  return { ok: true, note: "masked", message: `${what} is masked — cannot verify` };
}

/** True when a result should send the field to review regardless of confidence. */
export function isBlocking(result: ValidationResult): result is ValidationFailure {
  return !result.ok && result.severity === "error";
}

/**
 * OCR output and typed values carry separators inside identifiers ("ABCDE 1234 F",
 * "1234–5678–9012", no-break or narrow spaces, tabs) and digits in Indian scripts; both are
 * normalised away before checking (see lib/text/digits.ts).
 */
export function compact(value: string): string {
  return compactIdentifier(value);
}

// Digit-only identifiers (Aadhaar) are masked with X, * or •; alphanumeric ones only with * or •,
// because X is a legitimate letter in a PAN or GSTIN.
export function isMaskedDigits(compacted: string): boolean {
  return /[Xx*•]/.test(compacted) && /^[Xx*•]+\d*$/.test(compacted);
}

export function isMaskedAlphanumeric(compacted: string): boolean {
  return /[*•]/.test(compacted) && /^[A-Za-z0-9*•]+$/.test(compacted);
}
