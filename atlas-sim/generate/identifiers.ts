import { gstinCheck, verhoeffDigit } from "./checksums";
import type { Rng } from "./random";

/** Valid PAN holder-type letters (4th character). */
export const PAN_HOLDER_TYPES = ["P", "C", "H", "F", "A", "T", "B", "L", "J", "G"] as const;

const ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** AAAAA9999A: 4th letter = holder type, 5th = surname (or entity name) initial, serial not 0000. */
export function makePan(rng: Rng, holderType: string, nameInitial: string): string {
  const drawn = rng.digits(4);
  const serial = drawn === "0000" ? "0001" : drawn;
  return `${rng.letters(3)}${holderType}${nameInitial.toUpperCase()}${serial}${rng.letters(1)}`;
}

/** A PAN whose 4th letter is not a valid holder type (wrong-but-confident value). */
export function corruptPan(pan: string): string {
  return `${pan.slice(0, 3)}X${pan.slice(4)}`;
}

/** 12 digits, first 2–9, last = Verhoeff check digit; printed as "1234 5678 9012". */
export function makeAadhaar(rng: Rng): string {
  for (;;) {
    const payload = `${rng.int(2, 9)}${rng.digits(10)}`;
    const full = payload + verhoeffDigit(payload);
    // UIDAI issues no palindromes (one in a million draws).
    if ([...full].reverse().join("") !== full) return groupAadhaar(full);
  }
}

/** Same number with a wrong check digit. */
export function corruptAadhaar(aadhaar: string): string {
  const digits = aadhaar.replace(/\s/g, "");
  const wrong = (Number(digits.slice(-1)) + 1) % 10;
  return groupAadhaar(digits.slice(0, -1) + String(wrong));
}

function groupAadhaar(digits: string): string {
  return `${digits.slice(0, 4)} ${digits.slice(4, 8)} ${digits.slice(8, 12)}`;
}

/** State code + PAN + entity number + "Z" + check character. */
export function makeGstin(rng: Rng, stateCode: string, pan: string): string {
  const first14 = `${stateCode}${pan}${rng.int(1, 9)}Z`;
  return first14 + gstinCheck(first14);
}

export function corruptGstin(gstin: string): string {
  const right = gstin.slice(-1);
  const wrong = ALPHANUMERIC[(ALPHANUMERIC.indexOf(right) + 7) % ALPHANUMERIC.length]!;
  return gstin.slice(0, -1) + wrong;
}

/** AAAA0XXXXXX: bank prefix, a zero, six branch characters (digits in practice). */
export function makeIfsc(rng: Rng, bankPrefix: string): string {
  return `${bankPrefix}0${rng.digits(6)}`;
}

/** 15-digit IMEI with a Luhn check digit. */
export function makeImei(rng: Rng): string {
  const body = `35${rng.digits(12)}`;
  let sum = 0;
  [...body].reverse().forEach((ch, i) => {
    let d = Number(ch);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  });
  return body + String((10 - (sum % 10)) % 10);
}

export interface SimDate {
  day: number;
  month: number;
  year: number;
}

function daysInMonth(month: number, year: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function makeDate(rng: Rng, fromYear: number, toYear: number): SimDate {
  const year = rng.int(fromYear, toYear);
  const month = rng.int(1, 12);
  return { day: rng.int(1, daysInMonth(month, year)), month, year };
}

export function addYears(date: SimDate, years: number): SimDate {
  const year = date.year + years;
  return { ...date, year, day: Math.min(date.day, daysInMonth(date.month, year)) };
}

export function addDays(date: SimDate, days: number): SimDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { day: d.getUTCDate(), month: d.getUTCMonth() + 1, year: d.getUTCFullYear() };
}

export function formatDate(date: SimDate): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.day)}/${pad(date.month)}/${date.year}`;
}

/** A date that cannot exist (e.g. 31/02/1990), keeping the year so it still looks plausible. */
export function impossibleDate(year: number): string {
  return `31/02/${year}`;
}
