import { verhoeffValid } from "./checksum";
import { PASS, compact, fail, isMaskedDigits, masked, type ValidationResult } from "./types";

/**
 * Aadhaar: 12 digits, never starting with 0 or 1, not a palindrome, last digit a Verhoeff check
 * digit. Any separators (spaces of any kind, tabs, hyphens, dashes, dots) and digits of any
 * Indian script are accepted: `२३४५ ६७८९ ०१२७` is `234567890127`.
 */
export function validateAadhaar(value: string): ValidationResult {
  const digits = compact(value);
  if (isMaskedDigits(digits)) return masked("Aadhaar");
  if (!/^\d{12}$/.test(digits)) {
    return fail("aadhaar.format", "Aadhaar must be 12 digits — check for a missing or extra digit");
  }
  if (digits[0] === "0" || digits[0] === "1") {
    return fail("aadhaar.first_digit", "Aadhaar cannot start with 0 or 1 — check the first digit");
  }
  // UIDAI never issues palindromes (the same rule as python-stdnum and the npm stdnum package).
  if ([...digits].reverse().join("") === digits) {
    return fail("aadhaar.format", "Aadhaar cannot read the same backwards — check the digits");
  }
  if (!verhoeffValid(digits)) {
    return fail("aadhaar.checksum", "Aadhaar check digit is wrong (Verhoeff) — a digit is misread");
  }
  return PASS;
}

/**
 * Virtual ID: 16 digits standing in for an Aadhaar number, first digit 2–9, not a palindrome,
 * last digit a Verhoeff check digit. Same separators and scripts as Aadhaar.
 */
export function validateVid(value: string): ValidationResult {
  const digits = compact(value);
  if (isMaskedDigits(digits)) return masked("VID");
  if (!/^[2-9]\d{15}$/.test(digits) || [...digits].reverse().join("") === digits) {
    return fail("vid.format", "VID must be 16 digits, not starting with 0 or 1 — check the digits");
  }
  if (!verhoeffValid(digits)) {
    return fail("vid.checksum", "VID check digit is wrong (Verhoeff) — a digit is misread");
  }
  return PASS;
}
