/**
 * Puts an extracted value and a piece of OCR text into one comparable form: case, spacing and
 * punctuation dropped, digits of any script in ASCII, dates as YYYYMMDD whichever way they are
 * written (16/07/1986, 16-07-1986, 16.07.86, 16 Jul 1986, Jul 16, 1986, 1986-07-16), amounts
 * without currency marks, grouping commas (Indian or Western) or trailing zero paise. Pure.
 */
import { asciiDigits } from "@/lib/text/digits";

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = "(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?";

const pad = (n: number) => String(n).padStart(2, "0");

function fullYear(y: string): string {
  if (y.length === 4) return y;
  const n = Number(y);
  return String(n < 50 ? 2000 + n : 1900 + n);
}

function isoDate(year: string, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${fullYear(year)}${pad(month)}${pad(day)}`;
}

const monthIndex = (name: string) => MONTHS.indexOf(name.slice(0, 3)) + 1;

/** Dates written any common Indian way become YYYYMMDD (left as they are when not a real day/month). */
export function canonicalDates(text: string): string {
  return text
    .replace(
      /\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b/g,
      (m, y: string, mo: string, d: string) => isoDate(y, Number(mo), Number(d)) ?? m,
    )
    .replace(
      /\b(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4}|\d{2})\b/g,
      (m, d: string, mo: string, y: string) => isoDate(y, Number(mo), Number(d)) ?? m,
    )
    .replace(
      new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?[\\s\\-/.,]*${MONTH}[\\s\\-/.,]*(\\d{4}|\\d{2})\\b`, "g"),
      (m, d: string, mo: string, y: string) => isoDate(y, monthIndex(mo), Number(d)) ?? m,
    )
    .replace(
      new RegExp(`\\b${MONTH}[\\s\\-/.]*(\\d{1,2})(?:st|nd|rd|th)?,?[\\s\\-/.]*(\\d{4})\\b`, "g"),
      (m, mo: string, d: string, y: string) => isoDate(y, monthIndex(mo), Number(d)) ?? m,
    );
}

/** ₹ / Rs. / INR marks, "/-", grouping commas and zero paise dropped: "₹1,50,000.00/-" → "150000". */
export function canonicalAmounts(text: string): string {
  return text
    .replace(/₹|\brs\.?(?=\s*\d)|\binr(?=\s*\d)/g, "")
    .replace(/(\d)\/-/g, "$1")
    .replace(/(\d),(?=\d)/g, "$1")
    .replace(/(\d)\.(\d*?)0+(?!\d)/g, (_, a: string, b: string) => (b ? `${a}.${b}` : a));
}

/** The comparable form: lower case, ASCII digits, dates and amounts canonical, only letters and digits left. */
export function canonical(text: string): string {
  const lowered = asciiDigits(text.normalize("NFKC")).toLowerCase();
  return canonicalAmounts(canonicalDates(lowered)).replace(/[^\p{L}\p{N}]+/gu, "");
}

/** A value's outline: letters → a, digits → 9 ("abcpk1234d" → "aaaaa9999a"). */
export function shapeOf(canon: string): string {
  return canon.replace(/\p{L}/gu, "a").replace(/\p{N}/gu, "9");
}

/** An identifier-like value (PAN, GSTIN, Aadhaar, account numbers, dates, amounts): holds a digit, no spaces in its canonical form matter. */
export function isIdentifierLike(value: string): boolean {
  const words = value.trim().split(/\s+/).length;
  return /\p{N}/u.test(value) && words <= 4;
}

/** Glyphs OCR reads for digits (lower-cased), and the digit each stands for. */
export const CONFUSABLE: Record<string, string> = {
  o: "0",
  q: "0",
  d: "0",
  i: "1",
  l: "1",
  "|": "1",
  s: "5",
  b: "8",
  z: "2",
  g: "6",
};
