import { PASS, compact, fail, isMaskedAlphanumeric, masked, type ValidationResult } from "./types";

/** IFSC: 4-letter bank code, a 0 reserved for future use, 6-character branch code. */
export function validateIfsc(value: string): ValidationResult {
  const ifsc = compact(value).toUpperCase();
  if (isMaskedAlphanumeric(ifsc)) return masked("IFSC");
  // OCR often reads the reserved 0 as the letter O; say so precisely rather than "bad format".
  if (/^[A-Z]{4}[^0][A-Z0-9]{6}$/.test(ifsc)) {
    return fail("ifsc.fifth_char", "IFSC 5th character must be the digit 0");
  }
  if (!/^[A-Z]{4}0[A-Z0-9]{6}$/.test(ifsc)) {
    return fail("ifsc.format", "IFSC must look like ABCD0123456 (4 letters, 0, 6 letters/digits)");
  }
  return PASS;
}

/** PIN code: 6 digits; the first (postal zone 1–8, 9 for the Army Postal Service) is never 0. */
export function validatePincode(value: string): ValidationResult {
  const pin = compact(value);
  if (/^\d{6}$/.test(pin) && pin.startsWith("0")) {
    return fail("pincode.first_digit", "PIN code cannot start with 0");
  }
  if (!/^\d{6}$/.test(pin)) return fail("pincode.format", "PIN code must be 6 digits");
  return PASS;
}
