import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatAmountText, groupIndian } from "@/lib/format";
import { fieldSpec } from "./registry";
import { checkFieldValue, checkScalar, parseAmountInput, parseDateInput, readAmountInput } from "./values";

describe("amounts", () => {
  it("reads a typed amount back to Atlas's plain form, whatever way it was grouped", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 12), max: 10 ** 12 }), (paise) => {
        const plain = `${paise < 0 ? "-" : ""}${Math.floor(Math.abs(paise) / 100)}.${String(Math.abs(paise) % 100).padStart(2, "0")}`;
        expect(parseAmountInput(plain)).toBe(plain);
        expect(parseAmountInput(groupIndian(plain))).toBe(plain);
        expect(parseAmountInput(formatAmountText(plain).replace("₹", "₹ "))).toBe(plain);
      }),
    );
  });
  it("refuses text that is no amount", () => {
    expect(parseAmountInput("Rs. 1.5 lakh")).toBe("150000.00");
    expect(parseAmountInput("1,5000")).toBeNull();
    expect(parseAmountInput("abc")).toBeNull();
  });
});

/**
 * The reference for a typed amount, by BigInt arithmetic on the digits (no float, no code under
 * test): the exact decimal it stands for, and whether it is a whole number of paise.
 */
function exactAmount(negative: boolean, whole: string, fraction: string, power: number) {
  let units = BigInt(whole + fraction) * 10n ** BigInt(power);
  let decimals = fraction.length;
  while (decimals > 0 && units % 10n === 0n) {
    units /= 10n;
    decimals -= 1;
  }
  const scale = 10n ** BigInt(decimals);
  const sign = negative && units !== 0n ? "-" : "";
  const rupees = (units / scale).toString();
  const rest = decimals ? (units % scale).toString().padStart(decimals, "0") : "";
  return {
    exact: `${sign}${rupees}${rest ? `.${rest}` : ""}`,
    plain: decimals <= 2 ? `${sign}${rupees}.${rest.padEnd(2, "0")}` : null,
  };
}

describe("amounts are never rounded on the way to a correction", () => {
  const words = [
    ["", 0],
    [" lakh", 5],
    [" crore", 7],
  ] as const;
  it("keeps every amount of whole paise exactly and refuses a fraction of a paisa, saying so", () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.stringMatching(/^[0-9]{1,30}$/),
        fc.stringMatching(/^[0-9]{0,9}$/),
        fc.constantFrom(...words),
        fc.boolean(),
        (negative, whole, fraction, [word, power], grouped) => {
          const digits = grouped && power === 0 ? groupIndian(whole) : whole;
          const typed = `${negative ? "-" : ""}₹${digits}${fraction ? `.${fraction}` : ""}${word}`;
          const { exact, plain } = exactAmount(negative, whole, fraction, power);
          const read = readAmountInput(typed);
          if (plain !== null) expect(read).toEqual({ ok: true, value: plain });
          else
            expect(read).toEqual({
              ok: false,
              message: `₹ amounts have at most 2 decimals (paise): ${exact}`,
            });
          expect(parseAmountInput(typed)).toBe(plain);
        },
      ),
      { numRuns: 500 },
    );
  });
  it("refuses 12.345 instead of saving 12.35, and keeps 12.340", () => {
    expect(readAmountInput("12.345")).toEqual({
      ok: false,
      message: "₹ amounts have at most 2 decimals (paise): 12.345",
    });
    expect(checkScalar({ kind: "amount" }, "12.345")).toMatchObject({ ok: false });
    expect(checkScalar({ kind: "amount" }, 12.345)).toMatchObject({ ok: false });
    expect(readAmountInput("12.340")).toEqual({ ok: true, value: "12.34" });
    expect(readAmountInput("1.2345678 lakh")).toEqual({ ok: true, value: "123456.78" });
    expect(readAmountInput("1.23456789 lakh")).toMatchObject({ ok: false });
    expect(readAmountInput("90071992547409.93")).toEqual({ ok: true, value: "90071992547409.93" });
    expect(readAmountInput("-0.00")).toEqual({ ok: true, value: "0.00" });
  });
  it("shows an amount Atlas sent with more decimals as it was sent, not rounded", () => {
    expect(formatAmountText("12.345")).toBe("₹12.345");
    expect(formatAmountText("1234567.8912")).toBe("₹12,34,567.8912");
  });
});

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

describe("dates", () => {
  it("accepts exactly the days a calendar has (checked by a Date.UTC round trip)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1800, max: 2200 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (year, month, day) => {
          const date = new Date(Date.UTC(year, month - 1, day));
          const real =
            date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
          const parsed = parseDateInput(`${day}/${month}/${year}`);
          expect(parsed.ok).toBe(real);
          if (parsed.ok) expect(parsed.value).toBe(`${pad(day)}/${pad(month)}/${year}`);
        },
      ),
    );
  });
  it("round-trips every real day as DD/MM/YYYY", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("1800-01-01T00:00:00Z"),
          max: new Date("2200-12-31T00:00:00Z"),
          noInvalidDate: true,
        }),
        (d) => {
          const text = `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
          expect(parseDateInput(text)).toEqual({ ok: true, value: text });
        },
      ),
    );
  });
  it("says which format it wants", () => {
    expect(parseDateInput("1986-07-16")).toEqual({ ok: false, message: "Type the date as DD/MM/YYYY" });
    expect(parseDateInput("31/02/2024")).toEqual({
      ok: false,
      message: "31/02/2024 is not a real calendar date",
    });
  });
});

describe("checking a value by its kind", () => {
  it("checks enums against their options, keeping the value Atlas read", () => {
    const spec = fieldSpec("PAN", "document_quality_flag");
    expect(checkScalar({ kind: "enum", options: spec.options! }, "xerox_copy")).toEqual({
      ok: true,
      value: "xerox_copy",
    });
    expect(checkScalar({ kind: "enum", options: spec.options! }, "copy")).toMatchObject({ ok: false });
    expect(checkScalar({ kind: "enum", options: spec.options! }, "copy", { original: "copy" })).toMatchObject(
      { ok: true },
    );
  });
  it("keeps NA where a certificate may print it", () => {
    expect(checkFieldValue(fieldSpec("GST_CERT", "valid_upto"), "na")).toEqual({ value: "NA", problems: [] });
    expect(checkFieldValue(fieldSpec("GST_CERT", "date_of_issue"), "NA").problems).toHaveLength(1);
  });
  it("normalises an address part by part and names the part that is wrong", () => {
    const spec = fieldSpec("AADHAAR", "formatted_address");
    const original = { address_line_1: "12 MG Road", city: "Pune", state: "Maharashtra", postcode: "411001" };
    expect(checkFieldValue(spec, { ...original, postcode: "411 038" }, original)).toEqual({
      value: { ...original, postcode: "411038" },
      problems: [],
    });
    expect(checkFieldValue(spec, { ...original, postcode: "41103" }, original).problems).toEqual([
      { where: "PIN code", message: "Type 6 digits" },
    ]);
    expect(checkFieldValue(spec, { city: "" }).problems).toEqual([
      { where: null, message: "Fill in at least one part" },
    ]);
  });
  it("checks every table cell by its column and keeps rows as objects of text", () => {
    const spec = fieldSpec("BANK_STATEMENT", "transactions");
    const row = {
      date: "1/4/2025",
      description: "NEFT SALARY",
      debit: "",
      credit: "45,000",
      balance: "61250.50",
    };
    expect(checkFieldValue(spec, [row])).toEqual({
      value: [{ ...row, date: "01/04/2025", credit: "45000.00", balance: "61250.50" }],
      problems: [],
    });
    expect(checkFieldValue(spec, [row, { ...row, date: "30/02/2025", debit: "ten" }]).problems).toEqual([
      { where: "Row 2 · Date", message: "30/02/2025 is not a real calendar date" },
      { where: "Row 2 · Debit", message: "Type an amount, e.g. 1,50,000.00" },
    ]);
    expect(checkFieldValue(spec, { not: "rows" }).problems).toHaveLength(1);
  });
  it("keeps numbers as numbers and refuses an empty scalar", () => {
    expect(checkFieldValue(fieldSpec("SHOP_ACT_LICENSE", "total_employees"), 12)).toEqual({
      value: 12,
      problems: [],
    });
    expect(checkFieldValue(fieldSpec("PAN", "name_as_per_pan"), "  ").problems).toEqual([
      { where: null, message: "Type a value" },
    ]);
    expect(checkFieldValue(fieldSpec("INVOICE", "total_amount"), "₹1,50,000")).toEqual({
      value: "150000.00",
      problems: [],
    });
  });
});
