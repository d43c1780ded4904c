import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { isFormulaLike, spreadsheetCell } from "./cells";
import { CSV_BOM, neutraliseFormula, toCsvLine } from "./csv";

describe("neutraliseFormula", () => {
  it.each([
    ["=SUM(A1:A9)", "'=SUM(A1:A9)"],
    ["+91 98765 43210", "'+91 98765 43210"],
    ["-500+1", "'-500+1"],
    ["- 500", "'- 500"],
    ["@cmd", "'@cmd"],
    [" =1", "' =1"],
    ["\u00A0@SUM(1)", "'\u00A0@SUM(1)"],
    ["\0=1", "'\0=1"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", "'\r=1+1"],
    ['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
  ])("prefixes %j", (cell, safe) => {
    expect(neutraliseFormula(cell)).toBe(safe);
  });

  it.each(["", "Ravi Kumar", "45,000.00", "a=b", "₹-500", "-500", "-1,500.50"])("leaves %j alone", (cell) => {
    expect(neutraliseFormula(cell)).toBe(cell);
  });
});

describe("toCsvLine", () => {
  it("ends every line with CRLF so rows can be streamed one by one", () => {
    expect(toCsvLine(["a", "b"])).toBe("a,b\r\n");
    expect(toCsvLine(["a"]) + toCsvLine(["b"])).toBe("a\r\nb\r\n");
  });

  it("quotes commas, quotes and newlines", () => {
    expect(toCsvLine(["a,b", 'say "hi"', "two\nlines", "cr\r\nlf"])).toBe(
      '"a,b","say ""hi""","two\nlines","cr\r\nlf"\r\n',
    );
  });

  it("quotes semicolons and tabs, which Excel splits cells on in many locales", () => {
    expect(toCsvLine(['x;=HYPERLINK("http://evil")', "a\tb", " padded "])).toBe(
      '"x;=HYPERLINK(""http://evil"")","a\tb"," padded "\r\n',
    );
  });

  it("neutralises and quotes a dangerous cell that also needs quoting", () => {
    expect(toCsvLine(['=cmd|"/c calc"!A1', "-1,2"])).toBe(`"'=cmd|""/c calc""!A1","'-1,2"\r\n`);
  });

  it("neutralises every dangerous leading character; a plain negative number stays a number", () => {
    expect(toCsvLine(["=1", "+1", "-1", "@1", "\t1", "\r1", "-1+1"])).toBe(
      `'=1,"=""+1""",-1,'@1,"'\t1","'\r1",'-1+1\r\n`,
    );
  });

  it("keeps numbers as numbers, negative ones included", () => {
    expect(toCsvLine([0.93, -500, 0, 1e21, Number.NaN, true])).toBe("0.93,-500,0,1e+21,,true\r\n");
    expect(toCsvLine(["-1500", "-1,500.50", "-1,50,000.00", "45000.00"])).toBe(
      '-1500,"-1,500.50","-1,50,000.00",45000.00\r\n',
    );
  });

  it("writes text a spreadsheet would change as a formula returning that text", () => {
    expect(toCsvLine(["000123", "1234567890123456", "15/08/2024", "+91 98765 43210", "12E4"])).toBe(
      '"=""000123""","=""1234567890123456""","=""15/08/2024""","=""+91 98765 43210""","=""12E4"""\r\n',
    );
  });

  it("writes identifier and timestamp columns as text, whatever they hold", () => {
    expect(toCsvLine(["411001", "411001", "2026-11-30T03:29:49.000Z"], ["auto", "text", "date"])).toBe(
      '411001,"=""411001""","=""2026-11-30T03:29:49.000Z"""\r\n',
    );
  });

  it("writes null and undefined as empty cells, dates as ISO text, objects as JSON", () => {
    expect(toCsvLine([null, undefined, new Date("2025-01-02T03:04:05Z"), { a: 1, b: "x" }, [1, 2]])).toBe(
      ',,"=""2025-01-02T03:04:05.000Z""","{""a"":1,""b"":""x""}","[1,2]"\r\n',
    );
  });

  it("keeps unicode intact", () => {
    expect(toCsvLine(["₹45,000", "रवि कुमार", "தமிழ்"])).toBe('"₹45,000",रवि कुमार,தமிழ்\r\n');
  });

  it("produces lines a CSV parser reads back to the neutralised values", () => {
    const values = ["₹1,00,000", 'a "quoted"\nvalue', "=2+2", "-45", "नमस्ते, दुनिया", -7.5];
    const parsed = Papa.parse<string[]>(CSV_BOM + toCsvLine(values) + toCsvLine(["second"]), {
      skipEmptyLines: true,
    });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual([
      ["₹1,00,000", 'a "quoted"\nvalue', "'=2+2", "-45", "नमस्ते, दुनिया", "-7.5"],
      ["second"],
    ]);
  });

  it("exposes the UTF-8 byte order mark", () => {
    expect(new TextEncoder().encode(CSV_BOM)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });
});

/** What a spreadsheet shows for a field: the text of our `="…"` literal, anything else as is. */
function shown(field: string): string {
  const literal = /^="((?:[^"]|"")*)"$/.exec(field);
  return literal ? literal[1]!.replace(/""/g, '"') : field;
}

describe("toCsvLine, property-based", () => {
  const cell = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: "grapheme", maxLength: 30 }),
    fc.array(fc.constantFrom(..."0123456789 -/.,:=+@;\t\"'"), { maxLength: 20 }).map((c) => c.join("")),
  );

  it("parses back (RFC 4180) to one field per value, showing the value (formula-like: after an apostrophe)", () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 8 }), (values) => {
        const parsed = Papa.parse<string[]>(toCsvLine(values), { newline: "\r\n", delimiter: "," });
        expect(parsed.errors).toEqual([]);
        const expected = values.map((v) => {
          const cell = spreadsheetCell(v);
          return cell.type === "text" ? cell.text : v;
        });
        expect(parsed.data[0]!.map(shown)).toEqual(expected);
        // The text differs from the value only by the apostrophe on formula-like text.
        values.forEach((v, i) =>
          expect(expected[i]).toBe(isFormulaLike(v) && expected[i] !== v ? `'${v}` : v),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it("never leaves a field a spreadsheet would run: only our text literal, or a plain number", () => {
    fc.assert(
      fc.property(cell, (value) => {
        const [field] = Papa.parse<string[]>(toCsvLine([value]), { newline: "\r\n", delimiter: "," })
          .data[0]!;
        const start = field!.replace(/^[\s\u00A0\u3000]+/, "");
        if (/^[=+\-@\t\r\n\0\uFF1D\uFF0B\uFF0D\uFF20]/.test(start))
          expect(
            // One formula string literal (quotes inside doubled, so nothing can follow it), or a
            // plain negative number.
            /^="(?:[^"]|"")*"$/.test(field!) || /^-[\d,]+(\.\d+)?$/.test(field!.trim()),
            `${JSON.stringify(value)} gave ${JSON.stringify(field)}`,
          ).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("keeps every digit string with leading zeros, and every long one, as text", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(..."0123456789"), { minLength: 1, maxLength: 40 }).map((d) => d.join("")),
        (tail) => {
          for (const value of [`0${tail}`, tail.padStart(16, "9")])
            expect(toCsvLine([value])).toBe(`"=""${value}"""\r\n`);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
