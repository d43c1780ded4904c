/**
 * Independent references and generators for property-based tests (tests only). Digit scripts
 * come from ICU (Intl numbering systems), identifier checks from the npm `stdnum` package;
 * nothing here uses application code.
 */
import fc from "fast-check";
import { createRequire } from "node:module";

type StdnumResult = { isValid: boolean };
type StdnumValidator = { validate: (value: string) => StdnumResult };
type StdnumIndia = Record<"aadhaar" | "vid" | "pan" | "gstin" | "epic", StdnumValidator>;

const require = createRequire(import.meta.url);
export const stdnumIN = (require("stdnum") as { stdnum: { IN: StdnumIndia } }).stdnum.IN;

export const stdAadhaar = (value: string) => stdnumIN.aadhaar.validate(value).isValid;
export const stdVid = (value: string) => stdnumIN.vid.validate(value).isValid;
export const stdPan = (value: string) => stdnumIN.pan.validate(value).isValid;
export const stdGstin = (value: string) => stdnumIN.gstin.validate(value).isValid;

/** ICU numbering systems of Indian scripts (and a few others Atlas or OCR may produce). */
export const DIGIT_SCRIPTS = [
  "latn",
  "deva",
  "beng",
  "guru",
  "gujr",
  "orya",
  "tamldec",
  "telu",
  "knda",
  "mlym",
  "fullwide",
  "arab",
] as const;
export type DigitScript = (typeof DIGIT_SCRIPTS)[number];

const formatters = new Map<string, Intl.NumberFormat>();

/** ASCII digits written in another script, digit by digit, by ICU. */
export function inScript(digits: string, script: DigitScript): string {
  let f = formatters.get(script);
  if (!f) {
    f = new Intl.NumberFormat(`en-u-nu-${script}`, { useGrouping: false });
    formatters.set(script, f);
  }
  return digits.replace(/\d/g, (d) => f.format(Number(d)));
}

/**
 * Separators people, PDFs and OCR put between digit groups: every kind of Unicode space, tab,
 * newline, hyphens and dashes, dots, slashes, zero-width characters, and nothing.
 */
export const GROUP_SEPARATORS = [
  "",
  " ",
  "  ",
  "\u00A0",
  "\u202F",
  "\u2007",
  "\u2009",
  "\u200A",
  "\u2002",
  "\u2003",
  "\u3000",
  "\t",
  "\n",
  "\r\n",
  "-",
  "\u2010",
  "\u2011",
  "\u2012",
  "\u2013",
  "\u2014",
  "\u2015",
  "\u2212",
  "\uFE63",
  "\uFF0D",
  " - ",
  " \u2013 ",
  ".",
  "/",
  "\u00AD",
  "\u200B",
  "\u2060",
] as const;

export const separatorArb = fc.constantFrom(...GROUP_SEPARATORS);
export const scriptArb = fc.constantFrom(...DIGIT_SCRIPTS);

export const digitsArb = (length: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((ds) => ds.join(""));

/** The one digit that makes `payload + digit` pass `isValid`, found by asking the reference. */
export function referenceCheckDigit(payload: string, isValid: (value: string) => boolean): string | null {
  const found = "0123456789".split("").filter((d) => isValid(payload + d));
  return found.length === 1 ? found[0]! : null;
}

/** A valid Aadhaar per stdnum: first digit 2–9, Verhoeff check digit found by stdnum. */
export const aadhaarArb = fc
  .tuple(fc.integer({ min: 2, max: 9 }), digitsArb(10))
  .map(([first, rest]) => {
    const payload = `${first}${rest}`;
    const check = referenceCheckDigit(payload, stdAadhaar);
    return check === null ? null : payload + check;
  })
  .filter((value): value is string => value !== null);

/** A valid VID per stdnum. */
export const vidArb = fc
  .tuple(fc.integer({ min: 2, max: 9 }), digitsArb(14))
  .map(([first, rest]) => {
    const payload = `${first}${rest}`;
    const check = referenceCheckDigit(payload, stdVid);
    return check === null ? null : payload + check;
  })
  .filter((value): value is string => value !== null);

/** Groups of four joined by separators (each gap its own), in a digit script. */
export const groupedArb = (digits: fc.Arbitrary<string>) =>
  fc
    .tuple(digits, fc.array(separatorArb, { minLength: 3, maxLength: 3 }), scriptArb)
    .map(([value, seps, script]) => {
      const groups = inScript(value, script).match(/.{4}/gu) ?? [];
      return { value, script, text: groups.map((g, i) => (i === 0 ? g : seps[i - 1] + g)).join("") };
    });
