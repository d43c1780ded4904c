import Papa from "papaparse";
import { formatS3Url } from "@/lib/s3/location";
import { looksLikeUrl } from "./file-url";
import { problem, type FileLevelError, type RowProblem } from "./problems";
import type { S3InputOptions, S3RowInfo } from "./s3-rows";
import { toRows, type Draft } from "./to-rows";
import {
  detectDelimiter,
  headerName,
  ID_HEADERS,
  readCsvRecords,
  separatorHint,
  withoutEmptyTail,
  URL_HEADERS,
  type CsvRecord,
  type Delimiter,
} from "./records";
import { formatNumber } from "@/lib/format";

export type { FileLevelError, RowProblem } from "./problems";

export type InputRow = {
  /** 1-based line in the pasted text where the row starts. */
  line: number;
  documentId: string;
  documentIdGenerated: boolean;
  fileUrl: string;
  problems: RowProblem[];
  /** An `s3://` row: the location, and for a prefix the objects it expanded to. */
  s3?: S3RowInfo;
};

export type ParseBatchInputOptions = {
  maxRows: number;
  /** Only for the local simulator, which serves plain http. */
  allowHttp: boolean;
  now: Date;
  /** Ids already recorded (e.g. in the batch being extended); rows may not reuse them. */
  existingDocumentIds?: Iterable<string>;
  /** `s3://` rows: accepted only when S3 input is configured; prefixes expand to the listed objects. */
  s3?: S3InputOptions;
};

/** How the text was read, for the preview's "Read as …" line. */
export type InputLayout = { delimiter: Delimiter | null; header: boolean };

export type ParsedBatchInput = { rows: InputRow[]; errors: FileLevelError[]; layout: InputLayout };

type Columns = { id: number; url: number; width: number };

function detectHeader(record: CsvRecord): Columns | "no_url_column" | null {
  const names = record.cells.map(headerName);
  if (record.cells.some(looksLikeUrl)) return null;
  const url = names.findIndex((n) => URL_HEADERS.includes(n));
  const id = names.findIndex((n) => ID_HEADERS.includes(n));
  if (url === -1 && id === -1) return null;
  return url === -1 ? "no_url_column" : { id, url, width: record.cells.length };
}

/**
 * A row with more cells than the header whose URL has a query string: the delimiter occurs
 * inside the unquoted URL (`…?a=1;b=2`), so the URL takes the surplus cells back.
 */
function rowWithHeader(record: CsvRecord, columns: Columns, delimiter: string): Draft {
  const surplus = record.cells.length - columns.width;
  let cells = record.cells;
  if (surplus > 0 && delimiter !== "\t" && (cells[columns.url] ?? "").includes("?")) {
    const url = cells.slice(columns.url, columns.url + surplus + 1).join(delimiter);
    cells = [...cells.slice(0, columns.url), url, ...cells.slice(columns.url + surplus + 1)];
  }
  const cell = (i: number) => (i === -1 ? "" : (cells[i] ?? ""));
  return { line: record.line, documentId: cell(columns.id), fileUrl: cell(columns.url), problems: [] };
}

// A URL with a query string takes back the cells after it: the delimiter was inside the URL.
function joinUrlTail(cells: string[], delimiter: string): string[] {
  if (delimiter === "\t") return cells; // a URL never holds a raw tab
  const u = cells.findIndex((c) => /^https?:\/\//i.test(c));
  if (u === -1 || u > 1 || !cells[u]!.includes("?") || cells.length <= u + 1) return cells;
  // A URL holding the delimiter was quoted, so it is whole: what follows is another column.
  if (cells[u]!.includes(delimiter)) return cells;
  return [...cells.slice(0, u), cells.slice(u).join(delimiter)];
}

// Without a header a row is `file_url` or `document_id,file_url`.
function rowWithoutHeader(record: CsvRecord, delimiter: string): Draft {
  const { line, source } = record;
  const cells = joinUrlTail(record.cells, delimiter);
  const [first = "", second = ""] = cells;
  if (cells.length === 1) return { line, documentId: "", fileUrl: first, problems: [] };
  if (looksLikeUrl(first)) {
    if (!/^(https?|s3):/i.test(first)) return { line, documentId: "", fileUrl: source, problems: [] };
    if (cells.length === 2 && !looksLikeUrl(second)) {
      const message =
        "Looks like file_url,document_id — put document_id first, or add the header file_url,document_id";
      return { line, documentId: second, fileUrl: first, problems: [problem("columns_swapped", message)] };
    }
  }
  const problems =
    cells.length > 2 || looksLikeUrl(first)
      ? [
          problem(
            "too_many_columns",
            `Expected document_id,file_url but found ${cells.length} values — one row per line; quote values that contain the separator`,
          ),
        ]
      : [];
  return { line, documentId: first, fileUrl: second, problems };
}

// Empty cells at the end of a row are no column: read as columns they made the row "too many
// columns", or were joined back onto a pre-signed URL (`…&X-Amz-Signature=…;`).
function withoutEmptyTailCells(record: CsvRecord): CsvRecord {
  const cells = withoutEmptyTail(record.cells);
  return cells === record.cells ? record : { ...record, cells };
}

/**
 * Parses pasted or uploaded batch input: URLs one per line, or `document_id,file_url` rows (a
 * header, in any order and case, is optional), and says for every row what is wrong with it.
 */
export function parseBatchInput(text: string, options: ParseBatchInputOptions): ParsedBatchInput {
  const hint = separatorHint(text);
  const source = hint ? hint.text : text;
  const delimiter = hint?.delimiter ?? detectDelimiter(source);
  const records = readCsvRecords(source, delimiter)
    .filter((r) => r.cells.some((cell) => cell !== ""))
    .map(withoutEmptyTailCells);
  const errors: FileLevelError[] = [];
  const header = records[0] ? detectHeader(records[0]) : null;
  const layout: InputLayout = { delimiter, header: header !== null };
  if (header === "no_url_column") {
    const message = "The header has no file_url column — name the URL column file_url (or url)";
    return { rows: [], errors: [{ code: "header_without_url_column", message }], layout };
  }
  const body = header ? records.slice(1) : records;
  if (body.length === 0) {
    const message = "Nothing to submit — paste URLs (one per line) or document_id,file_url rows";
    return { rows: [], errors: [{ code: "empty_input", message }], layout };
  }
  const d = delimiter ?? ",";
  const drafts = body.map((record) => {
    const draft = header ? rowWithHeader(record, header, d) : rowWithoutHeader(record, d);
    if (record.error)
      draft.problems.push(problem("csv_malformed", `${record.error} — check the quotes on this line`));
    return draft;
  });
  const { rows, requested } = toRows(drafts, options);
  if (requested > options.maxRows) {
    const expanded = rows.some((r) => r.s3?.prefix);
    const count = formatNumber(requested, 0);
    const limit = formatNumber(options.maxRows, 0);
    const message = expanded
      ? `${count} documents once the folders are listed — the limit is ${limit} per batch; rows past it are marked and will not be submitted`
      : `${count} rows — the limit is ${limit} per batch; rows after the first ${limit} are marked and will not be submitted`;
    errors.push({ code: "too_many_rows", message });
  }
  return { rows, errors, layout };
}

const DELIMITER_NAMES: Record<Delimiter, string> = {
  ",": "comma-separated",
  ";": "semicolon-separated",
  "\t": "tab-separated",
  "|": "pipe-separated",
};

/** "Read as semicolon-separated, UTF-16 LE, header row" — how the preview says it read the input. */
export function describeLayout(layout: InputLayout, encoding: string): string {
  const columns = layout.delimiter ? DELIMITER_NAMES[layout.delimiter] : "one column";
  return `Read as ${columns}, ${encoding}, ${layout.header ? "header row" : "no header row"}`;
}

/**
 * The documents that can be submitted as they are: valid rows, each valid prefix row replaced by
 * the objects listed under it (on the prefix's line).
 */
export function validRows(rows: readonly InputRow[]): InputRow[] {
  return rows
    .filter((row) => row.problems.length === 0)
    .flatMap((row) =>
      row.s3?.prefix
        ? row.s3.objects.map((o) => ({
            line: row.line,
            documentId: o.documentId,
            documentIdGenerated: true,
            fileUrl: o.fileUrl,
            problems: [],
          }))
        : // An s3:// file is recorded by its location written the one way (`S3://` → `s3://`).
          [row.s3 ? { ...row, fileUrl: formatS3Url(row.s3.location) } : row],
    );
}

/**
 * CSV text (`document_id,file_url` with a header) for rows the user may have edited, to be parsed
 * again. Generated ids are left blank so they follow an edited URL, unless `keepGeneratedIds`.
 */
export function serializeRows(
  rows: readonly Pick<InputRow, "documentId" | "documentIdGenerated" | "fileUrl">[],
  options: { keepGeneratedIds?: boolean } = {},
): string {
  const data = rows.map((row) => [
    row.documentIdGenerated && !options.keepGeneratedIds ? "" : row.documentId,
    row.fileUrl,
  ]);
  return Papa.unparse({ fields: ["document_id", "file_url"], data }, { newline: "\n" });
}
