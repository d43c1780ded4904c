import Papa from "papaparse";
import { checkDocumentId, generateIds } from "./document-ids";
import { checkFileUrl, looksLikeUrl } from "./file-url";
import { problem, type FileLevelError, type RowProblem } from "./problems";
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
};

export type ParseBatchInputOptions = {
  maxRows: number;
  /** Only for the local simulator, which serves plain http. */
  allowHttp: boolean;
  now: Date;
  /** Ids already recorded (e.g. in the batch being extended); rows may not reuse them. */
  existingDocumentIds?: Iterable<string>;
};

/** How the text was read, for the preview's "Read as …" line. */
export type InputLayout = { delimiter: Delimiter | null; header: boolean };

export type ParsedBatchInput = { rows: InputRow[]; errors: FileLevelError[]; layout: InputLayout };

type Columns = { id: number; url: number; width: number };
type Draft = { line: number; documentId: string; fileUrl: string; problems: RowProblem[] };

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
    if (!/^https?:/i.test(first)) return { line, documentId: "", fileUrl: source, problems: [] };
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

function firstLines<K>(): { seen: (key: K, line: number) => number | undefined } {
  const lines = new Map<K, number>();
  return {
    seen(key, line) {
      const first = lines.get(key);
      if (first === undefined) lines.set(key, line);
      return first;
    },
  };
}

function toRows(drafts: Draft[], options: ParseBatchInputOptions): InputRow[] {
  const existing = new Set(options.existingDocumentIds ?? []);
  const supplied = new Set(drafts.map((d) => d.documentId).filter((id) => id !== ""));
  const generated = generateIds(
    drafts.map((d) => (d.documentId === "" ? d.fileUrl : null)),
    new Set([...supplied, ...existing]),
  );
  const urls = firstLines<string>();
  const ids = firstLines<string>();

  return drafts.map((draft, index) => {
    const problems = [...draft.problems];
    const generatedId = generated[index] ?? null;
    const documentId = generatedId ?? draft.documentId;
    if (generatedId === null) {
      problems.push(...checkDocumentId(documentId));
      const firstLine = ids.seen(documentId, draft.line);
      if (firstLine !== undefined) {
        const message = `document_id "${documentId}" is already used on line ${firstLine} — give each row its own id`;
        problems.push(problem("duplicate_document_id", message));
      } else if (existing.has(documentId)) {
        problems.push(
          problem("document_id_exists", `document_id "${documentId}" already exists — choose another id`),
        );
      }
    }
    const url = checkFileUrl(draft.fileUrl, options);
    problems.push(...url.problems);
    const firstUrlLine = url.identity === null ? undefined : urls.seen(url.identity, draft.line);
    if (firstUrlLine !== undefined) {
      problems.push(
        problem("duplicate_url", `Same file as line ${firstUrlLine} — remove one of the two rows`),
      );
    }
    if (index >= options.maxRows) {
      const message = `Beyond the ${formatNumber(options.maxRows, 0)}-row limit — submit it in another batch`;
      problems.push(problem("over_limit", message));
    }
    return {
      line: draft.line,
      documentId,
      documentIdGenerated: generatedId !== null,
      fileUrl: draft.fileUrl,
      problems,
    };
  });
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
  if (drafts.length > options.maxRows) {
    const count = formatNumber(drafts.length, 0);
    const limit = formatNumber(options.maxRows, 0);
    const message = `${count} rows — the limit is ${limit} per batch; rows after the first ${limit} are marked and will not be submitted`;
    errors.push({ code: "too_many_rows", message });
  }
  return { rows: toRows(drafts, options), errors, layout };
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

/** Rows that can be submitted as they are. */
export function validRows(rows: readonly InputRow[]): InputRow[] {
  return rows.filter((row) => row.problems.length === 0);
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
