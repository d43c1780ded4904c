import { gstinCheckChar } from "./checksum";
import { checkPanShape, isMaskedPan } from "./pan";
import { PASS, compact, fail, isMaskedAlphanumeric, masked, type ValidationResult } from "./types";

// 99 (Centre Jurisdiction) is used for special registrations (foreign online service providers,
// OIDAR) whose characters 3–12 are not a PAN.
const CENTRE_JURISDICTION = "99";

/**
 * State/UT codes of the GST portal: 01–37, 38 Ladakh (since 2020), 97 Other Territory,
 * 99 Centre Jurisdiction. (The stdnum package stops at 37.)
 */
export function isGstStateCode(code: string): boolean {
  if (!/^\d{2}$/.test(code)) return false;
  const n = Number(code);
  return (n >= 1 && n <= 38) || n === 97 || n === 99;
}

/**
 * The 14th character is "Z" for ordinary registrations; the GST portal also issues "D" (tax
 * deductor), "C" (tax collector) and "S" (input service distributor). Anything else is a warning
 * only, since special registration types use other letters.
 */
const KNOWN_14TH = "ZSCD";

/** TAN (tax deduction account number): 4 letters, 5 digits, 1 letter, e.g. DELA12345B. */
const TAN = /^[A-Z]{4}\d{5}[A-Z]$/;
/** UIN of UN bodies and embassies, and IDs of non-residents: year, country code, serial. */
const SPECIAL_ID = /^\d{2}[A-Z]{3}\d{5}$/;

export type GstinHolder = "pan" | "tan" | "special";

/**
 * What characters 3–12 of a 15-character GSTIN hold: the holder's PAN (ordinary taxpayers,
 * e-commerce tax collectors), a TAN (tax deductors: government departments and bodies that
 * register only to deduct tax) or a special ID (UIN, OIDAR, non-resident). Null when none fits.
 */
export function gstinHolder(gstin: string): GstinHolder | null {
  const middle = gstin.slice(2, 12);
  if (/^[A-Z]{5}\d{4}[A-Z]$/.test(middle)) return "pan";
  if (TAN.test(middle)) return "tan";
  if (SPECIAL_ID.test(middle) || gstin.startsWith(CENTRE_JURISDICTION)) return "special";
  return null;
}

/**
 * GSTIN: 2-digit state code, the holder's PAN (or TAN, or special ID), an entity number (1–9,
 * A–Z), a 14th character (normally Z) and a mod-36 check character.
 */
export function validateGstin(value: string): ValidationResult {
  const gstin = compact(value).toUpperCase();
  // Masked with * or •, or with its PAN masked the Income Tax Department's way (27ABCPEXXXXF1Z5).
  if (isMaskedAlphanumeric(gstin) || (gstin.length === 15 && isMaskedPan(gstin.slice(2, 12)))) {
    return masked("GSTIN");
  }
  if (!/^[0-9A-Z]{15}$/.test(gstin)) {
    return fail("gstin.format", "GSTIN must be 15 letters or digits, like 27ABCPE1234F1Z5");
  }

  const state = gstin.slice(0, 2);
  if (!isGstStateCode(state)) {
    return fail("gstin.state_code", `GSTIN state code ${state} does not exist (01–38, 97, 99)`);
  }
  const holder = gstinHolder(gstin);
  if (holder === null) {
    return fail(
      "gstin.embedded_pan",
      "GSTIN characters 3–12 must be a PAN (ABCPE1234F) or, for tax deductors, a TAN (DELA12345B)",
    );
  }
  if (holder === "pan") {
    const pan = checkPanShape(gstin.slice(2, 12), "GSTIN characters 3–12 (PAN)");
    if (!pan.ok) return fail("gstin.embedded_pan", pan.message);
  }
  if (!/[1-9A-Z]/.test(gstin[12]!)) {
    return fail("gstin.entity_number", "GSTIN 13th character must be 1–9 or A–Z, never 0");
  }
  if (gstinCheckChar(gstin.slice(0, 14)) !== gstin[14]) {
    return fail("gstin.checksum", "GSTIN check character is wrong — a character is misread");
  }
  if (holder !== "special" && !KNOWN_14TH.includes(gstin[13]!)) {
    return fail("gstin.default_char", `GSTIN 14th character is ${gstin[13]}, normally Z`, "warning");
  }
  return PASS;
}

/** The PAN inside a well-formed GSTIN (characters 3–12), or null (TAN-based and special IDs). */
export function panInGstin(value: string): string | null {
  const gstin = compact(value).toUpperCase();
  if (!/^[0-9A-Z]{15}$/.test(gstin) || gstin.startsWith(CENTRE_JURISDICTION)) return null;
  return gstinHolder(gstin) === "pan" ? gstin.slice(2, 12) : null;
}
