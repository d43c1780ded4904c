import { PASS, compact, fail, masked, type ValidationResult } from "./types";

/**
 * 4th character of a PAN (Income Tax Department): P person (individual), C company, H HUF,
 * F firm/LLP, A association of persons, T trust, B body of individuals, L local authority,
 * J artificial juridical person, G government. (The stdnum package also accepts K; the
 * department's list does not.)
 */
export const PAN_HOLDER_TYPES = "PCHFATBLJG";

/**
 * A PAN with some characters hidden, the way the Income Tax Department and banks print it:
 * `ABCPEXXXXF`, `XXXXX1234F`, `ABXXXXXX4F`, `******234F`, `XXXXXXXXXX`. X stands in for digits
 * (characters 6–9), `*`, `•` or `#` for anything. X in a letter position is an ordinary letter,
 * except that a holder type X does not exist, so `XXXXX1234X` is masked too.
 */
export function isMaskedPan(compacted: string): boolean {
  const pan = compacted.toUpperCase();
  const M = "[*•#]";
  if (!new RegExp(`^(?:[A-Z]|${M}){5}(?:[0-9X]|${M}){4}(?:[A-Z]|${M})$`, "u").test(pan)) return false;
  const hidesDigit = /[^0-9]/.test(pan.slice(5, 9));
  const hidesAny = /[*•#]/u.test(pan);
  const noHolderType = pan[3] === "X" && [...pan].filter((c) => c === "X").length >= 3;
  return hidesDigit || hidesAny || noHolderType;
}

/** PAN: AAAAA9999A with a known holder type and a serial other than 0000. */
export function validatePan(value: string): ValidationResult {
  const pan = compact(value).toUpperCase();
  if (isMaskedPan(pan)) return masked("PAN");
  return checkPanShape(pan, "PAN");
}

/** Shared with GSTIN, whose characters 3–12 are usually the holder's PAN. */
export function checkPanShape(pan: string, label: string): ValidationResult {
  if (!/^[A-Z]{5}\d{4}[A-Z]$/.test(pan)) {
    return fail("pan.format", `${label} must look like ABCPE1234F (5 letters, 4 digits, 1 letter)`);
  }
  const holder = pan[3]!;
  if (!PAN_HOLDER_TYPES.includes(holder)) {
    return fail(
      "pan.holder_type",
      `${label} 4th letter ${holder} is not a holder type (${PAN_HOLDER_TYPES.split("").join(", ")})`,
    );
  }
  if (pan.slice(5, 9) === "0000") {
    return fail("pan.serial", `${label} digits 6–9 cannot be 0000 — check the digits`);
  }
  return PASS;
}

/** Normalised PAN (upper case, no separators) or null when it does not have the PAN shape. */
export function normalisePan(value: string): string | null {
  const pan = compact(value).toUpperCase();
  return /^[A-Z]{5}\d{4}[A-Z]$/.test(pan) ? pan : null;
}
