import Papa from "papaparse";
import { looksLikeUrl } from "./file-url";

/** One CSV record with the 1-based line it starts on (a quoted value may span lines). */
export type CsvRecord = { line: number; cells: string[]; source: string; error: string | null };

export type Delimiter = "," | ";" | "\t" | "|";

/** Tab first: URLs never contain one, so a tab is the least ambiguous separator. */
export const DELIMITERS: readonly Delimiter[] = ["\t", ";", ",", "|"];

export const URL_HEADERS = [
  "file_url",
  "fileurl",
  "url",
  "file",
  "link",
  "file_link",
  "document_url",
  "s3_url",
];
export const ID_HEADERS = ["document_id", "documentid", "doc_id", "id"];

export const headerName = (cell: string) => cell.toLowerCase().replace(/[\s-]+/g, "_");

// A delimiter that cannot occur in text people paste: a list of URLs is read as one column.
const NO_DELIMITER = "\u001F";
const SAMPLE_RECORDS = 200;

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** BOM stripped; CRLF and lone CR become LF, so every line break is one break and line numbers match. */
export function normaliseLineBreaks(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

/**
 * A row without the empty cells a spreadsheet writes at its end (`d1;https://…;;`) whenever
 * another row or the header has more columns: they are no column. `d1;` keeps its empty second
 * cell (an id without its URL); `https://…;` is the URL alone.
 */
export function withoutEmptyTail(cells: string[]): string[] {
  const min = cells.length > 0 && looksLikeUrl(cells[0]!.trim()) ? 1 : 2;
  let end = cells.length;
  while (end > min && cells[end - 1]!.trim() === "") end--;
  return end === cells.length ? cells : cells.slice(0, end);
}

function sampleRows(text: string, delimiter: string): string[][] {
  const result = Papa.parse<string[]>(text, { delimiter, preview: SAMPLE_RECORDS, skipEmptyLines: "greedy" });
  return result.data.map((row) => withoutEmptyTail(row.map((cell) => cell.trim())));
}

const startsWithUrl = (cell: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(cell);
// A document id the user may have put after the URL: not a piece of a query string.
const plausibleId = (cell: string) => cell.length >= 2 && !/[=&?%\s]/.test(cell);

/**
 * How well a delimiter explains one data row without a header: `document_id<d>file_url` (the
 * URL last, so whatever follows a `?` is still the URL) scores, and so does
 * `file_url<d>document_id` for a URL without a query string; a URL-first row cut inside its
 * query string (`…?a=1` `b=2`) counts against the delimiter.
 */
function scoreRow(cells: string[], delimiter: Delimiter): number {
  if (cells.length < 2) return 0;
  const u = cells.findIndex(looksLikeUrl);
  if (u === -1) return 0;
  const url = cells[u]!;
  // A URL never holds a raw tab: `file_url<tab>document_id` is two columns, query string or not.
  if (delimiter === "\t") return u <= 1 && cells.length === 2 ? 1 : 0;
  const after = cells.slice(u + 1).filter((c) => c !== "");
  // A URL cell that holds the delimiter was quoted (else it would have been split): whatever
  // follows it is another column, as Excel writes `"https://…?a=1;b=2";d1`.
  if (url.includes(delimiter)) return u <= 1 && cells.length === 2 ? 1 : 0;
  // `id<d>url…`: what follows a URL with a query string is the rest of that URL.
  if (u === 1 && !looksLikeUrl(cells[0]!) && (after.length === 0 || url.includes("?"))) return 1;
  if (url.includes("?") && after.some((c) => !startsWithUrl(c))) return -1;
  if (u === 0 && cells.length === 2 && plausibleId(cells[1]!)) return 1;
  // `id<d>url<d>note…` or `url<d>id<d>note…` without a query string: the delimiter cut the row
  // outside the URL, so it is the separator (the row then has too many columns, said as such,
  // rather than every row being "Not a URL").
  if (u <= 1 && !url.includes("?") && cells.slice(0, 2).every((c) => c !== "")) return 1;
  return 0;
}

function headerScore(cells: string[]): number {
  if (cells.some(looksLikeUrl)) return 0;
  const names = cells.map(headerName);
  const url = names.some((n) => URL_HEADERS.includes(n)) ? 1 : 0;
  return url + names.filter((n) => URL_HEADERS.includes(n) || ID_HEADERS.includes(n)).length;
}

/**
 * The separator of pasted text or a file: comma, semicolon (Excel in many locales), tab (a
 * range copied from a spreadsheet, "Unicode text") or pipe; null when it is one column, e.g.
 * a list of URLs, whose query strings may well contain `;` and `,`. A header row decides when
 * there is one; otherwise the delimiter that makes the most rows `document_id,file_url`.
 */
export function detectDelimiter(text: string): Delimiter | null {
  const normalised = normaliseLineBreaks(text);
  const present = DELIMITERS.filter((d) => normalised.includes(d));
  if (present.length === 0) return null;
  let best: { delimiter: Delimiter; header: number; rows: number } | null = null;
  for (const delimiter of present) {
    const rows = sampleRows(normalised, delimiter);
    const header = rows[0] && rows[0].length > 1 ? headerScore(rows[0]) : 0;
    const body = header > 0 ? rows.slice(1) : rows;
    const score = body.reduce((sum, cells) => sum + scoreRow(cells, delimiter), 0);
    const better = best === null || header > best.header || (header === best.header && score > best.rows);
    if (better && (header > 0 || score > 0)) best = { delimiter, header, rows: score };
  }
  return best?.delimiter ?? null;
}

// Excel's separator hint, a first line `sep=;` (Excel reads it, and files meant for Excel carry it).
const SEPARATOR_HINT = /^\uFEFF?"?sep=(.)"?[ \t]*(?=\r\n|\r|\n|$)/i;

/**
 * The delimiter named by an Excel `sep=` first line, and the text with that line left blank (so
 * line numbers still match); null when there is no such line. A hint naming another character
 * still marks the line as not data, with the delimiter then detected from the rows.
 */
export function separatorHint(text: string): { delimiter: Delimiter | null; text: string } | null {
  const m = SEPARATOR_HINT.exec(text);
  if (!m) return null;
  const named = m[1] as Delimiter;
  return {
    delimiter: DELIMITERS.includes(named) ? named : null,
    text: text.slice(m[0].length),
  };
}

/**
 * Splits pasted text into CSV records with the given delimiter (null: one column). BOM
 * stripped; CRLF and lone CR count as one line break; quoted values may hold delimiters,
 * quotes and line breaks.
 */
export function readCsvRecords(
  text: string,
  delimiter: Delimiter | null = detectDelimiter(text),
): CsvRecord[] {
  const normalised = normaliseLineBreaks(text);
  const records: CsvRecord[] = [];
  let start = 0;
  let line = 1;
  Papa.parse<string[]>(normalised, {
    delimiter: delimiter ?? NO_DELIMITER,
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
