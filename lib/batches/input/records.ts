import Papa from "papaparse";

/** One CSV record with the 1-based line it starts on (a quoted value may span lines). */
export type CsvRecord = { line: number; cells: string[]; source: string; error: string | null };

function countNewlines(text: string): number {
  let n = 0;
  for (const ch of text) if (ch === "\n") n++;
  return n;
}

/**
 * Splits pasted text into CSV records. Comma or tab separated (a range copied from a
 * spreadsheet arrives tab-separated); BOM stripped; CRLF and lone CR count as one line break.
 */
export function readCsvRecords(text: string): CsvRecord[] {
  // Replacing CRLF/CR by LF keeps every line break a single break, so line numbers still match.
  const normalised = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const records: CsvRecord[] = [];
  let start = 0;
  let line = 1;
  Papa.parse<string[]>(normalised, {
    delimiter: "",
    delimitersToGuess: [",", "\t"],
    skipEmptyLines: false,
    step: (result) => {
      const end = result.meta.cursor;
      const raw = normalised.slice(start, end);
      const leadingBreaks = raw.length - raw.replace(/^\n+/, "").length;
      const error = result.errors.find((e) => e.type !== "Delimiter");
      records.push({
        line: line + leadingBreaks,
        cells: result.data.map((cell) => cell.trim()),
        source: raw.trim(),
        error: error ? error.message : null,
      });
      line += countNewlines(raw);
      start = end;
    },
  });
  return records;
}
