import { verhoeffValid } from "./checksum";
import { PASS, compact, fail, isMaskedDigits, masked, type ValidationResult } from "./types";

/** Aadhaar: 12 digits, never starting with 0 or 1, last digit a Verhoeff check digit. */
export function validateAadhaar(value: string): ValidationResult {
  const digits = compact(value);
  if (isMaskedDigits(digits)) return masked("Aadhaar");
  if (!/^\d{12}$/.test(digits)) return fail("aadhaar.format", "Aadhaar must be 12 digits");
  if (digits[0] === "0" || digits[0] === "1") {
    return fail("aadhaar.first_digit", "Aadhaar cannot start with 0 or 1");
  }
  if (!verhoeffValid(digits)) return fail("aadhaar.checksum", "Aadhaar check digit is wrong (Verhoeff)");
  return PASS;
}
