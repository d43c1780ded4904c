/**
 * Opens the exports in a real spreadsheet application, LibreOffice Calc (headless), and reads
 * what it made of each cell back with exceljs. Runs only where `soffice` is installed
 * (`apt-get install libreoffice-calc`); elsewhere the unit tests of cells.ts, csv.ts and xlsx.ts
 * still pin the technique. Checked with LibreOffice 7.4.
 *
 * The CSV is imported as users' Calc would: UTF-8, US and UK English locales with "Detect
 * special numbers" on (the setting that turns 05/08/2024 into a date, day and month depending on
 * the locale) and "Evaluate formulas" on (the headless default), once more with "Trim spaces"
 * on, once with ";" as a separator too, and once with the import dialog's own 7.4 defaults
 * (separators , ; and tab, formulas not evaluated).
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { spreadsheetCell } from "./cells";
import { CSV_BOM, toCsvLine } from "./csv";
import { xlsxStream } from "./xlsx";

// The test harness looks for the tool on PATH; not app configuration.
const PATH = process.env.PATH ?? "";
const soffice = PATH.split(path.delimiter)
  .map((dir) => path.join(dir, "soffice"))
  .find((file) => existsSync(file));

const run = promisify(execFile);
const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** Converts `file` with Calc and returns the first sheet of the result, read by exceljs. */
async function throughCalc(file: string, filter: string | null): Promise<ExcelJS.Worksheet> {
  const dir = path.dirname(file);
  const outDir = path.join(dir, `out-${dirs.length}-${Math.random().toString(36).slice(2)}`);
  await run(
    soffice!,
    [
      `-env:UserInstallation=file://${path.join(dir, "profile")}`,
      "--headless",
      ...(filter ? [`--infilter=${filter}`] : []),
      "--convert-to",
      "xlsx:Calc MS Excel 2007 XML",
      "--outdir",
      outDir,
      file,
    ],
    { timeout: 120_000 },
  );
  const [converted] = await readdir(outDir);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path.join(outDir, converted!));
  return book.worksheets[0]!;
}

async function workDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "atlas-calc-"));
  dirs.push(dir);
  return dir;
}

/** What Calc shows: a formula's result (our `="…"` literals), or the value. */
function shown(cell: ExcelJS.Cell): unknown {
  const value = cell.value;
  if (value && typeof value === "object" && "formula" in value) return value.result;
  return value;
}

const digits = (min: number, max: number) =>
  fc.array(fc.constantFrom(..."0123456789"), { minLength: min, maxLength: max }).map((d) => d.join(""));
const ddmmyyyy = fc
  .date({ min: new Date("1950-01-01"), max: new Date("2049-12-31"), noInvalidDate: true })
  .map((d) =>
    [d.getUTCDate(), d.getUTCMonth() + 1]
      .map((n) => String(n).padStart(2, "0"))
      .concat(String(d.getUTCFullYear()))
      .join("/"),
  );

const TEXTS = [
  "000123",
  "1234567890123456",
  "352099001761481",
  "123456789012",
  "XXXX XXXX 0127",
  "15/08/2024",
  "05/08/2024",
  "2024-08-15",
  "1-2",
  "Aug 15",
  "10:30",
  "12E4",
  "+91 98765 43210",
  "RAVI KUMAR",
  "₹45,000",
  "x;=1+1",
  'say "hi", twice;',
  // Calc turns each of these into a number or a boolean when written bare.
  "(123)",
  "50-",
  "10%",
  ".5",
  "1.",
  "TRUE",
  "false",
  "#N/A",
  ...fc.sample(
    digits(1, 25).map((d) => `0${d}`),
    { numRuns: 60, seed: 11 },
  ),
  ...fc.sample(
    digits(16, 30).map((d) => `9${d}`),
    { numRuns: 20, seed: 12 },
  ),
  ...fc.sample(ddmmyyyy, { numRuns: 60, seed: 13 }),
];
const NUMBERS: Array<[string, number]> = [
  ["0", 0],
  ["-1500", -1500],
  ["-1,500.50", -1500.5],
  ["45000.00", 45000],
  ["0.93", 0.93],
  ...fc
    .sample(fc.integer({ min: -99_999_999_999, max: -1 }), { numRuns: 40, seed: 14 })
    .map((n): [string, number] => [String(n), n]),
];
const FORMULAS = [
  "=1+1",
  '=HYPERLINK("http://evil.example","x")',
  "=cmd|'/c calc'!A1",
  "+1+1",
  "-1+1",
  "@SUM(1,1)",
  " =1+1",
  "  -2+3",
  "\t=1+1",
];

describe.runIf(soffice)("LibreOffice Calc opens the exports without changing them", () => {
  it.each([
    ["US English, detect special numbers", "CSV:44,34,76,1,,1033,false,true"],
    ["UK English, detect special numbers", "CSV:44,34,76,1,,2057,false,true"],
    ["US English, trim spaces", "CSV:44,34,76,1,,1033,false,true,false,false,true"],
    ["comma and semicolon separators", "CSV:44/59,34,76,1,,1033,false,true"],
  ])(
    "CSV (%s): digits, dates and identifiers stay text, negatives stay numbers, no formula runs",
    async (_, filter) => {
      const dir = await workDir();
      const file = path.join(dir, "export.csv");
      const values = [...TEXTS, ...NUMBERS.map(([text]) => text), ...FORMULAS];
      await writeFile(file, CSV_BOM + values.map((v) => toCsvLine([v])).join(""), "utf8");
      const sheet = await throughCalc(file, filter);
      values.forEach((value, i) => {
        const cell = sheet.getRow(i + 1).getCell(1);
        const formula = (cell.value as { formula?: string } | null)?.formula;
        if (formula !== undefined)
          expect(formula, `${JSON.stringify(value)} became a formula`).toBe(`"${value.replace(/"/g, '""')}"`);
        if (i < TEXTS.length) {
          expect(shown(cell), JSON.stringify(value)).toBe(value);
        } else if (i < TEXTS.length + NUMBERS.length) {
          expect(cell.type, JSON.stringify(value)).toBe(ExcelJS.ValueType.Number);
          expect(cell.value).toBe(NUMBERS[i - TEXTS.length]![1]);
        } else {
          expect(cell.type, JSON.stringify(value)).toBe(ExcelJS.ValueType.String);
          expect(cell.value).toBe(`'${value}`);
        }
      });
    },
    180_000,
  );

  it("CSV with the import dialog's own defaults (7.4: formulas not evaluated): every digit survives, as text", async () => {
    // Separators , ; and tab, no special numbers, "Evaluate formulas" off: our literal then
    // shows as written, ="000123", rather than as 000123 — the digits are kept either way,
    // where a bare 000123 would become the number 123.
    const dir = await workDir();
    const file = path.join(dir, "export.csv");
    const values = [...TEXTS, ...NUMBERS.map(([text]) => text), ...FORMULAS];
    await writeFile(file, CSV_BOM + values.map((v) => toCsvLine([v])).join(""), "utf8");
    const sheet = await throughCalc(file, "CSV:44/59/9,34,76,1,,1033,false,false,false,false,false,-1,false");
    values.forEach((value, i) => {
      const cell = sheet.getRow(i + 1).getCell(1);
      if (i >= TEXTS.length && i < TEXTS.length + NUMBERS.length) {
        expect(cell.value, JSON.stringify(value)).toBe(NUMBERS[i - TEXTS.length]![1]);
        return;
      }
      expect(cell.type, JSON.stringify(value)).toBe(ExcelJS.ValueType.String);
      const written = spreadsheetCell(value);
      if (written.type !== "text") throw new Error(`${value} was expected to be text`);
      expect(cell.value, JSON.stringify(value)).toBe(
        written.literal ? `="${value.replace(/"/g, '""')}"` : written.text,
      );
    });
  }, 180_000);

  it("XLSX: Calc reads the cell types as written", async () => {
    const dir = await workDir();
    const file = path.join(dir, "export.xlsx");
    const at = new Date("2026-11-20T10:20:00.000Z");
    async function* pages() {
      yield [
        {
          values: ["000123", "-1,500.50", 0.93, at.toISOString(), "411001", "=1+1", "15/08/2024"],
          kinds: ["auto", "auto", "auto", "date", "text"] as const,
        },
      ].map((r) => ({ values: r.values, kinds: [...r.kinds] }));
    }
    const chunks: Uint8Array[] = [];
    for await (const chunk of xlsxStream(
      { name: "Fields", columns: ["a", "b", "c", "d", "e", "f", "g"] },
      pages(),
    ) as unknown as AsyncIterable<Uint8Array>)
      chunks.push(chunk);
    await writeFile(file, Buffer.concat(chunks));
    const row = (await throughCalc(file, null)).getRow(2);
    expect(row.getCell(1).value).toBe("000123");
    expect(row.getCell(2).value).toBe(-1500.5);
    expect(row.getCell(3).value).toBe(0.93);
    expect(row.getCell(4).value).toEqual(at);
    expect(row.getCell(5).value).toBe("411001");
    expect(row.getCell(6).value).toBe("'=1+1");
    expect(row.getCell(7).value).toBe("15/08/2024");
  }, 180_000);
});
