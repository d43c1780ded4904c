import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CrossChecksTable, type CrossCheckRow } from "./cross-checks-table";

describe("CrossChecksTable", () => {
  it("shows Aadhaar numbers Atlas compared across documents masked", () => {
    const row: CrossCheckRow = {
      id: "c1",
      fieldName: "aadhaar_number",
      sourceDocumentId: "kyc-1",
      sourceDocumentType: "AADHAAR",
      sourceValue: "2345 6789 0124",
      targetDocumentId: "form-1",
      targetDocumentType: "KYC_FORM",
      targetValue: "2345\u00A06789\u00A00124",
      similarityScore: 1,
    };
    const html = renderToStaticMarkup(<CrossChecksTable rows={[row]} passMark={0.8} documentLinks={{}} />);
    expect(html).toContain("XXXX XXXX 0124");
    expect(html.replace(/\D/g, "")).not.toContain("23456789");
  });
});
