/**
 * What a spreadsheet makes of a value, and how each export keeps it as written. Shared by the
 * CSV writer (csv.ts) and the XLSX writer (xlsx.ts), so both make the same decision per cell.
 *
 * What Excel and LibreOffice Calc do when they open a CSV (checked with LibreOffice 7.4 headless,
 * see spreadsheet-roundtrip.test.ts; Excel from Microsoft's "Keep leading zeros" documentation):
 * - a digit string becomes a number: leading zeros are dropped (`000123` → 123), 12+ digits are
 *   shown in scientific notation and digits past the 15th are lost (`1234567890123456` →
 *   1234567890123460), and a re-saved file keeps the damage;
 * - `15/08/2024`, `1-2`, `Aug 15`, `10:30`, `12E4` become dates, times or numbers, with the day
 *   and month swapped or refused depending on the locale of the machine that opens the file;
 * - quoting a CSV field does not make it text in either program;
 * - a cell starting with `=`, `+`, `-`, `@` (or, in LibreOffice with "Trim spaces" on, a space and
 *   then one of those) is evaluated as a formula: CSV injection.
 *
 * The technique, per kind of cell:
 * - text a spreadsheet would convert (above) is written as a formula that returns the text,
 *   `="000123"`. Excel evaluates it on open and shows exactly 000123, typed as text. Calc does
 *   the same when "Evaluate formulas" is on (the default of the headless converter); its Text
 *   Import dialog (7.4) starts with that option off, and then shows `="000123"` as text: every
 *   digit still there, where a bare 000123 would have become the number 123. A leading
 *   apostrophe would stay visible in both programs, and a leading tab or zero-width character
 *   would silently change the value. Where no import choices should matter, use the XLSX
 *   export. The formula's content is only ever digits, separators and month names (the
 *   patterns below), so it cannot inject.
 * - text that starts like a formula gets OWASP's and ASVS 5.0 (1.2.10)'s neutralisation, a
 *   leading apostrophe, shown as part of the value: `'=HYPERLINK(…)`. This applies to every
 *   spreadsheet format, XLSX included (where it also stops a formula appearing when the cell is
 *   edited). JSON is not a spreadsheet format and keeps values exactly.
 * - a plain number stays a number, negative ones included (`-1500`, `-1,500.50`): neither a
 *   formula nor changed by the conversion.
 */

export type CellKind =
  /** Decided by the value: numbers stay numbers, text stays text. */
  | "auto"
  /** An identifier (document id, account number, PIN): text even when it is all digits. */
  | "text"
  /** A timestamp: ISO 8601 text in CSV, a date cell in XLSX. */
  | "date";

export type SpreadsheetCell =
  | { type: "empty" }
  /** `text`: how the number was written (`-1,500.50`), kept for CSV. */
  | { type: "number"; value: number; text: string; numFmt?: string }
  | { type: "date"; value: Date; text: string }
  /**
   * `literal`: the spreadsheet would read `text` as a number or date; CSV writes `="text"`.
   * `text` already carries the apostrophe when it was neutralised.
   */
  | { type: "text"; text: string; literal: boolean };

/** Excel's limit on the length of a text constant inside a formula. */
const MAX_LITERAL = 255;

// Apostrophe needed when the cell starts with one of these (OWASP CSV injection; ASVS 5.0 1.2.10
// adds NUL). Line feed and the full-width forms (＝＋－＠, which some IMEs and Calc locales accept
// as operators) are included as defence in depth.
const FORMULA_START = /^[=+\-@\t\r\n\0\uFF1D\uFF0B\uFF0D\uFF20]/;
// Leading spaces do not protect: LibreOffice's "Trim spaces" import option removes them first.
const LEADING_SPACE = /^[ \u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\uFEFF]+/;
const TRAILING_SPACE = /[ \u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\uFEFF]+$/;

/** The text without the spaces around it (tabs and line breaks are kept: they matter). */
function withoutSpaces(text: string): string {
  return text.replace(LEADING_SPACE, "").replace(TRAILING_SPACE, "");
}

const MONTH =
  "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

const TIME_AFTER = "(?:[ T]\\d{1,2}:\\d{2}[\\d:.+\\-Z ]*(?:[ap]\\.?m\\.?)?)?";

// Digits with optional thousands or lakh separators and decimals: 1500, 1,500.50, 1,50,000.
const AMOUNT = "(?:\\d[\\d,]*(?:\\.\\d*)?|\\.\\d+)";

/** Text a spreadsheet reads as a date, time or number it then changes. */
const CONVERTED: readonly RegExp[] = [
  // Digit strings with a leading zero or a plus sign: 000123, 0.5 is fine, +91 is not.
  /^-?0\d+(?:\.\d+)?$/,
  /^\+\d+(?:[.,]\d+)*$/,
  // Digits separated by spaces (a thousands separator in many locales): "1 45 000", "98765 43210".
  /^[+-]?\d+(?:[ \u00A0\u202F]\d+)+$/,
  // Dates: 15/08/2024, 2024-08-15, 1-2, 12/2024, 15.08.2024, with an optional time after them.
  new RegExp(`^\\d{1,4}[/-]\\d{1,4}(?:[/-]\\d{1,4})?${TIME_AFTER}$`, "i"),
  new RegExp(`^\\d{1,4}\\.\\d{1,2}\\.\\d{1,4}${TIME_AFTER}$`, "i"),
  new RegExp(`^\\d{1,2}[\\s./-]*${MONTH}\\.?(?:[\\s.,/-]*\\d{2,4})?$`, "i"),
  new RegExp(`^${MONTH}\\.?[\\s./-]*\\d{1,4}(?:[\\s.,/-]+\\d{2,4})?$`, "i"),
  // Times: 10:30, 10:30:15, 9:05 pm, 10 am.
  /^\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s?[ap]\.?m\.?)?$/i,
  /^\d{1,2}\s?[ap]\.?m\.?$/i,
  // Scientific notation (an invoice number like 12E4) and mixed fractions (1 1/2).
  /^[+-]?\d+(?:\.\d+)?e[+-]?\d+$/i,
  /^\d+ \d+\/\d+$/,
  // Number forms both programs convert (checked with Calc, see spreadsheet-roundtrip.test.ts):
  // an accounting negative "(123)" → -123, a trailing minus "50-" → -50, a percentage "10%" →
  // 0.1, a bare decimal point ".5" or "1." → 0.5 and 1, and TRUE/FALSE/true → a boolean.
  // (An amount with a currency symbol, "₹45,000", keeps its digits and symbol on screen in the
  // locale that converts it, so it is left as written.)
  new RegExp(`^\\(\\s*${AMOUNT}\\s*\\)$`),
  new RegExp(`^${AMOUNT}\\s?-$`),
  new RegExp(`^[+-]?\\s?${AMOUNT}\\s?%$|^%\\s?[+-]?${AMOUNT}$`),
  /^[+-]?\.\d+$/,
  /^[+-]?\d[\d,]*\.$/,
  /^(?:true|false)$/i,
  // Excel reads its error values as errors, not text: "#N/A" stops being the letters N/A.
  /^#(?:N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/i,
];

// A number as people write it: -1500, 45000.00, -1,500.50 (thousands) or -1,50,000.00 (lakh).
const PLAIN_NUMBER = /^-?(?:0|[1-9]\d*|[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d?(?:,\d{2})*,\d{3})(?:\.\d+)?$/;

function significantDigits(text: string): number {
  return text.replace(/\D/g, "").replace(/^0+/, "").length;
}

/**
 * True for text a spreadsheet keeps as the same number: no leading zeros, at most 15
 * significant digits (Excel's precision) and, without a decimal point, fewer than 12 digits
 * (Excel shows 12 or more in scientific notation, and saves them that way).
 */
export function isPlainNumber(text: string): boolean {
  if (!PLAIN_NUMBER.test(text)) return false;
  const digits = significantDigits(text);
  if (digits > 15) return false;
  return text.includes(".") || text.includes(",") || digits < 12;
}

/** True when opening the text in Excel or LibreOffice would turn it into something else. */
export function spreadsheetWouldAlter(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === "") return false;
  if (/^-?\d+(?:\.\d+)?$/.test(trimmed) && !isPlainNumber(trimmed)) return true; // long digits
  if (/^-?[\d,]+(?:\.\d+)?$/.test(trimmed) && significantDigits(trimmed) > 15) return true;
  return CONVERTED.some((pattern) => pattern.test(trimmed));
}

/** True for text a spreadsheet would evaluate as a formula (a plain negative number is not). */
export function isFormulaLike(text: string): boolean {
  const core = withoutSpaces(text);
  return FORMULA_START.test(core) && !isPlainNumber(core);
}

/** OWASP's neutralisation: a leading apostrophe on text that starts like a formula. */
export function neutraliseFormula(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

function decimalsFormat(text: string): string | undefined {
  const decimals = /\.(\d+)$/.exec(text)?.[1]?.length ?? 0;
  const grouped = text.includes(",");
  if (!grouped && decimals === 0) return undefined;
  return (grouped ? "#,##0" : "0") + (decimals ? `.${"0".repeat(decimals)}` : "");
}

function textCell(text: string, kind: CellKind): SpreadsheetCell {
  if (text === "") return { type: "empty" };
  const core = withoutSpaces(text);
  const numeric = isPlainNumber(core);
  if (numeric && kind !== "text")
    return { type: "number", value: Number(core.replace(/,/g, "")), text, numFmt: decimalsFormat(core) };
  if ((numeric || spreadsheetWouldAlter(text)) && text.length <= MAX_LITERAL && !text.includes("\n"))
    return { type: "text", text, literal: true };
  return { type: "text", text: neutraliseFormula(text), literal: false };
}

/**
 * How one value goes into a spreadsheet. `kind` "text" keeps digit-only identifiers as text;
 * "date" writes a Date (or an ISO 8601 string) as a timestamp.
 */
export function spreadsheetCell(value: unknown, kind: CellKind = "auto"): SpreadsheetCell {
  if (value === null || value === undefined) return { type: "empty" };
  if (kind === "date" && (value instanceof Date || typeof value === "string")) {
    const date = value instanceof Date ? value : new Date(value);
    if (!Number.isNaN(date.getTime())) return { type: "date", value: date, text: date.toISOString() };
  }
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? { type: "empty" } : textCell(value.toISOString(), "text");
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return { type: "empty" };
    return kind === "text" ? textCell(String(value), kind) : { type: "number", value, text: String(value) };
  }
  // A real boolean may become the spreadsheet's TRUE/FALSE: that is what it is.
  if (typeof value === "boolean") return { type: "text", text: String(value), literal: false };
  if (typeof value === "bigint") return textCell(String(value), kind);
  if (typeof value === "string") return textCell(value, kind);
  return textCell(JSON.stringify(value) ?? "", kind);
}
