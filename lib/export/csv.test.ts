import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { CSV_BOM, neutraliseFormula, toCsvLine } from "./csv";

describe("neutraliseFormula", () => {
  it.each([
    ["=SUM(A1:A9)", "'=SUM(A1:A9)"],
    ["+91 98765 43210", "'+91 98765 43210"],
    ["-500", "'-500"],
    ["@cmd", "'@cmd"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", "'\r=1+1"],
    ['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
  ])("prefixes %j", (cell, safe) => {
    expect(neutraliseFormula(cell)).toBe(safe);
  });

  it.each(["", "Ravi Kumar", "45,000.00", "a=b", "₹-500", " =1"])("leaves %j alone", (cell) => {
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

  it("neutralises and quotes a dangerous cell that also needs quoting", () => {
    expect(toCsvLine(['=cmd|"/c calc"!A1', "-1,2"])).toBe(`"'=cmd|""/c calc""!A1","'-1,2"\r\n`);
  });

  it("neutralises every dangerous leading character", () => {
    expect(toCsvLine(["=1", "+1", "-1", "@1", "\t1", "\r1"])).toBe(`'=1,'+1,'-1,'@1,'\t1,"'\r1"\r\n`);
  });

  it("keeps numbers as numbers, negative ones included", () => {
    expect(toCsvLine([0.93, -500, 0, 1e21, Number.NaN, true])).toBe("0.93,-500,0,1e+21,,true\r\n");
  });

  it("writes null and undefined as empty cells, dates as ISO, objects as JSON", () => {
    expect(toCsvLine([null, undefined, new Date("2025-01-02T03:04:05Z"), { a: 1, b: "x" }, [1, 2]])).toBe(
      ',,2025-01-02T03:04:05.000Z,"{""a"":1,""b"":""x""}","[1,2]"\r\n',
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
      ["₹1,00,000", 'a "quoted"\nvalue', "'=2+2", "'-45", "नमस्ते, दुनिया", "-7.5"],
      ["second"],
    ]);
  });

  it("exposes the UTF-8 byte order mark", () => {
    expect(new TextEncoder().encode(CSV_BOM)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });
});
