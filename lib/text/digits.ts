/**
 * Digits and separators as people and OCR write them. Pure, no dependencies: used by the
 * validators, by masking (client and server) and by amount parsing.
 */

/**
 * Characters that may sit between the groups of a printed number: any Unicode space or line
 * break (NBSP, narrow NBSP, figure space, tab, newline…), any dash (hyphen, en/em dash, minus
 * sign…), invisible format characters (soft hyphen, zero-width space/joiner, BOM), dots,
 * middle dots and slashes. For use inside a character class of a `u`-flag regex.
 */
export const GROUP_SEPARATOR_CLASS =
  "\\s\\p{Zs}\\p{Zl}\\p{Zp}\\p{Pd}\\p{Cf}\\u2212\\u2043.\\u00B7\\u2027\\u2219/\\u2044\\u2215\\\\_";

const SEPARATORS = new RegExp(`[${GROUP_SEPARATOR_CLASS}]+`, "gu");
const IS_DIGIT = /^\p{Nd}$/u;
const zeroCache = new Map<number, number>();

/**
 * Unicode lays decimal digits out in runs of ten, 0 to 9, some runs back to back (the
 * mathematical digits). The value of a digit is its distance from the start of its run, mod 10.
 */
function digitValue(codePoint: number): number {
  let start = zeroCache.get(codePoint);
  if (start === undefined) {
    start = codePoint;
    while (start > 0 && IS_DIGIT.test(String.fromCodePoint(start - 1))) start--;
    zeroCache.set(codePoint, start);
  }
  return (codePoint - start) % 10;
}

/** The same text with every decimal digit of any script written as an ASCII digit. */
export function asciiDigits(text: string): string {
  if (/^[\x00-\x7F]*$/.test(text)) return text;
  return text.replace(/\p{Nd}/gu, (d) => {
    const cp = d.codePointAt(0)!;
    return cp >= 0x30 && cp <= 0x39 ? d : String(digitValue(cp));
  });
}

/**
 * Identifier text with digits in ASCII and group separators removed: "२३४५ ६७८९–०१२७" and
 * "2345\u202F6789\t0127" both become "234567890127". Letters are kept as they are.
 */
export function compactIdentifier(text: string): string {
  return asciiDigits(text).replace(SEPARATORS, "");
}
