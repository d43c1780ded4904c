import { gstinCheckChar } from "./checksum";
import { checkPanShape } from "./pan";
import { PASS, compact, fail, isMaskedAlphanumeric, masked, type ValidationResult } from "./types";

// 99 (Centre Jurisdiction) is used for special registrations (UN bodies, embassies, foreign
// online service providers) whose characters 3–12 are not a PAN.
const CENTRE_JURISDICTION = "99";

/** State/UT codes 01–38, 97 Other Territory, 99 Centre Jurisdiction. */
export function isGstStateCode(code: string): boolean {
  if (!/^\d{2}$/.test(code)) return false;
  const n = Number(code);
  return (n >= 1 && n <= 38) || n === 97 || n === 99;
}

/**
 * The 14th character is "Z" for ordinary registrations, but the GST portal also issues "S"
 * (input service distributor), "C" (tax collector) and "D" (tax deductor). Anything else is
 * reported as a warning only, since special registration types use other letters.
 */
const KNOWN_14TH = "ZSCD";

/**
 * GSTIN: 2-digit state code, the holder's PAN, an entity number (1–9, A–Z), a 14th character
 * (normally Z) and a check character.
 */
export function validateGstin(value: string): ValidationResult {
  const gstin = compact(value).toUpperCase();
  if (isMaskedAlphanumeric(gstin)) return masked("GSTIN");
  if (!/^[0-9A-Z]{15}$/.test(gstin)) return fail("gstin.format", "GSTIN must be 15 letters or digits");

  const state = gstin.slice(0, 2);
  if (!isGstStateCode(state)) {
    return fail("gstin.state_code", `GSTIN state code ${state} does not exist (01–38, 97, 99)`);
  }
  const special = state === CENTRE_JURISDICTION;
  if (!special) {
    const pan = checkPanShape(gstin.slice(2, 12), "GSTIN characters 3–12 (PAN)");
    if (!pan.ok) return fail("gstin.embedded_pan", pan.message);
  }
  if (!/[1-9A-Z]/.test(gstin[12]!)) {
    return fail("gstin.entity_number", "GSTIN 13th character must be 1–9 or A–Z");
  }
  if (gstinCheckChar(gstin.slice(0, 14)) !== gstin[14]) {
    return fail("gstin.checksum", "GSTIN check character is wrong");
  }
  if (!special && !KNOWN_14TH.includes(gstin[13]!)) {
    return fail("gstin.default_char", `GSTIN 14th character is ${gstin[13]}, normally Z`, "warning");
  }
  return PASS;
}

/** The PAN inside a well-formed GSTIN (characters 3–12), or null. */
export function panInGstin(value: string): string | null {
  const gstin = compact(value).toUpperCase();
  if (!/^[0-9A-Z]{15}$/.test(gstin) || gstin.startsWith(CENTRE_JURISDICTION)) return null;
  return gstin.slice(2, 12);
}
