/**
 * How batch input is read: delimiter, header and encoding, as people paste it and as Excel and
 * LibreOffice write files. The property tests write CSV with an RFC 4180 writer of their own
 * and encode it with Node's Buffer codecs (not the TextDecoder the app uses).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeLayout, parseBatchInput, type ParseBatchInputOptions } from "./index";
import { decodeBytes, describeEncoding } from "./encoding";
import { detectDelimiter, type Delimiter } from "./records";

const NOW = new Date("2025-11-21T12:00:00Z");
const OPTIONS: ParseBatchInputOptions = { maxRows: 5000, allowHttp: false, now: NOW };
const parse = (text: string) => parseBatchInput(text, OPTIONS);
const pairs = (text: string) =>
  parse(text).rows.map((r) => [r.documentId, r.fileUrl, r.problems.map((p) => p.code)]);

// A realistic SigV4 link whose query string carries `;`, `,` and `|` (content-disposition, ranges).
const signed = (name: string, extra = "response-content-disposition=attachment;filename=a,b.pdf") =>
  `https://kyc-bucket.s3.ap-south-1.amazonaws.com/in/${name}.pdf?${extra}&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIA%2F20251121%2Fap-south-1%2Fs3%2Faws4_request&X-Amz-Date=20251121T113000Z&X-Amz-Expires=3600&X-Amz-Security-Token=IQoJb3JpZ2luX2VjE%2F%2F%2F&X-Amz-SignedHeaders=host&X-Amz-Signature=abc123`;

// RFC 4180: quote a field when it holds the delimiter, a quote or a line break.
function writeCsv(rows: string[][], delimiter: string, newline: string): string {
  const field = (v: string) =>
    v.includes(delimiter) || /["\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  return rows.map((r) => r.map(field).join(delimiter)).join(newline);
}

describe("delimiter detection", () => {
  it.each<[string, Delimiter]>([
    [",", ","],
    [";", ";"],
    ["\t", "\t"],
    ["|", "|"],
  ])("reads %j-separated rows with a header", (d, expected) => {
    const text = [`document_id${d}file_url`, `d1${d}${signed("a")}`, `d2${d}${signed("b")}`].join("\n");
    expect(detectDelimiter(text)).toBe(expected);
    expect(pairs(text)).toEqual([
      ["d1", signed("a"), []],
      ["d2", signed("b"), []],
    ]);
    expect(parse(text).layout).toEqual({ delimiter: expected, header: true });
  });

  it.each([",", ";", "\t", "|"])("reads %j-separated rows without a header", (d) => {
    const text = `d1${d}${signed("a")}\nd2${d}${signed("b")}`;
    expect(pairs(text)).toEqual([
      ["d1", signed("a"), []],
      ["d2", signed("b"), []],
    ]);
  });

  it("reads a short tab-separated paste with a final newline", () => {
    expect(pairs(`d1\thttps://docs.example.in/a.jpg\n`)).toEqual([
      ["d1", "https://docs.example.in/a.jpg", []],
    ]);
    expect(pairs(`d1\thttps://docs.example.in/a.jpg\r\nd2\thttps://docs.example.in/b.jpg\r\n`)).toHaveLength(
      2,
    );
  });

  it("reads file_url<tab>document_id as two columns (a URL never holds a tab) and flags the order", () => {
    expect(pairs(`${signed("a")}\tDOC-1\n${signed("b")}\tDOC-2\n`)).toEqual([
      ["DOC-1", signed("a"), ["columns_swapped"]],
      ["DOC-2", signed("b"), ["columns_swapped"]],
    ]);
    expect(pairs(`file_url\tdocument_id\n${signed("a")}\tDOC-1`)).toEqual([["DOC-1", signed("a"), []]]);
  });

  it("keeps a list of URLs with ; , and | in their query strings as one column", () => {
    const urls = [
      signed("a"),
      signed("b", "x=1,2,3"),
      signed("c", "p=a|b"),
      signed("d", "q=x;y"),
      "https://docs.example.in/e.jpg?w=100,200&sig=abc",
    ];
    const text = urls.join("\n");
    expect(detectDelimiter(text)).toBeNull();
    expect(pairs(text).map(([, url, codes]) => [url, codes])).toEqual(urls.map((u) => [u, []]));
    expect(parse(signed("one")).rows).toHaveLength(1);
    expect(parse(signed("one")).rows[0]?.fileUrl).toBe(signed("one"));
  });

  it("gives a URL back the cells an unquoted delimiter in its query string split off", () => {
    const text = `document_id;file_url;note\nd1;${signed("a")};first`;
    expect(pairs(`document_id;file_url\nd1;${signed("a")}`)).toEqual([["d1", signed("a"), []]]);
    expect(pairs(`d1,${signed("a")}`)).toEqual([["d1", signed("a"), []]]);
    // A note after the URL: the header says three columns, so the surplus is the URL's.
    expect(pairs(text)).toEqual([["d1", `${signed("a")}`, []]]);
  });

  it("reads quoted fields with embedded delimiters, quotes and line breaks", () => {
    const text = `document_id;file_url\r\n"a;b ""x""\r\nc";"${signed("a")}"\r\n`;
    expect(parse(text).rows.map((r) => [r.line, r.documentId, r.fileUrl])).toEqual([
      [2, 'a;b "x"\nc', signed("a")],
    ]);
  });

  it("says how it read the input", () => {
    expect(describeLayout({ delimiter: ";", header: true }, "UTF-16 LE")).toBe(
      "Read as semicolon-separated, UTF-16 LE, header row",
    );
    expect(describeLayout(parse(signed("a")).layout, "UTF-8")).toBe(
      "Read as one column, UTF-8, no header row",
    );
    expect(describeLayout(parse(`a\t${signed("a")}`).layout, "UTF-8")).toBe(
      "Read as tab-separated, UTF-8, no header row",
    );
  });
});

describe("decodeBytes", () => {
  const text = "document_id,file_url\r\nआधार-1,https://x.in/a.jpg\r\nCafé,https://x.in/b.jpg\r\n";
  const bom = (b: number[], body: Buffer) => Buffer.concat([Buffer.from(b), body]);
  const swap = (buf: Buffer) => Buffer.from(buf).swap16();

  it.each([
    ["UTF-8", Buffer.from(text, "utf8"), "UTF-8"],
    ["UTF-8 with BOM", bom([0xef, 0xbb, 0xbf], Buffer.from(text, "utf8")), "UTF-8 with BOM"],
    ["UTF-16 LE with BOM", bom([0xff, 0xfe], Buffer.from(text, "utf16le")), "UTF-16 LE"],
    ["UTF-16 BE with BOM", bom([0xfe, 0xff], swap(Buffer.from(text, "utf16le"))), "UTF-16 BE"],
    ["UTF-16 LE without BOM", Buffer.from(text, "utf16le"), "UTF-16 LE"],
    ["UTF-16 BE without BOM", swap(Buffer.from(text, "utf16le")), "UTF-16 BE"],
  ])("reads %s", (_name, bytes, encoding) => {
    const decoded = decodeBytes(new Uint8Array(bytes));
    expect(decoded.text).toBe(text);
    expect(describeEncoding(decoded)).toBe(encoding);
  });

  it("reads Windows-1252 from older Excel (bytes that are not UTF-8)", () => {
    // "Café;Müller – €5" as Windows-1252: é E9, ü FC, en dash 96, euro 80.
    const bytes = Uint8Array.from([
      0x43, 0x61, 0x66, 0xe9, 0x3b, 0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x20, 0x96, 0x20, 0x80, 0x35,
    ]);
    expect(decodeBytes(bytes)).toEqual({ text: "Café;Müller – €5", encoding: "Windows-1252", bom: false });
  });

  it("maps every high byte as the WHATWG/Microsoft Windows-1252 table does (0x80–0x9F included)", () => {
    // Python's cp1252 codec, with WHATWG's pass-through for its five undefined bytes.
    const expected =
      "\u20ac\x81\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\x8d\u017d\x8f" +
      "\x90\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\x9d\u017e\u0178";
    const high = Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i);
    // Bytes that are not UTF-8, so the reader falls back to Windows-1252.
    const decoded = decodeBytes(high);
    expect(decoded.encoding).toBe("Windows-1252");
    expect(decoded.text.slice(0, 32)).toBe(expected);
    expect(decoded.text.slice(32)).toBe(
      String.fromCharCode(...Array.from({ length: 96 }, (_, i) => 0xa0 + i)),
    );
  });

  it("round-trips any text through every Unicode encoding it detects (property)", () => {
    fc.assert(
      fc.property(
        // Without a BOM, UTF-16 is recognised by its zero bytes: mostly-ASCII text, as CSV is.
        fc.string({ unit: "grapheme", maxLength: 20 }).map((s) => `document_id,file_url\r\n${s}`),
        fc.constantFrom("utf8", "utf8bom", "utf16le", "utf16lebom", "utf16bebom"),
        (s, enc) => {
          const le = Buffer.from(s, "utf16le");
          const bytes = {
            utf8: Buffer.from(s, "utf8"),
            utf8bom: bom([0xef, 0xbb, 0xbf], Buffer.from(s, "utf8")),
            utf16le: le,
            utf16lebom: bom([0xff, 0xfe], le),
            utf16bebom: bom([0xfe, 0xff], swap(le)),
          }[enc];
          expect(decodeBytes(new Uint8Array(bytes)).text).toBe(s);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe("files as spreadsheets write them", () => {
  const rows = [
    ["document_id", "file_url"],
    ["APP-1 PAN", signed("a")],
    ["Note, with comma", signed("b")],
    ["two\nlines", signed("c")],
  ];
  const read = (bytes: Uint8Array) => {
    const decoded = decodeBytes(bytes);
    const parsed = parse(decoded.text);
    return {
      how: describeLayout(parsed.layout, describeEncoding(decoded)),
      rows: parsed.rows.map((r) => [r.line, r.documentId, r.fileUrl]),
    };
  };
  const expected = [
    [2, "APP-1 PAN", signed("a")],
    [3, "Note, with comma", signed("b")],
    [4, "two\nlines", signed("c")],
  ];

  it("Excel 'CSV UTF-8': BOM, CRLF, comma, quoted fields", () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(writeCsv(rows, ",", "\r\n") + "\r\n"),
    ]);
    expect(read(bytes)).toEqual({
      how: "Read as comma-separated, UTF-8 with BOM, header row",
      rows: expected,
    });
  });

  it("Excel 'CSV' in a comma-decimal locale: Windows-1252, semicolons, CRLF", () => {
    const csv =
      writeCsv(
        [
          ["document_id", "file_url"],
          ["Müller", signed("a")],
        ],
        ";",
        "\r\n",
      ) + "\r\n";
    const bytes = Uint8Array.from(csv, (c) => (c === "ü" ? 0xfc : c.charCodeAt(0)));
    expect(read(bytes)).toEqual({
      how: "Read as semicolon-separated, Windows-1252, header row",
      rows: [[2, "Müller", signed("a")]],
    });
  });

  it("Excel 'Unicode Text': UTF-16 LE with BOM, tabs, CRLF", () => {
    const text = writeCsv(rows, "\t", "\r\n") + "\r\n";
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    expect(read(bytes)).toEqual({ how: "Read as tab-separated, UTF-16 LE, header row", rows: expected });
  });

  it("LibreOffice Calc default: UTF-8, comma, LF, quotes only where needed", () => {
    const bytes = Buffer.from(writeCsv(rows, ",", "\n") + "\n");
    expect(read(bytes)).toEqual({ how: "Read as comma-separated, UTF-8, header row", rows: expected });
  });
});

describe("parseBatchInput reads back what a CSV writer wrote (property)", () => {
  const id = fc
    .string({ unit: fc.constantFrom(..."abcXYZ019 -_.,;|\t\"'/आधारé"), minLength: 1, maxLength: 12 })
    .map((s) => s.trim())
    .filter((s) => s !== "" && !s.includes("\t"));
  const query = fc.string({ unit: fc.constantFrom(..."ab=&;,|%2F0"), maxLength: 20 });

  it("for every delimiter, line ending, encoding, BOM and header choice", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(id, query), { minLength: 1, maxLength: 8 }),
        fc.constantFrom<Delimiter>(",", ";", "\t", "|"),
        fc.constantFrom("\n", "\r\n"),
        fc.boolean(),
        fc.constantFrom("utf8", "utf8bom", "utf16le", "utf16lebom", "utf16bebom"),
        (spec, delimiter, newline, header, encoding) => {
          const seen = new Set<string>();
          const rows = spec
            .filter(([docId]) => !seen.has(docId) && seen.add(docId))
            .map(([docId, q], i) => [
              docId,
              signed(`doc-${i}`, `x=${encodeURIComponent(q)}&q=${q.replace(/&/g, "")}`),
            ]);
          const body = header ? [["document_id", "file_url"], ...rows] : rows;
          const csv = writeCsv(body, delimiter, newline) + newline;
          const le = Buffer.from(csv, "utf16le");
          const bytes = {
            utf8: Buffer.from(csv, "utf8"),
            utf8bom: Buffer.from(`\uFEFF${csv}`, "utf8"),
            utf16le: le,
            utf16lebom: Buffer.concat([Buffer.from([0xff, 0xfe]), le]),
            utf16bebom: Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]),
          }[encoding];
          const parsed = parse(decodeBytes(new Uint8Array(bytes)).text);
          expect(parsed.rows.map((r) => [r.documentId, r.fileUrl])).toEqual(rows);
          expect(parsed.rows.every((r) => r.problems.length === 0)).toBe(true);
          expect(parsed.layout.header).toBe(header);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("keeps a one-column list of URLs one column, whatever their query strings hold", () => {
    fc.assert(
      fc.property(
        fc.array(query, { minLength: 1, maxLength: 10 }),
        fc.constantFrom("\n", "\r\n"),
        (queries, newline) => {
          const urls = queries.map((q, i) => signed(`doc-${i}`, `q=${q.replace(/&/g, "")}`));
          const parsed = parse(urls.join(newline) + newline);
          expect(parsed.rows.map((r) => r.fileUrl)).toEqual(urls);
          expect(parsed.rows.every((r) => r.problems.length === 0)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("Excel's sep= first line and rows with extra columns", () => {
  it.each([",", ";", "\t", "|"])("follows a sep=%j line and does not read it as a row", (d) => {
    for (const newline of ["\r\n", "\n"]) {
      for (const header of [true, false]) {
        const lines = [
          `sep=${d}`,
          ...(header ? [`document_id${d}file_url`] : []),
          `d1${d}${signed("a")}`,
          `d2${d}${signed("b")}`,
        ];
        const parsed = parse(lines.join(newline) + newline);
        expect(parsed.layout).toEqual({ delimiter: d, header });
        expect(parsed.rows.map((r) => [r.line, r.documentId, r.fileUrl, r.problems])).toEqual([
          [header ? 3 : 2, "d1", signed("a"), []],
          [header ? 4 : 3, "d2", signed("b"), []],
        ]);
      }
    }
  });

  it("reads a quoted sep line after a BOM too", () => {
    const parsed = parse(`\uFEFF"sep=;"\r\nd1;${signed("a")}\r\n`);
    expect(parsed.layout.delimiter).toBe(";");
    expect(pairs(`\uFEFF"sep=;"\r\nd1;${signed("a")}\r\n`)).toEqual([["d1", signed("a"), []]]);
  });

  it.each([",", ";", "|"])(
    "splits %j-separated rows with a third column and no header, instead of one column of non-URLs",
    (d) => {
      const url = "https://kyc-bucket.s3.ap-south-1.amazonaws.com/in/a.pdf";
      const text = `d1${d}${url}${d}Ravi Kumar\nd2${d}${url.replace("a.pdf", "b.pdf")}${d}Asha\n`;
      expect(detectDelimiter(text)).toBe(d);
      const codes = parse(text).rows.map((r) => r.problems.map((p) => p.code));
      expect(codes).toEqual([["too_many_columns"], ["too_many_columns"]]);
    },
  );
});

describe("a quoted URL that holds the delimiter, then a document id (no header)", () => {
  it.each([",", ";", "|"])("reads %j rows as two columns, one row per line", (d) => {
    const url = (name: string) =>
      signed(name, `response-content-disposition=attachment${d}filename=${name}.pdf`);
    const text = writeCsv(
      [
        [url("a"), "d1"],
        [url("b"), "d2"],
      ],
      d,
      "\r\n",
    );
    const parsed = parse(text);
    expect(parsed.layout).toEqual({ delimiter: d, header: false });
    expect(parsed.rows.map((r) => [r.line, r.documentId, r.fileUrl, r.problems.map((p) => p.code)])).toEqual([
      [1, "d1", url("a"), ["columns_swapped"]],
      [2, "d2", url("b"), ["columns_swapped"]],
    ]);
  });
});
