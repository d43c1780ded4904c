import { PASS, compact, fail, isMaskedAlphanumeric, masked, type ValidationResult } from "./types";

/**
 * 4th character of a PAN: P person, C company, H HUF, F firm/LLP, A association of persons,
 * T trust, B body of individuals, L local authority, J artificial juridical person, G government.
 */
export const PAN_HOLDER_TYPES = "PCHFATBLJG";

/** PAN: AAAAA9999A with a known holder type. The 10th character's algorithm is not public. */
export function validatePan(value: string): ValidationResult {
  const pan = compact(value).toUpperCase();
  if (isMaskedAlphanumeric(pan)) return masked("PAN");
  return checkPanShape(pan, "PAN");
}

/** Shared with GSTIN, whose characters 3–12 are the holder's PAN. */
export function checkPanShape(pan: string, label: string): ValidationResult {
  if (!/^[A-Z]{5}\d{4}[A-Z]$/.test(pan)) {
    return fail("pan.format", `${label} must look like AAAAA9999A (5 letters, 4 digits, 1 letter)`);
  }
  const holder = pan[3]!;
  if (!PAN_HOLDER_TYPES.includes(holder)) {
    return fail("pan.holder_type", `${label} 4th letter ${holder} is not a valid holder type`);
  }
  return PASS;
}

/** Normalised PAN (upper case, no spaces) or null when it does not have the PAN shape. */
export function normalisePan(value: string): string | null {
  const pan = compact(value).toUpperCase();
  return /^[A-Z]{5}\d{4}[A-Z]$/.test(pan) ? pan : null;
}
