/**
 * The simulator's own check-digit code, written independently of the application's validators
 * (atlas-sim never imports lib/): if either is wrong, the tests that compare both with the
 * stdnum package disagree. Runs in production demo mode, so it cannot use stdnum itself.
 */

// Verhoeff over the dihedral group D5, computed instead of tabulated: 0–4 are the rotations
// r^k, 5–9 the reflections s·r^k. Composition follows the standard multiplication table.
function d5(a: number, b: number): number {
  const ra = a % 5;
  const rb = b % 5;
  if (a < 5) return b < 5 ? (ra + rb) % 5 : 5 + ((ra + rb) % 5);
  return b < 5 ? 5 + ((ra - rb + 5) % 5) : (ra - rb + 5) % 5;
}

function d5Inverse(a: number): number {
  return a < 5 ? (5 - a) % 5 : a;
}

// The position permutation (0 1 5 8 9 4 2 7)(3 6) in one-line notation, applied i times.
const SIGMA = [1, 5, 7, 6, 2, 8, 3, 0, 9, 4];

function sigmaPower(times: number, digit: number): number {
  let x = digit;
  for (let k = 0; k < times % 8; k++) x = SIGMA[x]!;
  return x;
}

function verhoeffAccumulate(digits: string, offset: number): number {
  let c = 0;
  const reversed = [...digits].reverse();
  reversed.forEach((ch, i) => {
    c = d5(c, sigmaPower(i + offset, Number(ch)));
  });
  return c;
}

/** The Verhoeff check digit for a string of ASCII digits. */
export function verhoeffDigit(payload: string): string {
  if (!/^\d+$/.test(payload)) throw new Error("Verhoeff needs digits");
  return String(d5Inverse(verhoeffAccumulate(payload, 1)));
}

export function verhoeffOk(full: string): boolean {
  return /^\d{2,}$/.test(full) && verhoeffAccumulate(full, 0) === 0;
}

const BASE36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** GSTIN check character: Luhn mod 36 over the first 14 characters (GSTN specification). */
export function gstinCheck(first14: string): string {
  if (!/^[0-9A-Z]{14}$/.test(first14)) throw new Error("GSTIN check needs 14 characters 0-9/A-Z");
  let total = 0;
  for (let i = 0; i < 14; i++) {
    const weighted = BASE36.indexOf(first14[i]!) * (i % 2 === 1 ? 2 : 1);
    total += Math.floor(weighted / 36) + (weighted % 36);
  }
  return BASE36[(36 - (total % 36)) % 36]!;
}
