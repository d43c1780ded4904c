import { type CellKind, neutraliseFormula, spreadsheetCell, type SpreadsheetCell } from "./cells";

export { neutraliseFormula };

/** Excel only reads a CSV as UTF-8 (₹, Devanagari) when it starts with a byte order mark. */
export const CSV_BOM = "\uFEFF";
export const CSV_NEWLINE = "\r\n";

// RFC 4180 2.6: quote a field holding the separator, a quote or a line break. Semicolon and tab
// too: Excel in many locales (India's included when set so) splits a .csv on ";" and would
// otherwise start a new cell, possibly a formula, in the middle of a value.
const NEEDS_QUOTES = /[",;\t\r\n]|^\s|\s$/;

/** `="000123"`: a formula whose result is the text, the one form both Excel and Calc keep. */
function literal(text: string): string {
  return `="${text.replace(/"/g, '""')}"`;
}

/** The CSV field for one cell, before quoting. */
export function csvText(cell: SpreadsheetCell): string {
  switch (cell.type) {
    case "empty":
      return "";
    case "number":
      return cell.text;
    case "date":
      return literal(cell.text);
    case "text":
      return cell.literal ? literal(cell.text) : cell.text;
  }
}

function quoted(field: string): string {
  return NEEDS_QUOTES.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/**
 * One CSV record, terminated by CRLF, so a large export can be written row by row. Each value
 * goes through `spreadsheetCell` (see cells.ts for what Excel and LibreOffice do on open and the
 * technique against each): digit strings, leading zeros and dates a spreadsheet would change are
 * written `="…"`, formula-like text gets a leading apostrophe, numbers (negative ones included)
 * stay numbers. `kinds[i]` "text" marks an identifier column, "date" a timestamp column.
 */
export function toCsvLine(values: readonly unknown[], kinds: readonly CellKind[] = []): string {
  return (
    values.map((value, i) => quoted(csvText(spreadsheetCell(value, kinds[i] ?? "auto")))).join(",") +
    CSV_NEWLINE
  );
}
