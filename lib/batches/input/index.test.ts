import { describe, expect, it } from "vitest";
import { parseBatchInput, serializeRows, validRows, type ParseBatchInputOptions } from "./index";

const NOW = new Date("2025-11-21T12:00:00Z");
const OPTIONS: ParseBatchInputOptions = { maxRows: 5000, allowHttp: false, now: NOW };
const parse = (text: string, options: Partial<ParseBatchInputOptions> = {}) =>
  parseBatchInput(text, { ...OPTIONS, ...options });
const summary = (text: string, options: Partial<ParseBatchInputOptions> = {}) =>
  parse(text, options).rows.map((r) => ({
    line: r.line,
    id: r.documentId,
    generated: r.documentIdGenerated,
    url: r.fileUrl,
    codes: r.problems.map((p) => p.code),
  }));
const U = (name: string) => `https://docs.example.in/kyc/${name}`;

describe("parseBatchInput: formats", () => {
  it("reads URLs one per line, ignoring blank lines, and generates ids from file names", () => {
    expect(summary(`${U("pan-card-0001.jpg")}\n\n   \n${U("aadhaar-0002.png")}\n`)).toEqual([
      { line: 1, id: "pan-card-0001", generated: true, url: U("pan-card-0001.jpg"), codes: [] },
      { line: 4, id: "aadhaar-0002", generated: true, url: U("aadhaar-0002.png"), codes: [] },
    ]);
  });

  it("reads document_id,file_url rows without a header", () => {
    expect(summary(`doc-1,${U("a.jpg")}\ndoc-2 , ${U("b.jpg")}`)).toEqual([
      { line: 1, id: "doc-1", generated: false, url: U("a.jpg"), codes: [] },
      { line: 2, id: "doc-2", generated: false, url: U("b.jpg"), codes: [] },
    ]);
  });

  it.each(["document_id,file_url", "Document ID,URL", "DOC_ID,File-URL"])(
    "detects the header %j",
    (header) => {
      const rows = parse(`${header}\nd1,${U("a.jpg")}`).rows;
      expect(rows).toEqual([
        { line: 2, documentId: "d1", documentIdGenerated: false, fileUrl: U("a.jpg"), problems: [] },
      ]);
    },
  );

  it("follows a header in file_url,document_id order, with extra columns ignored", () => {
    expect(summary(`file_url,notes,document_id\n${U("a.jpg")},first,d1\n${U("b.jpg")},,`)).toEqual([
      { line: 2, id: "d1", generated: false, url: U("a.jpg"), codes: [] },
      { line: 3, id: "b", generated: true, url: U("b.jpg"), codes: [] },
    ]);
  });

  it("accepts a url-only header", () => {
    expect(summary(`url\n${U("a.jpg")}`)).toMatchObject([{ line: 2, id: "a", generated: true }]);
  });

  it("reports a header without a URL column at file level", () => {
    expect(parse("document_id,name\nd1,Ravi")).toEqual({
      rows: [],
      errors: [{ code: "header_without_url_column", message: expect.stringContaining("file_url") }],
      layout: { delimiter: ",", header: true },
    });
  });

  it("unquotes CSV fields, including commas, quotes and line breaks inside quotes", () => {
    const text = `"doc,1","${U("a.jpg")}"\n"say ""hi""",${U("b.jpg")}\n"two\nlines",${U("c.jpg")}\nlast,${U("d.jpg")}`;
    expect(summary(text).map(({ line, id, codes }) => ({ line, id, codes }))).toEqual([
      { line: 1, id: "doc,1", codes: [] },
      { line: 2, id: 'say "hi"', codes: [] },
      { line: 3, id: "two\nlines", codes: ["document_id_control_chars"] },
      { line: 5, id: "last", codes: [] },
    ]);
  });

  it("strips a BOM and handles CRLF and CR line breaks", () => {
    const text = `\uFEFFdocument_id,file_url\r\nd1,${U("a.jpg")}\r\n\r\nd2,${U("b.jpg")}\rd3,${U("c.jpg")}\r\n`;
    expect(summary(text).map(({ line, id, url }) => ({ line, id, url }))).toEqual([
      { line: 2, id: "d1", url: U("a.jpg") },
      { line: 4, id: "d2", url: U("b.jpg") },
      { line: 5, id: "d3", url: U("c.jpg") },
    ]);
  });

  it("accepts tab-separated rows pasted from a spreadsheet", () => {
    expect(summary(`document_id\tfile_url\nd1\t${U("a.jpg")}`)).toMatchObject([
      { id: "d1", url: U("a.jpg"), codes: [] },
    ]);
  });

  it("ignores the empty cells a spreadsheet writes at the end of rows, with or without a header", () => {
    const signed = `${U("a.jpg")}?X-Amz-Date=20251121T113000Z&X-Amz-Expires=3600&X-Amz-Signature=ab12`;
    for (const text of [
      `d1;${signed};\nd2;${U("b.jpg")};;\n`,
      `d1,${signed},\nd2,${U("b.jpg")},,\n`,
      `d1\t${signed}\t\nd2\t${U("b.jpg")}\t\t\n`,
      `document_id;file_url\nd1;${signed};\nd2;${U("b.jpg")};;\n`,
      `document_id;file_url;\nd1;${signed};\nd2;${U("b.jpg")};\n`,
    ]) {
      expect(summary(text), text).toMatchObject([
        { id: "d1", url: signed, codes: [] },
        { id: "d2", url: U("b.jpg"), codes: [] },
      ]);
    }
  });

  it("reports empty input at file level", () => {
    expect(parse(" \n\n").errors.map((e) => e.code)).toEqual(["empty_input"]);
    expect(parse("document_id,file_url\n").errors.map((e) => e.code)).toEqual(["empty_input"]);
  });
});

describe("parseBatchInput: row problems", () => {
  it("explains each bad row and keeps good rows valid", () => {
    const text = [
      U("ok.jpg"),
      "javascript:alert(1)",
      "www.example.com/a.jpg",
      "http://docs.example.in/b.jpg",
      U("ok.jpg"),
      `dup,${U("c.jpg")}`,
      `dup,${U("d.jpg")}`,
      `${"x".repeat(129)},${U("e.jpg")}`,
      `d9,`,
    ].join("\n");
    expect(summary(text).map((r) => [r.line, r.codes])).toEqual([
      [1, []],
      [2, ["scheme_refused"]],
      [3, ["not_a_url"]],
      [4, ["http_not_allowed"]],
      [5, ["duplicate_url"]],
      [6, []],
      [7, ["duplicate_document_id"]],
      [8, ["document_id_too_long"]],
      [9, ["missing_url"]],
    ]);
    const rows = parse(text).rows;
    expect(rows[4]?.problems[0]?.message).toBe("Same file as line 1 — remove one of the two rows");
    expect(rows[6]?.problems[0]?.message).toBe(
      'document_id "dup" is already used on line 6 — give each row its own id',
    );
    expect(validRows(rows).map((r) => r.line)).toEqual([1, 6]);
  });

  it("allows http when configured (the simulator)", () => {
    expect(summary("http://localhost:4010/files/a.jpg", { allowHttp: true })[0]?.codes).toEqual([]);
  });

  it("treats two pre-signed links to the same object as duplicates", () => {
    const signed = (date: string) => `${U("a.jpg")}?X-Amz-Date=${date}&X-Amz-Expires=3600&X-Amz-Signature=s`;
    expect(
      summary(`${signed("20251121T113000Z")}\n${signed("20251121T114000Z")}`).map((r) => r.codes),
    ).toEqual([[], ["duplicate_url"]]);
  });

  it("flags expired and malformed pre-signed links", () => {
    const text = [
      `${U("old.jpg")}?X-Amz-Date=20251120T000000Z&X-Amz-Expires=3600&X-Amz-Signature=s`,
      `${U("bad.jpg")}?X-Amz-Date=yesterday&X-Amz-Expires=3600&X-Amz-Signature=s`,
    ].join("\n");
    expect(summary(text).map((r) => r.codes)).toEqual([["url_expired"], ["url_signature_malformed"]]);
  });

  it("refuses ids already recorded", () => {
    const rows = parse(`d1,${U("a.jpg")}\n${U("d1.jpg")}`, { existingDocumentIds: ["d1"] }).rows;
    expect(rows.map((r) => [r.documentId, r.problems.map((p) => p.code)])).toEqual([
      ["d1", ["document_id_exists"]],
      ["d1-2", []],
    ]);
  });

  it("flags swapped columns without a header, and too many columns", () => {
    expect(summary(`${U("a.jpg")},doc-1\nd2,${U("b.jpg")},extra\n${U("c.jpg")},${U("d.jpg")}`)).toEqual([
      { line: 1, id: "doc-1", generated: false, url: U("a.jpg"), codes: ["columns_swapped"] },
      { line: 2, id: "d2", generated: false, url: U("b.jpg"), codes: ["too_many_columns"] },
      { line: 3, id: U("c.jpg"), generated: false, url: U("d.jpg"), codes: ["too_many_columns"] },
    ]);
  });

  it("keeps a data: URL containing a comma whole, and refuses it", () => {
    expect(summary("data:image/png;base64,iVBORw0KGgo=")).toMatchObject([
      { url: "data:image/png;base64,iVBORw0KGgo=", codes: ["scheme_refused"] },
    ]);
  });

  it("reports an unterminated quote on its row", () => {
    const rows = summary(`d1,${U("a.jpg")}\n"d2,${U("b.jpg")}`);
    expect(rows[1]?.line).toBe(2);
    expect(rows[1]?.codes).toContain("csv_malformed");
  });
});

describe("parseBatchInput: limits", () => {
  it("reports too many rows at file level and marks the rows beyond the limit", () => {
    const text = ["document_id,file_url", ...[1, 2, 3, 4].map((n) => `d${n},${U(`${n}.jpg`)}`)].join("\n");
    const { rows, errors } = parse(text, { maxRows: 3 });
    expect(errors).toEqual([
      {
        code: "too_many_rows",
        message:
          "4 rows — the limit is 3 per batch; rows after the first 3 are marked and will not be submitted",
      },
    ]);
    expect(rows.map((r) => r.problems.map((p) => p.code))).toEqual([[], [], [], ["over_limit"]]);
    expect(validRows(rows)).toHaveLength(3);
  });

  it("formats large counts the Indian way", () => {
    const text = Array.from({ length: 5001 }, (_, i) => U(`f-${i}.jpg`)).join("\n");
    const { rows, errors } = parse(text);
    expect(errors[0]?.message).toMatch(/^5,001 rows — the limit is 5,000 per batch/);
    expect(rows.at(-1)?.problems[0]?.message).toBe("Beyond the 5,000-row limit — submit it in another batch");
  });
});

describe("generated ids", () => {
  it("are readable, de-duplicated and avoid ids supplied later in the file", () => {
    const text = `document_id,file_url\n,${U("scan.jpg")}\n,${U("other/scan.jpg")}\nscan-2,${U("x.jpg")}\n,${U("%20.jpg")}`;
    expect(parse(text).rows.map((r) => r.documentId)).toEqual(["scan", "scan-3", "scan-2", "document"]);
  });

  it("are stable across parses", () => {
    const text = [U("a.jpg"), U("b/a.jpg"), `x,${U("c.jpg")}`, U("a.png")].join("\n");
    expect(parse(text).rows).toEqual(parse(text).rows);
    expect(parse(text).rows.map((r) => r.documentId)).toEqual(["a", "a-2", "x", "a-3"]);
  });
});

describe("serializeRows", () => {
  it("round-trips edited rows through CSV, regenerating blank generated ids", () => {
    const { rows } = parse(`${U("pan.jpg")}\n"id, with comma",javascript:alert(1)`);
    const edited = rows.map((r) => (r.line === 2 ? { ...r, fileUrl: U("fixed.jpg") } : r));
    const text = serializeRows(edited);
    expect(text).toBe(`document_id,file_url\n,${U("pan.jpg")}\n"id, with comma",${U("fixed.jpg")}`);
    expect(parse(text).rows.map((r) => [r.documentId, r.documentIdGenerated, r.problems])).toEqual([
      ["pan", true, []],
      ["id, with comma", false, []],
    ]);
  });

  it("can keep generated ids", () => {
    const { rows } = parse(U("pan.jpg"));
    expect(serializeRows(rows, { keepGeneratedIds: true })).toBe(`document_id,file_url\npan,${U("pan.jpg")}`);
  });
});
