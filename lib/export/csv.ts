import Papa from "papaparse";

/** Excel only reads a CSV as UTF-8 (₹, Devanagari) when it starts with a byte order mark. */
export const CSV_BOM = "\uFEFF";
export const CSV_NEWLINE = "\r\n";

// OWASP "CSV injection": spreadsheet apps evaluate cells starting with these characters.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Prefixes a single quote to text a spreadsheet would evaluate as a formula. Applies to strings
 * only: an OCR'd "-500" is neutralised (shown as '-500), a JS number -500 is left as a number.
 */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string") return neutraliseFormula(value);
  return neutraliseFormula(JSON.stringify(value) ?? "");
}

/**
 * One CSV record, terminated by CRLF, so a large export can be written row by row. Values are
 * neutralised (see `neutraliseFormula`) and quoted when they contain commas, quotes or newlines.
 */
export function toCsvLine(values: readonly unknown[]): string {
  return Papa.unparse([values.map(cellText)], { newline: CSV_NEWLINE, quotes: false }) + CSV_NEWLINE;
}
