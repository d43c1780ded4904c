import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import { type CellKind, spreadsheetCell, type SpreadsheetCell } from "./cells";

/**
 * XLSX with explicit cell types, written with exceljs's streaming WorkbookWriter: each row is
 * committed (serialised and zipped) as soon as it is added, strings are written inline rather
 * than into a shared-string table, so memory stays flat however many rows a batch has.
 *
 * Types (decided by `spreadsheetCell`, as for CSV):
 * - text cells for identifiers, labels and every value that is not a plain number: digit strings
 *   with leading zeros, account numbers, IMEI, masked Aadhaar, and dates as they were read from
 *   the document (`15/08/2024` stays that text: no guess between DD/MM and MM/DD);
 * - number cells for plain numbers (amounts, confidence), with a format that keeps the decimals
 *   and grouping they were written with (`45,000.00` shows as 45,000.00);
 * - date cells for this app's own timestamps (decided at, reviewed at), in UTC, shown as
 *   `yyyy-mm-dd hh:mm:ss`.
 * Formula-like text keeps its leading apostrophe (ASVS 5.0 1.2.10 asks for it in XLSX too).
 */

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const XLSX_DATE_FORMAT = "yyyy-mm-dd hh:mm:ss";

/** Excel refuses a cell longer than this; the rest is cut and the cut said. */
export const XLSX_MAX_TEXT = 32_767;
const CUT_NOTE = "… [cut: longer than a spreadsheet cell holds; see the JSON export]";

// Characters XML 1.0 cannot carry (a file holding one does not open), lone surrogates included.
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text a worksheet can hold: XML-illegal characters replaced by U+FFFD, cut at Excel's limit. */
export function xlsxText(text: string): string {
  const clean = text.replace(NOT_XML, "\uFFFD");
  if (clean.length <= XLSX_MAX_TEXT) return clean;
  let cut = XLSX_MAX_TEXT - CUT_NOTE.length;
  if (/[\uD800-\uDBFF]/.test(clean[cut - 1]!)) cut--;
  return clean.slice(0, cut) + CUT_NOTE;
}

/** The exceljs value and number format for one cell. */
export function xlsxValue(cell: SpreadsheetCell): { value: ExcelJS.CellValue; numFmt?: string } {
  switch (cell.type) {
    case "empty":
      return { value: null };
    case "number":
      return { value: cell.value, numFmt: cell.numFmt };
    case "date":
      return { value: cell.value, numFmt: XLSX_DATE_FORMAT };
    case "text":
      return { value: xlsxText(cell.text) };
  }
}

/** Resolves when the stream wants more, or is gone. */
function drained(stream: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off("drain", done);
      stream.off("close", done);
      resolve();
    };
    stream.on("drain", done);
    stream.on("close", done);
  });
}

export type XlsxRow = { values: readonly unknown[]; kinds?: readonly CellKind[] };

export type XlsxSheet = {
  name: string;
  columns: readonly string[];
  /** Column widths in characters, by position; the header length when absent. */
  widths?: readonly number[];
};

/**
 * Streams a one-sheet workbook: a bold, frozen header row with a filter, then the rows of each
 * page as `pages` yields them (pulled only as fast as the reader takes the bytes).
 */
export function xlsxStream(sheet: XlsxSheet, pages: AsyncGenerator<XlsxRow[]>): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  let closed = false;
  out.on("close", () => {
    closed = true;
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
    // Fast deflate: the sheet XML still shrinks about tenfold, at a fraction of the CPU.
    zip: { zlib: { level: 1 } },
  });
  workbook.creator = "Atlas Review";
  const write = async () => {
    const worksheet = workbook.addWorksheet(sheet.name.slice(0, 31), {
      views: [{ state: "frozen", ySplit: 1 }],
    });
    sheet.columns.forEach((name, i) => {
      worksheet.getColumn(i + 1).width = sheet.widths?.[i] ?? Math.max(10, name.length + 2);
    });
    worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
    const header = worksheet.addRow([...sheet.columns]);
    header.font = { bold: true };
    header.commit();
    for await (const page of pages) {
      if (closed) break;
      for (const row of page) {
        const added = worksheet.addRow([]);
        row.values.forEach((value, i) => {
          const { value: cellValue, numFmt } = xlsxValue(spreadsheetCell(value, row.kinds?.[i] ?? "auto"));
          if (cellValue === null) return;
          const cell = added.getCell(i + 1);
          cell.value = cellValue;
          if (numFmt) cell.numFmt = numFmt;
        });
        added.commit();
      }
      // Let the zip stream run (it deflates on the thread pool) before the next page is added,
      // and wait while the reader is behind.
      await new Promise((resolve) => setImmediate(resolve));
      if (out.writableNeedDrain && !closed) await drained(out);
    }
    if (closed) {
      await pages.return(undefined);
      return;
    }
    worksheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
