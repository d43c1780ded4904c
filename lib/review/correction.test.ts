import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { verhoeffCheckDigit } from "@/lib/validators/checksum";
import { checkCorrection, correctionProblems, parseCorrection } from "./correction";
import { toFieldView } from "./field-view";
import { buildThresholdSet } from "@/lib/documents/thresholds";

const today = new Date("2026-11-22T00:00:00Z");

describe("parseCorrection", () => {
  it("keeps text as trimmed text and numbers as numbers", () => {
    expect(parseCorrection("RAVI", "  RAVI KUMAR ")).toEqual({ ok: true, value: "RAVI KUMAR" });
    expect(parseCorrection(45000, "45,500")).toEqual({ ok: true, value: 45500 });
    expect(parseCorrection(45000, "about 45k")).toEqual({ ok: true, value: "about 45k" });
  });
  it("turns text into a number only when the number holds exactly what was typed", () => {
    expect(parseCorrection(12, "012.50")).toEqual({ ok: true, value: 12.5 });
    expect(parseCorrection(12, "12345678901234567")).toEqual({ ok: true, value: "12345678901234567" });
    expect(parseCorrection(12, "0.30000000000000000001")).toEqual({
      ok: true,
      value: "0.30000000000000000001",
    });
  });
  it("refuses an empty value", () => {
    expect(parseCorrection("x", "   ")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/unreadable/),
    });
  });
  it("reads structured values as JSON of the same shape", () => {
    expect(parseCorrection({ city: "Pune" }, '{"city":"Mumbai"}')).toEqual({
      ok: true,
      value: { city: "Mumbai" },
    });
    expect(parseCorrection([{ a: 1 }], "[]")).toEqual({ ok: true, value: [] });
    expect(parseCorrection({ city: "Pune" }, "Mumbai")).toMatchObject({ ok: false });
    expect(parseCorrection({ city: "Pune" }, "[1]")).toMatchObject({
      ok: false,
      message: "Type a JSON object ({…}).",
    });
  });
});

describe("correctionProblems", () => {
  const payload = "23456789012";
  const valid = `${payload}${verhoeffCheckDigit(payload)}`;
  const invalid = `${payload}${(Number(verhoeffCheckDigit(payload)) + 1) % 10}`;
  it("runs the field's validator on the corrected value", () => {
    expect(correctionProblems("AADHAAR", "aadhaar_number", valid, today)).toEqual([]);
    expect(correctionProblems("AADHAAR", "aadhaar_number", invalid, today)).toEqual([
      "Aadhaar check digit is wrong (Verhoeff) — a digit is misread",
    ]);
    expect(correctionProblems("PAN", "date_of_birth", "31/02/1990", today)).toHaveLength(1);
    expect(correctionProblems("PAN", "name", "anything", today)).toEqual([]);
  });
});

describe("checkCorrection", () => {
  it("refuses a control character anywhere in a correction, text or table cell (property)", () => {
    const control = fc.oneof(
      fc.integer({ min: 0, max: 8 }),
      fc.integer({ min: 0x0e, max: 0x1f }),
      fc.integer({ min: 0x7f, max: 0x9f }),
    );
    const row = { date: "01/04/2025", description: "NEFT", debit: "", credit: "45000.00", balance: "1.00" };
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), control, fc.nat(), (text, code, at) => {
        const cut = at % (text.length + 1);
        const typed = `${text.slice(0, cut)}${String.fromCharCode(code)}${text.slice(cut)}`;
        for (const [type, path, original, value] of [
          ["INVOICE", "customer_name", "PRAKASH P DAS", typed],
          ["INVOICE", "invoice_number", "BDS/2025-26/4785", typed],
          ["BANK_STATEMENT", "transactions", [row], [{ ...row, description: typed }]],
        ] as const)
          expect(checkCorrection(type, path, original, value, today)).toMatchObject({ ok: false });
      }),
    );
    // Tabs and line breaks are white space, not control characters here.
    expect(checkCorrection("INVOICE", "customer_name", "X", "Ravi\tKumar", today)).toMatchObject({
      ok: true,
    });
  });
  it("normalises a correction to Atlas's shape by the field's kind", () => {
    expect(checkCorrection("INVOICE", "total_amount", "45000.00", "₹1,50,000", today)).toEqual({
      ok: true,
      value: "150000.00",
    });
    expect(checkCorrection("PAN", "dob", "16/07/1986", "1/7/1986", today)).toEqual({
      ok: true,
      value: "01/07/1986",
    });
  });
  it("refuses what is not of the field's kind, saying where", () => {
    const row = { date: "01/04/2025", description: "NEFT", debit: "", credit: "45000.00", balance: "1.00" };
    expect(
      checkCorrection("BANK_STATEMENT", "transactions", [row], [{ ...row, credit: "lots" }], today),
    ).toEqual({ ok: false, problems: ["Row 1 · Credit: Type an amount, e.g. 1,50,000.00"] });
    expect(checkCorrection("PAN", "document_quality_flag", "original", "photocopy", today)).toMatchObject({
      ok: false,
    });
    expect(checkCorrection("PAN", "dob", "16/07/1986", "16/07/2090", today)).toEqual({
      ok: false,
      problems: ["Date of birth is in the future"],
    });
  });
  it("refuses an amount with a fraction of a paisa instead of rounding it, in a field or a cell", () => {
    expect(checkCorrection("INVOICE", "total_amount", "45000.00", "12.345", today)).toEqual({
      ok: false,
      problems: ["₹ amounts have at most 2 decimals (paise): 12.345"],
    });
    const row = { date: "01/04/2025", description: "NEFT", debit: "", credit: "45000.00", balance: "1.00" };
    expect(
      checkCorrection("BANK_STATEMENT", "transactions", [row], [{ ...row, balance: "61,250.505" }], today),
    ).toEqual({
      ok: false,
      problems: ["Row 1 · Balance: ₹ amounts have at most 2 decimals (paise): 61250.505"],
    });
    expect(checkCorrection("INVOICE", "total_amount", "45000.00", "1,23,45,67,89,01,234.56", today)).toEqual({
      ok: true,
      value: "12345678901234.56",
    });
  });
  it("runs the validators on address parts too", () => {
    const original = { city: "Pune", postcode: "411001" };
    expect(
      checkCorrection("AADHAAR", "formatted_address", original, { ...original, postcode: "011001" }, today),
    ).toMatchObject({ ok: false });
  });
});

describe("toFieldView", () => {
  const base = {
    id: "f1",
    path: "aadhaar_number",
    position: 0,
    value: "2345 6789 0124",
    confidence: 0.99,
    validation: { ok: false, failed: ["aadhaar.checksum"], issues: [] },
    reviewState: "pending" as const,
    correctedValue: null,
    reviewedAt: null,
    version: 3,
  };
  it("masks Aadhaar and starts the edit box blank rather than with the mask", () => {
    const view = toFieldView("AADHAAR", base, buildThresholdSet([]), null);
    expect(view).toMatchObject({
      shown: "XXXX XXXX 0124",
      masked: true,
      editText: "",
      needsReview: true,
      reasons: ["validator"],
      version: 3,
    });
  });
  it("shows a correction beside the original, and a reviewed field no longer needs review", () => {
    const view = toFieldView(
      "PAN",
      {
        ...base,
        path: "name",
        value: "RAVI",
        confidence: 0.5,
        validation: null,
        reviewState: "corrected",
        correctedValue: "RAVI KUMAR",
      },
      buildThresholdSet([]),
      "Ravi Reviewer",
    );
    expect(view).toMatchObject({
      shown: "RAVI",
      correctedShown: "RAVI KUMAR",
      editText: "RAVI KUMAR",
      masked: false,
      needsReview: false,
      reasons: ["low_confidence"],
      reviewedBy: "Ravi Reviewer",
    });
  });
});
