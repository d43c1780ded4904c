import { describe, expect, it } from "vitest";
import {
  documentTypeLabel,
  documentTypeWithCode,
  fieldLabel,
  fieldSpec,
  fieldsOf,
  humaniseKey,
  inRegistryOrder,
  KNOWN_DOCUMENT_TYPES,
} from "./registry";

describe("the field registry", () => {
  it("describes every document type of atlas-api.md §3.5, simulator keys included", () => {
    expect(KNOWN_DOCUMENT_TYPES).toEqual([
      "AADHAAR",
      "PAN",
      "DRIVING_LICENSE",
      "VOTER_ID",
      "PASSPORT",
      "GST_CERT",
      "UDYAM_CERT",
      "SHOP_ACT_LICENSE",
      "FSSAI",
      "INVOICE",
      "DELIVERY_ORDER",
      "BANK_STATEMENT",
    ]);
    expect(fieldsOf("PAN").map((f) => f.path)).toEqual([
      "name_as_per_pan",
      "father_name",
      "dob",
      "pan_number",
      "document_quality_flag",
    ]);
    expect(fieldsOf("BANK_STATEMENT").map((f) => f.path)).toContain("transactions");
    expect(fieldsOf("nope")).toEqual([]);
  });

  it("keeps the acronyms people use in labels", () => {
    expect(fieldLabel("PAN", "pan_number")).toBe("PAN number");
    expect(fieldLabel("PAN", "dob")).toBe("DOB");
    expect(fieldLabel("GST_CERT", "gst_number")).toBe("GSTIN");
    expect(fieldLabel("BANK_STATEMENT", "ifsc")).toBe("IFSC");
    expect(fieldLabel("DRIVING_LICENSE", "dl_number")).toBe("DL number");
    expect(fieldLabel("INVOICE", "imei_number")).toBe("IMEI number");
    expect(fieldLabel("AADHAAR", "formatted_address.postcode")).toBe("Address (parts) › PIN code");
    expect(fieldLabel("BANK_STATEMENT", "transactions[2].debit")).toBe("Transactions › Debit");
  });

  it("gives orders that follow the document", () => {
    const orders = fieldsOf("BANK_STATEMENT").map((f) => f.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    expect(fieldSpec("PAN", "some_new_key", "x").order).toBeGreaterThan(orders.at(-1)!);
  });

  it("has kinds, enum options and table columns", () => {
    expect(fieldSpec("PAN", "document_quality_flag")).toMatchObject({
      kind: "enum",
      options: ["original", "xerox_copy", "photo_of_photo"],
    });
    expect(fieldSpec("BANK_STATEMENT", "transactions").columns?.map((c) => [c.key, c.kind])).toEqual([
      ["date", "date"],
      ["description", "text"],
      ["debit", "amount"],
      ["credit", "amount"],
      ["balance", "amount"],
    ]);
    expect(fieldSpec("INVOICE", "line_items").columns?.map((c) => c.kind)).toEqual([
      "text",
      "number",
      "amount",
      "amount",
    ]);
    expect(fieldSpec("AADHAAR", "formatted_address").parts?.find((p) => p.key === "postcode")).toMatchObject({
      digits: 6,
    });
    expect(fieldSpec("INVOICE", "total_amount").kind).toBe("amount");
    expect(fieldSpec("SHOP_ACT_LICENSE", "total_employees").kind).toBe("number");
  });

  it("describes unknown types and fields generically, from the key and the value", () => {
    expect(fieldSpec("UTILITY_BILL", "consumer_number", "1234")).toMatchObject({
      label: "Consumer number",
      kind: "identifier",
      known: false,
    });
    expect(fieldSpec("UTILITY_BILL", "bill_date", "01/02/2025").kind).toBe("date");
    expect(fieldSpec("UTILITY_BILL", "due", "01/02/2025").kind).toBe("date");
    expect(fieldSpec("UTILITY_BILL", "amount_due", "450.00").kind).toBe("amount");
    expect(fieldSpec("UTILITY_BILL", "units", 42).kind).toBe("number");
    expect(fieldSpec(null, "remarks", "ok")).toMatchObject({ label: "Remarks", kind: "text" });
    // A key known in another type is described the same way in an unknown one.
    expect(fieldSpec("UTILITY_BILL", "pan_number", "x")).toMatchObject({ label: "PAN number", known: false });
    const table = fieldSpec("UTILITY_BILL", "readings", [{ reading_date: "01/01/2025", units: "12" }]);
    expect(table.kind).toBe("table");
    expect(table.columns?.map((c) => [c.label, c.kind])).toEqual([
      ["Reading date", "date"],
      ["Units", "text"],
    ]);
    const address = fieldSpec("UTILITY_BILL", "service_address", { city: "Pune", postcode: "411001" });
    expect(address).toMatchObject({ kind: "address" });
    expect(address.parts?.map((p) => p.key)).toContain("postcode");
    expect(fieldSpec("X", "meta", { source: "scan" })).toMatchObject({ kind: "object" });
  });

  it("humanises keys with acronyms, whatever their case", () => {
    expect(humaniseKey("gst_number")).toBe("GST number");
    expect(humaniseKey("IFSC_CODE")).toBe("IFSC code");
    expect(humaniseKey("customer_id")).toBe("Customer ID");
    expect(humaniseKey("pin_code")).toBe("PIN code");
    expect(humaniseKey("")).toBe("");
  });
});

describe("document type labels", () => {
  it("names every known type as people do, never by its code", () => {
    for (const type of KNOWN_DOCUMENT_TYPES) {
      const label = documentTypeLabel(type);
      expect(label, type).not.toBe(type);
      expect(label, type).not.toMatch(/_/);
    }
    expect(new Set(KNOWN_DOCUMENT_TYPES.map(documentTypeLabel)).size).toBe(KNOWN_DOCUMENT_TYPES.length);
    expect(documentTypeLabel("SHOP_ACT_LICENSE")).toBe("Shop Act licence");
    expect(documentTypeLabel(" gst_cert ")).toBe("GST certificate");
  });
  it("humanises an unknown type and keeps the code where it is asked for", () => {
    expect(documentTypeLabel("UTILITY_BILL")).toBe("Utility bill");
    expect(documentTypeLabel("EPIC_CARD")).toBe("EPIC card");
    expect(documentTypeWithCode("SHOP_ACT_LICENSE")).toBe("Shop Act licence (SHOP_ACT_LICENSE)");
    expect(documentTypeWithCode("Other")).toBe("Other");
  });
});

describe("inRegistryOrder", () => {
  const rows = (paths: string[]) => paths.map((path, position) => ({ path, position }));
  it("puts known fields in the registry's order, then unknown ones in Atlas's order", () => {
    const atlas = rows(["pan_number", "zeta", "dob", "alpha", "name_as_per_pan", "father_name"]);
    expect(inRegistryOrder("PAN", atlas).map((f) => f.path)).toEqual([
      "name_as_per_pan",
      "father_name",
      "dob",
      "pan_number",
      "zeta",
      "alpha",
    ]);
    expect(atlas[0]!.path).toBe("pan_number");
  });
  it("keeps Atlas's order for an unknown type, and is a permutation for any input", () => {
    expect(inRegistryOrder("UTILITY_BILL", rows(["b", "a", "c"])).map((f) => f.path)).toEqual([
      "b",
      "a",
      "c",
    ]);
    expect(inRegistryOrder(null, rows(["name", "x"])).map((f) => f.path)).toEqual(["name", "x"]);
    for (const type of KNOWN_DOCUMENT_TYPES) {
      const known = fieldsOf(type).map((f) => f.path);
      const reversed = rows([...known].reverse());
      expect(inRegistryOrder(type, reversed).map((f) => f.path)).toEqual(known);
    }
  });
});
