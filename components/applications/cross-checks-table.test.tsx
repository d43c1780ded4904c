import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CrossChecksTable, type CrossCheckRow } from "./cross-checks-table";

const standard: CrossCheckRow = {
  id: "1",
  fieldName: "dealer_address",
  sourceDocumentId: "2",
  sourceDocumentType: "DELIVERY_ORDER",
  sourceValue: "SHOP 4, MG ROAD",
  targetDocumentId: "1",
  targetDocumentType: "INVOICE",
  targetValue: "Shop No 4, M.G. Road",
  similarityScore: 91.4,
  raw: null,
};
const generic: CrossCheckRow = {
  id: "2",
  fieldName: "#raw:0123456789abcdef",
  sourceDocumentId: "",
  sourceDocumentType: null,
  sourceValue: null,
  targetDocumentId: "",
  targetDocumentType: null,
  targetValue: null,
  similarityScore: 42,
  raw: { rule: "DEALER_NAME_MATCH", doc_a: "2", doc_b: "1", match_score: 0.42 },
};

describe("CrossChecksTable", () => {
  it("shows an item of an unknown shape key by key, as Atlas sent it, with its verdict", () => {
    const html = renderToStaticMarkup(
      <CrossChecksTable rows={[standard, generic]} passMark={80} documentLinks={{ "2": "/documents/x" }} />,
    );
    expect(html).toContain("Dealer address");
    expect(html).toContain("shape not recognised, shown as Atlas sent it");
    for (const text of ["rule", "DEALER_NAME_MATCH", "doc_a", "match_score", "0.42"])
      expect(html).toContain(text);
    expect(html).not.toContain("#raw:");
    expect(html.match(/data-verdict="(\w+)"/g)).toEqual(['data-verdict="pass"', 'data-verdict="mismatch"']);
  });
  it("shows Aadhaar numbers Atlas compared across documents masked, in known and unknown shapes", () => {
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
      raw: null,
    };
    const unknownShape: CrossCheckRow = {
      ...generic,
      id: "c2",
      raw: { rule: "AADHAAR_MATCH", left: "2345-6789-0124", right: "234567890124" },
    };
    const html = renderToStaticMarkup(
      <CrossChecksTable rows={[row, unknownShape]} passMark={80} documentLinks={{}} />,
    );
    expect(html).toContain("XXXX XXXX 0124");
    expect(html.replace(/\D/g, "")).not.toContain("23456789");
  });
});
