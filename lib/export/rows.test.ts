import { describe, expect, it } from "vitest";
import { toCsvLine } from "./csv";
import {
  EXPORT_COLUMNS,
  exportRowKinds,
  exportRowValues,
  isIdentifierField,
  toExportRows,
  type ExportDocument,
  type ExportField,
} from "./rows";

const REVIEWED_AT = new Date("2026-11-20T10:15:00.000Z");
const DECIDED_AT = new Date("2026-11-20T10:20:00.000Z");

const field = (overrides: Partial<ExportField>): ExportField => ({
  path: "name",
  value: "RAVI KUMAR",
  confidence: 0.93,
  reviewState: "accepted",
  correctedValue: null,
  reviewer: "asha@lender.in",
  acceptedVia: "reviewer",
  reviewedAt: REVIEWED_AT,
  ...overrides,
});

const aadhaarDoc: ExportDocument = {
  documentId: "aadhaar-0001",
  documentType: "AADHAAR",
  batchLabel: "Pune branch, Nov",
  status: "extracted",
  decision: { status: "approved", by: "ravi@lender.in", at: DECIDED_AT, reason: null },
  fields: [
    field({
      path: "aadhaar_number",
      value: "2345 6789 0127",
      confidence: 0.99,
      reviewState: "corrected",
      correctedValue: "234567890128",
      acceptedVia: null,
    }),
    field({ path: "address", value: "C/O 234567890127, MG Road, Pune", confidence: 0.71 }),
    field({
      path: "formatted_address",
      value: { city: "Pune", postcode: "411001" },
      reviewer: "ravi@lender.in",
      acceptedVia: "document_approval",
      reviewedAt: DECIDED_AT,
    }),
  ],
};

describe("toExportRows", () => {
  it("maps every field to a row with the batch, the decision and how each field was accepted", () => {
    expect(toExportRows(aadhaarDoc)).toEqual([
      {
        batch: "Pune branch, Nov",
        document_id: "aadhaar-0001",
        document_type: "AADHAAR",
        document_status: "extracted",
        error_code: "",
        error_message: "",
        decision: "approved",
        decision_reason: "",
        decided_by: "ravi@lender.in",
        decided_at: "2026-11-20T10:20:00.000Z",
        decided_at_local: "20/11/2026, 15:50 IST",
        field: "aadhaar_number",
        field_label: "Aadhaar number",
        original_value: "XXXX XXXX 0127",
        confidence: 0.99,
        corrected_value: "XXXX XXXX 0128",
        review_state: "corrected",
        accepted_via: "",
        reviewer: "asha@lender.in",
        reviewed_at: "2026-11-20T10:15:00.000Z",
        reviewed_at_local: "20/11/2026, 15:45 IST",
        decision_code: "",
        field_source: "atlas",
        field_comments: "",
        document_comments: "",
      },
      expect.objectContaining({
        field: "address",
        original_value: "C/O XXXX XXXX 0127, MG Road, Pune",
        corrected_value: "",
        review_state: "accepted",
        accepted_via: "reviewer",
      }),
      expect.objectContaining({
        field: "formatted_address",
        field_label: "Address (parts)",
        original_value: '{"city":"Pune","postcode":"411001"}',
        review_state: "accepted",
        accepted_via: "document_approval",
        reviewer: "ravi@lender.in",
      }),
    ]);
  });

  it("carries a rejection's reason, masked, and who decided when", () => {
    const [row] = toExportRows({
      ...aadhaarDoc,
      decision: {
        status: "rejected",
        reason: "Photocopy of 2345 6789 0127, not the original",
        by: "ravi@lender.in",
        at: DECIDED_AT,
      },
    });
    expect(row).toMatchObject({
      decision: "rejected",
      decision_reason: "Photocopy of XXXX XXXX 0127, not the original",
      decided_by: "ravi@lender.in",
      decided_at: "2026-11-20T10:20:00.000Z",
    });
  });

  it("shows no decider while a document is undecided (a reopened one keeps none either)", () => {
    const [row] = toExportRows({
      ...aadhaarDoc,
      decision: { status: "in_review", reason: "old", by: "ravi@lender.in", at: DECIDED_AT },
    });
    expect(row).toMatchObject({ decision: "in_review", decision_reason: "", decided_by: "", decided_at: "" });
  });

  it("gives a failed document one row with Atlas's error, pending until someone closes it", () => {
    expect(
      toExportRows({
        documentId: "scan-7",
        documentType: null,
        batchLabel: "Pune",
        status: "failed",
        errorCode: "UNSUPPORTED_FILE",
        errorMessage: "File type not supported for 234567890127.tiff",
        decision: { status: "pending" },
        fields: [],
      }),
    ).toEqual([
      {
        batch: "Pune",
        document_id: "scan-7",
        document_type: "",
        document_status: "failed",
        error_code: "UNSUPPORTED_FILE",
        error_message: "File type not supported for XXXX XXXX 0127.tiff",
        decision: "pending",
        decision_reason: "",
        decided_by: "",
        decided_at: "",
        decided_at_local: "",
        field: "",
        field_label: "",
        original_value: "",
        confidence: null,
        corrected_value: "",
        review_state: "",
        accepted_via: "",
        reviewer: "",
        reviewed_at: "",
        reviewed_at_local: "",
        decision_code: "",
        field_source: "",
        field_comments: "",
        document_comments: "",
      },
    ]);
  });

  it("carries a rejection's reason code, each field's source and comments, and the document's comments (masked)", () => {
    const at = new Date("2026-11-30T04:00:00Z");
    const rows = toExportRows({
      documentId: "scan-8",
      documentType: "PAN",
      status: "extracted",
      decision: { status: "rejected", code: "ILLEGIBLE", reason: "blurred", by: "asha@lender.in", at },
      comments: [{ author: "Asha", at, text: "Called the branch about 2345 6789 0124" }],
      fields: [
        {
          path: "pan_number",
          value: null,
          confidence: null,
          reviewState: "corrected",
          correctedValue: "ABCPK1234F",
          reviewer: "asha@lender.in",
          source: "manual",
          comments: [{ author: "Asha", at, text: "typed from the scan" }],
        },
      ],
    });
    expect(rows[0]).toMatchObject({
      decision: "rejected",
      decision_code: "ILLEGIBLE",
      decision_reason: "blurred",
      field_source: "manual",
      field_comments: "Asha (2026-11-30T04:00:00.000Z): typed from the scan",
      document_comments: "Asha (2026-11-30T04:00:00.000Z): Called the branch about XXXX XXXX 0124",
    });
  });

  it("masks an Aadhaar number used as the document id, the error code or a field's name", () => {
    const [row] = toExportRows({
      documentId: "KYC 2345\u20096789\u20090124",
      documentType: "AADHAAR",
      status: "failed",
      errorCode: "DUPLICATE_234567890124",
      errorMessage: null,
      fields: [],
    });
    expect(row).toMatchObject({ document_id: "KYC XXXX XXXX 0124", error_code: "DUPLICATE_XXXX XXXX 0124" });
    const [field] = toExportRows({
      documentId: "d1",
      documentType: "AADHAAR",
      fields: [
        {
          path: "co_applicants.2345-6789-0124.name",
          value: "Ravi",
          confidence: 0.9,
          reviewState: "pending",
          correctedValue: null,
          reviewer: null,
        },
      ],
    });
    expect(field?.field).toBe("co_applicants.XXXX XXXX 0124.name");
  });

  it("never lets a full Aadhaar number into the CSV", () => {
    const csv = toExportRows(aadhaarDoc)
      .map((row) => toCsvLine(exportRowValues(row), exportRowKinds(row)))
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

  it("says when how a field was accepted was not recorded (accepted before the app kept it)", () => {
    const rows = toExportRows({
      documentId: "old-1",
      documentType: "PAN",
      fields: [field({ acceptedVia: null }), field({ reviewState: "unreadable", acceptedVia: null })],
    });
    expect(rows.map((r) => [r.review_state, r.accepted_via])).toEqual([
      ["accepted", "not_recorded"],
      ["unreadable", ""],
    ]);
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

describe("isIdentifierField", () => {
  it.each([
    "account_number",
    "imei_number",
    "imei",
    "pin_code",
    "pincode",
    "invoice_number",
    "gst_number",
    "pan_number",
    "dl_number",
    "voter_id",
    "mobile",
    "ifsc",
    "applicants[0].aadhaar_number",
    "formatted_address.postcode",
  ])("%s is an identifier", (path) => expect(isIdentifierField(path)).toBe(true));

  it.each(["total_amount", "closing_balance", "name", "date_of_birth", "transactions", "quantity"])(
    "%s is not",
    (path) => expect(isIdentifierField(path)).toBe(false),
  );
});

describe("exportRowValues and exportRowKinds", () => {
  it("order values as EXPORT_COLUMNS; identifiers stay text, amounts numbers, OCR formulas neutralised", () => {
    const rows = toExportRows({
      documentId: "000123",
      documentType: "INVOICE",
      batchLabel: '=HYPERLINK("x")',
      status: "extracted",
      decision: { status: "approved", by: "ravi@lender.in", at: DECIDED_AT },
      fields: [
        field({ path: "total_amount", value: "-1,500.50", confidence: 0.5 }),
        field({ path: "imei_number", value: "352099001761481", confidence: 0.9 }),
        field({ path: "pin_code", value: "411001", confidence: 0.9 }),
        field({ path: "remark", value: "-500+1", confidence: 0.9, acceptedVia: "above_threshold" }),
      ],
    });
    expect(EXPORT_COLUMNS.length).toBe(exportRowValues(rows[0]!).length);
    const lines = rows.map((row) => toCsvLine(exportRowValues(row), exportRowKinds(row)));
    const prefix = `"'=HYPERLINK(""x"")","=""000123""",INVOICE,extracted,,,approved,,ravi@lender.in,"=""2026-11-20T10:20:00.000Z""","20/11/2026, 15:50 IST"`;
    const suffix = `asha@lender.in,"=""2026-11-20T10:15:00.000Z""","20/11/2026, 15:45 IST",,atlas,,\r\n`;
    expect(lines).toEqual([
      `${prefix},total_amount,Total amount,"-1,500.50",0.5,,accepted,reviewer,${suffix}`,
      `${prefix},imei_number,IMEI number,"=""352099001761481""",0.9,,accepted,reviewer,${suffix}`,
      `${prefix},pin_code,PIN code,"=""411001""",0.9,,accepted,reviewer,${suffix}`,
      `${prefix},remark,Remark,'-500+1,0.9,,accepted,above_threshold,${suffix}`,
    ]);
  });
});
