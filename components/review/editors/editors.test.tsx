import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FieldValue } from "@/components/documents/field-value";
import { fieldSpec } from "@/lib/fields/registry";
import type { FieldView } from "@/lib/review/types";
import { FieldEditor } from "./field-editor";

const view = (path: string, shown: unknown, editText: string): FieldView => ({
  id: "f1",
  path,
  position: 0,
  shown,
  correctedShown: null,
  masked: false,
  editText,
  structured: typeof shown === "object" && shown !== null,
  confidence: 0.5,
  threshold: 0.85,
  issues: [],
  validatorOk: true,
  source: "atlas",
  evidence: null,
  needsReview: true,
  reasons: ["low_confidence"],
  reviewState: "pending",
  reviewedBy: null,
  reviewedAt: null,
  version: 1,
});

function render(documentType: string, field: FieldView) {
  return renderToStaticMarkup(
    <FieldEditor
      field={field}
      spec={fieldSpec(documentType, field.path, field.shown)}
      documentType={documentType}
      draft={field.editText}
      onDraft={() => {}}
      onSave={() => {}}
      onCancel={() => {}}
      busy={false}
    />,
  );
}

describe("FieldEditor", () => {
  it("gives every editor visible Save and Cancel named after the field, and the original beside it", () => {
    const html = render("PAN", view("dob", "16/07/1986", "16/07/1986"));
    expect(html).toContain('aria-label="Correct DOB"');
    expect(html).toMatch(/<button[^>]*aria-label="Save DOB"[^>]*>Save<\/button>/);
    expect(html).toMatch(/<button[^>]*aria-label="Cancel correcting DOB"[^>]*>Cancel<\/button>/);
    expect(html).toContain('data-testid="editor-original"');
    expect(html).toContain("Corrected value (DD/MM/YYYY)");
    expect(html).toContain('placeholder="DD/MM/YYYY"');
  });

  it("edits an enum with its options and keeps the value Atlas read as a choice", () => {
    const html = render("PAN", view("document_quality_flag", "scan", "scan"));
    expect(html).toContain("<select");
    expect(html).toContain(">scan (as read)</option>");
    expect(html).toContain(">Xerox copy</option>");
  });

  it("edits an address part by part and a table as a grid of labelled cells", () => {
    const address = { address_line_1: "12 MG Road", city: "Pune", state: "Maharashtra", postcode: "411001" };
    const parts = render("AADHAAR", view("formatted_address", address, JSON.stringify(address)));
    for (const label of ["Address line 1", "Address line 2", "City", "State", "PIN code"])
      expect(parts).toContain(`>${label}</label>`);
    const rows = [
      { date: "01/04/2025", description: "NEFT", debit: "", credit: "45000.00", balance: "1.00" },
    ];
    const grid = render("BANK_STATEMENT", view("transactions", rows, JSON.stringify(rows)));
    for (const label of [
      "Date, row 1",
      "Description, row 1",
      "Debit, row 1",
      "Credit, row 1",
      "Balance, row 1",
    ])
      expect(grid).toContain(`aria-label="${label}"`);
    expect(grid).toContain('aria-label="Remove row 1"');
    expect(grid).toContain(">Add row</button>");
  });

  it("shows an amount field in rupees with Indian grouping", () => {
    const html = render("INVOICE", view("total_amount", "150000.00", "150000.00"));
    expect(html).toContain("Corrected value (₹)");
    expect(html).toContain("₹1,50,000.00 (saved as 150000.00)");
  });
});

describe("FieldValue with a spec", () => {
  it("labels parts and columns from the registry and shows amounts in rupees", () => {
    const html = renderToStaticMarkup(
      <FieldValue
        value={[
          { date: "01/04/2025", description: "NEFT", debit: "", credit: "45000.00", balance: "150000.5" },
        ]}
        spec={fieldSpec("BANK_STATEMENT", "transactions")}
      />,
    );
    expect(html).toContain("₹45,000.00");
    expect(html).toContain("₹1,50,000.5");
    expect(html).not.toContain("(empty)");
    expect(
      renderToStaticMarkup(
        <FieldValue value={{ postcode: "411001" }} spec={fieldSpec("AADHAAR", "formatted_address")} />,
      ),
    ).toContain("PIN code");
  });
});
