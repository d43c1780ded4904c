import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isFormulaLike, isPlainNumber, spreadsheetCell, spreadsheetWouldAlter } from "./cells";

const digits = (min: number, max: number) =>
  fc.array(fc.constantFrom(..."0123456789"), { minLength: min, maxLength: max }).map((d) => d.join(""));

describe("spreadsheetWouldAlter", () => {
  it.each([
    "000123",
    "0123",
    "-0012",
    "00.5",
    "123456789012",
    "1234567890123456",
    "352099001761481",
    "12,34,56,78,90,12,34,567",
    "+500",
    "+919876543210",
    "2345 6789 0127",
    "1 45 000",
    "98765\u00A043210",
    "15/08/2024",
    "05/08/2024",
    "5/8/24",
    "2024-08-15",
    "2024-08-15T10:30:00Z",
    "15-08-2024 10:30",
    "15.08.2024",
    "1-2",
    "3/4",
    "12/2024",
    "15-Aug-2024",
    "15 August 2024",
    "Aug 15",
    "aug-2024",
    "10:30",
    "9:05 pm",
    "10 am",
    "12E4",
    "1.5e-3",
    "1 1/2",
    "(123)",
    "(1,500.50)",
    "50-",
    "10%",
    "12.5 %",
    ".5",
    "1.",
    "TRUE",
    "false",
    "#N/A",
    "#DIV/0!",
    "#VALUE!",
  ])("%j would be changed by a spreadsheet", (text) => {
    expect(spreadsheetWouldAlter(text)).toBe(true);
  });

  it.each([
    "",
    "0",
    "0.5",
    "123",
    "-1500",
    "-1,500.50",
    "45000.00",
    "1,50,000",
    "12345678901",
    "1234567890.12",
    "RAVI KUMAR",
    "ABCPE1234F",
    "27AAPFU0939F1ZV",
    "MG Road, Pune 411001",
    "May I help",
    "₹45,000",
    "XXXX XXXX 0127",
  ])("%j is left alone", (text) => {
    expect(spreadsheetWouldAlter(text)).toBe(false);
  });

  it("flags every digit string with a leading zero, or of 12 digits or more", () => {
    fc.assert(
      fc.property(digits(1, 40), (s) => {
        const risky = (s.length > 1 && s.startsWith("0")) || s.length >= 12;
        expect(spreadsheetWouldAlter(s)).toBe(risky);
      }),
      { numRuns: 2000 },
    );
  });

  it("flags every D/M/Y date in any of the usual separators", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1900-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }),
        fc.constantFrom("/", "-", "."),
        fc.boolean(),
        (date, sep, pad) => {
          const p = (n: number) => (pad ? String(n).padStart(2, "0") : String(n));
          const text = [p(date.getUTCDate()), p(date.getUTCMonth() + 1), date.getUTCFullYear()].join(sep);
          expect(spreadsheetWouldAlter(text)).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("isPlainNumber", () => {
  it("is true for negative and grouped amounts, false for identifiers", () => {
    for (const n of ["-1500", "-1,500.50", "-1,50,000.00", "0", "-0.75", "61250.50"])
      expect(isPlainNumber(n), n).toBe(true);
    for (const n of ["000123", "1,2345", "1234567890123", "1e5", "+5", "- 5", "", "1.", ".5"])
      expect(isPlainNumber(n), n).toBe(false);
  });

  it("holds for every integer a spreadsheet keeps exactly and readably", () => {
    fc.assert(
      fc.property(fc.integer({ min: -99_999_999_999, max: 99_999_999_999 }), (n) => {
        expect(isPlainNumber(String(n))).toBe(true);
        expect(isFormulaLike(String(n))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("isFormulaLike", () => {
  it.each([
    "=SUM(A1:A9)",
    "+91 98765 43210",
    "-1+2",
    "-A1",
    "@SUM(1)",
    "\t=1+1",
    "\r=1+1",
    "\n=1",
    "\0=1",
    " =1+1",
    "\u00A0\u00A0=1+1",
    "\u3000@x",
    "\uFF1D1+1",
    '=HYPERLINK("http://evil","x")',
    "=cmd|'/c calc'!A1",
    "\t-1500",
  ])("%j is", (text) => {
    expect(isFormulaLike(text)).toBe(true);
  });

  it.each(["", "Ravi", "a=b", "₹-500", "-1500", " -1500 ", "-1,500.50", "-1,50,000.00"])(
    "%j is not",
    (text) => {
      expect(isFormulaLike(text)).toBe(false);
    },
  );

  it("is true for any text whose first non-space character is a formula operator, unless a plain number", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("", " ", "  ", "\u00A0", "\u2003"),
        fc.constantFrom("=", "+", "-", "@"),
        fc.string({ maxLength: 20 }).map((s) => s.replace(/\s+$/, "")),
        (space, op, rest) => {
          const text = space + op + rest;
          expect(isFormulaLike(text)).toBe(!isPlainNumber(text.trim()));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("spreadsheetCell", () => {
  it("types numbers, plain number text, identifiers, timestamps and formula-like text", () => {
    expect(spreadsheetCell(-1500)).toEqual({ type: "number", value: -1500, text: "-1500" });
    expect(spreadsheetCell("-1,500.50")).toEqual({
      type: "number",
      value: -1500.5,
      text: "-1,500.50",
      numFmt: "#,##0.00",
    });
    expect(spreadsheetCell("-1,50,000.00")).toMatchObject({ type: "number", value: -150000 });
    expect(spreadsheetCell("45000.00")).toMatchObject({ type: "number", value: 45000, numFmt: "0.00" });
    expect(spreadsheetCell("000123")).toEqual({ type: "text", text: "000123", literal: true });
    expect(spreadsheetCell("123456", "text")).toEqual({ type: "text", text: "123456", literal: true });
    expect(spreadsheetCell(411001, "text")).toEqual({ type: "text", text: "411001", literal: true });
    expect(spreadsheetCell("15/08/2024")).toEqual({ type: "text", text: "15/08/2024", literal: true });
    expect(spreadsheetCell("=1+1")).toEqual({ type: "text", text: "'=1+1", literal: false });
    expect(spreadsheetCell("RAVI")).toEqual({ type: "text", text: "RAVI", literal: false });
    expect(spreadsheetCell("2026-11-30T03:29:49.000Z", "date")).toEqual({
      type: "date",
      value: new Date("2026-11-30T03:29:49.000Z"),
      text: "2026-11-30T03:29:49.000Z",
    });
    expect(spreadsheetCell("", "date")).toEqual({ type: "empty" });
    expect(spreadsheetCell(null)).toEqual({ type: "empty" });
    expect(spreadsheetCell(Number.NaN)).toEqual({ type: "empty" });
    expect(spreadsheetCell({ a: "=1" })).toEqual({ type: "text", text: '{"a":"=1"}', literal: false });
  });

  it("keeps every digit string with a leading zero as exact text, in any column", () => {
    fc.assert(
      fc.property(digits(1, 30), fc.constantFrom("auto" as const, "text" as const), (rest, kind) => {
        const text = `0${rest}`;
        expect(spreadsheetCell(text, kind)).toEqual({ type: "text", text, literal: true });
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps every negative number a number with its exact value", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99_999_999_999 }),
        fc.option(digits(1, 3), { nil: undefined }),
        fc.boolean(),
        (whole, decimals, grouped) => {
          const int = grouped ? whole.toLocaleString("en-US") : String(whole);
          const text = `-${int}${decimals === undefined ? "" : `.${decimals}`}`;
          const cell = spreadsheetCell(text);
          expect(cell).toMatchObject({ type: "number", value: Number(text.replace(/,/g, "")) });
        },
      ),
      { numRuns: 2000 },
    );
  });
});
