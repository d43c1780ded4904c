import { describe, expect, it } from "vitest";
import { validateDocument } from "./registry";
import type { ValidationResult } from "./types";

const TODAY = new Date("2025-06-15T04:30:00Z");
const f = (value: unknown, confidence_score = 0.97) => ({ value, confidence_score });
const validate = (type: string, fields: Record<string, unknown>) =>
  validateDocument(type, fields, { today: TODAY });
const checks = (results: ValidationResult[] | undefined) =>
  (results ?? []).map((r) => (r.ok ? ("note" in r ? r.note : "ok") : r.check));

describe("validateDocument: field validators by key", () => {
  it("validates an AADHAAR document, including the postcode inside formatted_address", () => {
    const report = validate("AADHAAR", {
      document_type: "AADHAAR",
      name: f("RAVI KUMAR"),
      aadhaar_number: { value: "2345 6789 0128", confidence_score: 0.99, redact_url: "https://s3/x" },
      date_of_birth: f("1986"),
      formatted_address: f({ city: "Pune", state: "Maharashtra", postcode: "011001" }),
    });
    expect(report).toEqual({
      aadhaar_number: [expect.objectContaining({ check: "aadhaar.checksum" })],
      date_of_birth: [{ ok: true }],
      "formatted_address.postcode": [expect.objectContaining({ check: "pincode.first_digit" })],
    });
  });

  it("accepts formatted_address as a bare object and postcode as a nested field object", () => {
    const report = validate("GST_CERT", { formatted_address: { postcode: f("411001"), city: "Pune" } });
    expect(report).toEqual({ "formatted_address.postcode": [{ ok: true }] });
  });

  it("reports a masked Aadhaar as masked, not failed", () => {
    const report = validate("AADHAAR", { aadhaar_number: f("**** **** 9012") });
    expect(checks(report.aadhaar_number)).toEqual(["masked"]);
  });

  it("does not accept a bare year of birth outside Aadhaar", () => {
    expect(checks(validate("VOTER_ID", { date_of_birth: f("1986") }).date_of_birth)).toEqual(["date.format"]);
  });

  it("applies key-based validators to unknown document types", () => {
    const report = validate("SOMETHING_NEW", {
      pan_number: f("ABCDE1234F"),
      ifsc_code: f("SBINO001234"),
      pincode: f(411001),
      renewal_date: f("31/02/2030"),
      remarks: f("nothing to check"),
    });
    expect(report).toEqual({
      pan_number: [expect.objectContaining({ check: "pan.holder_type" })],
      ifsc_code: [expect.objectContaining({ check: "ifsc.fifth_char" })],
      pincode: [{ ok: true }],
      renewal_date: [expect.objectContaining({ check: "date.calendar" })],
    });
  });

  it("lets expiry dates lie in the future but not issue dates", () => {
    const report = validate("FSSAI", { valid_till: f("01/01/2031"), date_of_issue: f("01/01/2030") });
    expect(checks(report.valid_till)).toEqual(["ok"]);
    expect(checks(report.date_of_issue)).toContain("date.future");
  });

  it("walks arrays of rows, such as bank statement transactions", () => {
    const report = validate("BANK_STATEMENT", {
      transactions: f([
        { date: "01/04/2025", description: "NEFT SALARY", credit: "45000.00" },
        { date: "31/04/2025", description: "UPI", debit: "120.00" },
      ]),
    });
    expect(report).toEqual({
      "transactions[0].date": [{ ok: true }],
      "transactions[1].date": [expect.objectContaining({ check: "date.calendar" })],
    });
  });

  it("recognises GSTIN under its alternative keys", () => {
    expect(validate("X", { gstin: f("27AAPFU0939F1ZV"), gst_no: f("27AAPFU0939F1ZW") })).toEqual({
      gstin: [{ ok: true }],
      gst_no: [expect.objectContaining({ check: "gstin.checksum" })],
    });
  });

  it("skips blank, missing and not-applicable values", () => {
    expect(validate("PAN", { pan_number: f(""), dob: f(null), ifsc: f("  ") })).toEqual({});
    expect(validate("GST_CERT", { valid_upto: f("NA"), valid_till: f("N/A"), expiry_date: f("-") })).toEqual(
      {},
    );
    expect(validate("GST_CERT", { valid_upto: f("NAB") })).toEqual({
      valid_upto: [expect.objectContaining({ check: "date.format" })],
    });
  });
});

describe("validateDocument: cross-field checks", () => {
  it("warns when an individual's PAN 5th letter is not the surname initial", () => {
    const report = validate("PAN", { name_as_per_pan: f("RAVI KUMAR"), pan_number: f("ABCPS1234F") });
    expect(report.pan_number).toEqual([
      { ok: true },
      {
        ok: false,
        check: "pan.surname_initial",
        message: "PAN 5th letter S ≠ surname initial K",
        severity: "warning",
      },
    ]);
  });

  it("is quiet when the surname matches, or the holder is not an individual", () => {
    expect(
      checks(validate("PAN", { name_as_per_pan: f("Ravi Kumar"), pan_number: f("ABCPK1234F") }).pan_number),
    ).toEqual(["ok"]);
    expect(
      checks(validate("PAN", { name_as_per_pan: f("ACME LTD"), pan_number: f("AAACR5055K") }).pan_number),
    ).toEqual(["ok"]);
  });

  it("flags a GSTIN whose embedded PAN differs from the document's PAN", () => {
    const report = validate("GST_CERT", { gst_number: f("27AAPFU0939F1ZV"), pan_number: f("AAPFU0939G") });
    expect(checks(report.gst_number)).toEqual(["ok", "gstin.pan_mismatch"]);
    expect(checks(report.pan_number)).toEqual(["ok", "gstin.pan_mismatch"]);
    const same = validate("GST_CERT", { gst_number: f("27AAPFU0939F1ZV"), pan_number: f("AAPFU0939F") });
    expect(checks(same.gst_number)).toEqual(["ok"]);
  });

  it("checks driving licence dates: birth before issue, issue before expiry", () => {
    const report = validate("DRIVING_LICENSE", {
      date_of_birth: f("16/07/2010"),
      issue_date: f("01/01/2009"),
      valid_till: f("01/01/2008"),
    });
    expect(checks(report.date_of_birth)).toEqual(["ok", "dates.birth_before_issue"]);
    expect(checks(report.issue_date)).toEqual([
      "ok",
      "dates.birth_before_issue",
      "dates.issue_before_expiry",
    ]);
    expect(checks(report.valid_till)).toEqual(["ok", "dates.issue_before_expiry"]);

    const fine = validate("DRIVING_LICENSE", {
      date_of_birth: f("16/07/1986"),
      issue_date: f("01/01/2009"),
      valid_till: f("15/07/2036"),
    });
    expect(
      Object.values(fine)
        .flat()
        .every((r) => r.ok),
    ).toBe(true);
  });

  it("checks passport issue before expiry", () => {
    const report = validate("PASSPORT", { date_of_issue: f("10/10/2020"), date_of_expiry: f("10/10/2020") });
    expect(checks(report.date_of_expiry)).toEqual(["ok", "dates.issue_before_expiry"]);
  });

  it("checks the statement period, allowing a one-day statement", () => {
    const bad = validate("BANK_STATEMENT", {
      statement_from: f("01/05/2025"),
      statement_to: f("30/04/2025"),
    });
    expect(checks(bad.statement_to)).toEqual(["ok", "dates.period_order"]);
    const oneDay = validate("BANK_STATEMENT", {
      statement_from: f("01/05/2025"),
      statement_to: f("01/05/2025"),
    });
    expect(checks(oneDay.statement_to)).toEqual(["ok"]);
  });

  it("skips date-order checks when a date does not parse", () => {
    const report = validate("PASSPORT", { date_of_issue: f("10-10-2020"), date_of_expiry: f("01/01/2001") });
    expect(checks(report.date_of_expiry)).toEqual(["ok"]);
  });

  describe("invoice line items", () => {
    const items = (...amounts: unknown[]) =>
      f(amounts.map((amount, i) => ({ description: `item ${i}`, amount })));

    it("accepts amounts that add up, within one rupee, in any printed form", () => {
      const report = validate("INVOICE", {
        line_items: items("40,000.00", "₹4,999.50", 0.75),
        total_amount: f("Rs. 45,000"),
      });
      expect(report.total_amount).toBeUndefined();
    });

    it("flags totals more than a rupee off, on both fields", () => {
      const report = validate("INVOICE", {
        line_items: items("40,000.00", "3,998.99"),
        total_amount: f("₹45,000"),
      });
      expect(report.total_amount).toEqual([
        {
          ok: false,
          check: "invoice.line_items_total",
          message: "Line items add up to ₹43,998.99, total is ₹45,000.00",
          severity: "error",
        },
      ]);
      expect(checks(report.line_items)).toEqual(["invoice.line_items_total"]);
    });

    it("names the total as Atlas wrote it, a third decimal included, not rounded", () => {
      const report = validate("INVOICE", {
        line_items: items("40,000.00", "3,998.99"),
        total_amount: f("45000.125"),
      });
      expect(report.total_amount).toEqual([
        expect.objectContaining({ message: "Line items add up to ₹43,998.99, total is ₹45,000.125" }),
      ]);
    });

    it("says nothing when an amount is unreadable or the total is missing", () => {
      expect(
        validate("INVOICE", { line_items: items("40,000", "4,5OO"), total_amount: f("44,500") }),
      ).toEqual({});
      expect(validate("INVOICE", { line_items: items("40,000") })).toEqual({});
    });
  });
});
