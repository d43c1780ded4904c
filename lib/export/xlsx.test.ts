import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CellKind } from "./cells";
import { XLSX_DATE_FORMAT, XLSX_MAX_TEXT, xlsxStream, xlsxText, type XlsxRow } from "./xlsx";

async function bytes(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function* pages(rows: XlsxRow[], size = 2): AsyncGenerator<XlsxRow[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

async function workbook(columns: string[], rows: XlsxRow[]): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  // exceljs's types want its own Buffer flavour.
  await book.xlsx.load((await bytes(xlsxStream({ name: "Fields", columns }, pages(rows)))) as never);
  return book.getWorksheet("Fields")!;
}

const { ValueType } = ExcelJS;

describe("xlsxStream", () => {
  it("writes explicit cell types: text for identifiers and risky digits, numbers, dates", async () => {
    const at = new Date("2026-11-20T10:20:00.000Z");
    const values = [
      "000123",
      "1234567890123456",
      "XXXX XXXX 0127",
      "15/08/2024",
      "-1,500.50",
      "-1500",
      0.93,
      "45000.00",
      "411001",
      at.toISOString(),
      '=HYPERLINK("http://evil")',
      "+91 98765 43210",
      "",
      null,
    ];
    const kinds: CellKind[] = [
      "auto",
      "auto",
      "auto",
      "auto",
      "auto",
      "auto",
      "auto",
      "auto",
      "text",
      "date",
    ];
    const columns = values.map((_, i) => `c${i + 1}`);
    const sheet = await workbook(columns, [{ values, kinds }]);
    expect(sheet.getRow(1).values).toEqual([undefined, ...columns]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const row = sheet.getRow(2);
    const cell = (i: number) => row.getCell(i);
    const texts: Array<[number, string]> = [
      [1, "000123"],
      [2, "1234567890123456"],
      [3, "XXXX XXXX 0127"],
      [4, "15/08/2024"],
      [9, "411001"],
      [11, '\'=HYPERLINK("http://evil")'],
      [12, "+91 98765 43210"],
    ];
    for (const [i, text] of texts) {
      expect(cell(i).type, `c${i}`).toBe(ValueType.String);
      expect(cell(i).value, `c${i}`).toBe(text);
    }
    expect([cell(5).type, cell(5).value, cell(5).numFmt]).toEqual([ValueType.Number, -1500.5, "#,##0.00"]);
    expect([cell(6).type, cell(6).value]).toEqual([ValueType.Number, -1500]);
    expect([cell(7).type, cell(7).value]).toEqual([ValueType.Number, 0.93]);
    expect([cell(8).type, cell(8).value, cell(8).numFmt]).toEqual([ValueType.Number, 45000, "0.00"]);
    expect([cell(10).type, cell(10).value, cell(10).numFmt]).toEqual([ValueType.Date, at, XLSX_DATE_FORMAT]);
    expect(cell(13).type).toBe(ValueType.Null);
    expect(cell(14).type).toBe(ValueType.Null);
  });

  it("keeps random digit strings as exact text and negative numbers as numbers (property)", async () => {
    const digitString = fc
      .array(fc.constantFrom(..."0123456789"), { minLength: 1, maxLength: 30 })
      .map((d) => `0${d.join("")}`);
    const negative = fc.integer({ min: -99_999_999_999, max: -1 });
    const samples = fc.sample(fc.tuple(digitString, negative, fc.string({ maxLength: 40 })), 300);
    const sheet = await workbook(
      ["digits", "negative", "text"],
      samples.map(([d, n, s]) => ({ values: [d, String(n), s] })),
    );
    samples.forEach(([d, n, s], i) => {
      const row = sheet.getRow(i + 2);
      expect(row.getCell(1).value).toBe(d);
      expect(row.getCell(2).value).toBe(n);
      const third = row.getCell(3);
      if (s === "") expect(third.type).toBe(ValueType.Null);
      else expect(third.value).toEqual(expect.anything());
    });
  });

  it("writes a file that opens whatever the text holds (control characters, lone surrogates, huge cells)", async () => {
    const nasty = ["a\u0000b\u0007c\u001Fd", "\uD800x", "y\uDC00", "tab\tnew\nline", "x".repeat(40_000)];
    const sheet = await workbook(
      ["v"],
      nasty.map((v) => ({ values: [v] })),
    );
    expect(sheet.getRow(2).getCell(1).value).toBe("a\uFFFDb\uFFFDc\uFFFDd");
    expect(sheet.getRow(3).getCell(1).value).toBe("\uFFFDx");
    expect(sheet.getRow(4).getCell(1).value).toBe("y\uFFFD");
    expect(sheet.getRow(5).getCell(1).value).toBe("tab\tnew\nline");
    const long = sheet.getRow(6).getCell(1).value as string;
    expect(long.length).toBe(XLSX_MAX_TEXT);
    expect(long).toMatch(/see the JSON export\]$/);
  });

  it("streams a large sheet page by page", async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ values: [`doc-${i}`, i * 1.5, "0001"] }));
    const sheet = await workbook(["id", "n", "code"], rows);
    expect(sheet.rowCount).toBe(20_001);
    expect(sheet.getRow(20_001).values).toEqual([undefined, "doc-19999", 29998.5, "0001"]);
  });
});

describe("xlsxStream backpressure", () => {
  let pulled = 0;
  let closed = false;
  async function* endless(): AsyncGenerator<XlsxRow[]> {
    try {
      for (;;) {
        pulled++;
        yield Array.from({ length: 500 }, (_, i) => ({
          values: [`row ${pulled}-${i} ${Math.random()}`, i, "0001"],
        }));
      }
    } finally {
      closed = true;
    }
  }
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it("pulls no more rows while the reader is not reading, and stops when the download is cancelled", async () => {
    pulled = 0;
    closed = false;
    const reader = xlsxStream({ name: "Fields", columns: ["a", "b", "c"] }, endless()).getReader();
    expect((await reader.read()).done).toBe(false);
    // Let the stream fill its buffer until it stops pulling: unchanged for 300 ms (a loaded
    // machine may need several rounds), at most 15 s. Without backpressure it never stops.
    let waiting = -1;
    for (let i = 0; i < 50 && pulled !== waiting; i++) {
      waiting = pulled;
      await pause(300);
    }
    expect(pulled).toBe(waiting);
    expect(waiting).toBeLessThan(100);
    await reader.cancel();
    for (let i = 0; i < 100 && !closed; i++) await new Promise((r) => setTimeout(r, 20));
    expect(closed).toBe(true);
    const after = pulled;
    await new Promise((r) => setTimeout(r, 100));
    expect(pulled).toBe(after);
  });
});

describe("xlsxText", () => {
  it("leaves text XML can carry unchanged", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), (s) => {
        if (!/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(s)) expect(xlsxText(s)).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });
});
