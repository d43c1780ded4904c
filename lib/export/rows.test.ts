import { describe, expect, it } from "vitest";
import { toCsvLine } from "./csv";
import { EXPORT_COLUMNS, exportRowValues, toExportRows, type ExportDocument, type ExportField } from "./rows";

const field = (overrides: Partial<ExportField>): ExportField => ({
  path: "name",
  value: "RAVI KUMAR",
  confidence: 0.93,
  reviewState: "accepted",
  correctedValue: null,
  reviewer: "asha@lender.in",
  ...overrides,
});

const aadhaarDoc: ExportDocument = {
  documentId: "aadhaar-0001",
  documentType: "AADHAAR",
  batchLabel: "Pune branch, Nov",
  fields: [
    field({
      path: "aadhaar_number",
      value: "2345 6789 0127",
      confidence: 0.99,
      reviewState: "corrected",
      correctedValue: "234567890128",
    }),
    field({ path: "address", value: "C/O 234567890127, MG Road, Pune", confidence: 0.71 }),
    field({
      path: "formatted_address",
      value: { city: "Pune", postcode: "411001" },
      reviewer: null,
      reviewState: "pending",
    }),
  ],
};

describe("toExportRows", () => {
  it("maps every field to a row, masking Aadhaar in original and corrected values", () => {
    expect(toExportRows(aadhaarDoc)).toEqual([
      {
        batch: "Pune branch, Nov",
        document_id: "aadhaar-0001",
        document_type: "AADHAAR",
        field: "aadhaar_number",
        original_value: "XXXX XXXX 0127",
        confidence: 0.99,
        corrected_value: "XXXX XXXX 0128",
        review_state: "corrected",
        reviewer: "asha@lender.in",
      },
      expect.objectContaining({
        field: "address",
        original_value: "C/O XXXX XXXX 0127, MG Road, Pune",
        corrected_value: "",
      }),
      expect.objectContaining({
        field: "formatted_address",
        original_value: '{"city":"Pune","postcode":"411001"}',
        reviewer: "",
        review_state: "pending",
      }),
    ]);
  });

  it("never lets a full Aadhaar number into the CSV", () => {
    const csv = toExportRows(aadhaarDoc)
      .map((row) => toCsvLine(exportRowValues(row)))
      .join("");
    expect(csv).not.toMatch(/2345\s?6789/);
    expect(csv).toContain("XXXX XXXX 0127");
  });

  it("masks Aadhaar inside arrays and nested objects of other documents", () => {
    const [row] = toExportRows({
      documentId: "kyc-1",
      documentType: "KYC_FORM",
      fields: [field({ path: "applicants", value: [{ name: "A", aadhaar_number: "234567890127" }] })],
    });
    expect(row?.original_value).toBe('[{"name":"A","aadhaar_number":"XXXX XXXX 0127"}]');
    expect(row?.batch).toBe("");
  });

  it("keeps numbers, null confidence and non-Aadhaar long numbers readable", () => {
    const rows = toExportRows({
      documentId: "bs-1",
      documentType: "BANK_STATEMENT",
      fields: [
        field({ path: "account_number", value: "234567890127", confidence: null }),
        field({ path: "closing_balance", value: -1250.5 }),
      ],
    });
    expect(rows.map((r) => [r.original_value, r.confidence])).toEqual([
      ["234567890127", null],
      ["-1250.5", 0.93],
    ]);
  });
});

describe("exportRowValues", () => {
  it("orders values as EXPORT_COLUMNS, and OCR text starting with - is neutralised in CSV", () => {
    const [row] = toExportRows({
      documentId: "inv-1",
      documentType: "INVOICE",
      batchLabel: '=HYPERLINK("x")',
      fields: [field({ path: "total_amount", value: "-500", confidence: 0.5 })],
    });
    expect(EXPORT_COLUMNS).toEqual([
      "batch",
      "document_id",
      "document_type",
      "field",
      "original_value",
      "confidence",
      "corrected_value",
      "review_state",
      "reviewer",
    ]);
    expect(toCsvLine(exportRowValues(row!))).toBe(
      `"'=HYPERLINK(""x"")",inv-1,INVOICE,total_amount,'-500,0.5,,accepted,asha@lender.in\r\n`,
    );
  });
});
