/**
 * Check-digit algorithms used by Indian identifiers. Pure functions used by the validators.
 * The simulator has its own, independently written copy (atlas-sim/generate/checksums.ts), and
 * the tests check both against the stdnum library, so a mistake here shows up as a disagreement.
 */

// Verhoeff (Aadhaar, VID), as published (Verhoeff 1969; Wikipedia "Verhoeff algorithm"):
// D is the multiplication table of the dihedral group D5, P[i] the i-th power of the position
// permutation (1 5 7 6 2 8 3 0 9 4), INV the inverse in D5. checksum.test.ts checks each property.
export const VERHOEFF_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
] as const;
export const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
] as const;
export const VERHOEFF_INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9] as const;

function digitsOf(s: string): number[] {
  if (!/^\d+$/.test(s)) throw new Error("Verhoeff works on digits only");
  return [...s].map(Number);
}

/** The Verhoeff check digit to append to `payload` (a string of digits). */
export function verhoeffCheckDigit(payload: string): string {
  let c = 0;
  const ds = digitsOf(payload).reverse();
  for (let i = 0; i < ds.length; i++) c = VERHOEFF_D[c]![VERHOEFF_P[(i + 1) % 8]![ds[i]!]!]!;
  return String(VERHOEFF_INV[c]);
}

/** True when the last digit of `full` is the Verhoeff check digit of the rest. */
export function verhoeffValid(full: string): boolean {
  if (!/^\d{2,}$/.test(full)) return false;
  let c = 0;
  const ds = digitsOf(full).reverse();
  for (let i = 0; i < ds.length; i++) c = VERHOEFF_D[c]![VERHOEFF_P[i % 8]![ds[i]!]!]!;
  return c === 0;
}

const GSTIN_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** The GSTIN check character (15th) for the first 14 characters. */
export function gstinCheckChar(first14: string): string {
  const s = first14.toUpperCase();
  if (!/^[0-9A-Z]{14}$/.test(s)) throw new Error("GSTIN check needs 14 characters of 0-9/A-Z");
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    const product = GSTIN_CHARS.indexOf(s[i]!) * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return GSTIN_CHARS[(36 - (sum % 36)) % 36]!;
}
