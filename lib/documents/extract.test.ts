import { describe, expect, it } from "vitest";
import { verhoeffCheckDigit } from "@/lib/validators/checksum";
import { extractFieldRows, summarise } from "./extract";
import { buildThresholdSet, DEFAULT_THRESHOLD, thresholdFor } from "./thresholds";

const today = new Date("2026-11-22T00:00:00Z");
const goodAadhaar = (() => {
  const payload = "23456789012";
  return `${payload}${verhoeffCheckDigit(payload)}`.replace(/(\d{4})(?=\d)/g, "$1 ");
})();
const badAadhaar = goodAadhaar.slice(0, -1) + String((Number(goodAadhaar.slice(-1)) + 1) % 10);

describe("thresholds", () => {
  it("resolve field-in-type > field > type > global", () => {
    const set = buildThresholdSet([
      { scope: "global", documentType: null, fieldPath: null, threshold: 0.8 },
      { scope: "document_type", documentType: "PAN", fieldPath: null, threshold: 0.9 },
      { scope: "field", documentType: null, fieldPath: "address", threshold: 0.6 },
      { scope: "field", documentType: "AADHAAR", fieldPath: "address", threshold: 0.7 },
    ]);
    expect(thresholdFor(set, "INVOICE", "total_amount")).toBe(0.8);
    expect(thresholdFor(set, "PAN", "pan_number")).toBe(0.9);
    expect(thresholdFor(set, "GST_CERT", "address")).toBe(0.6);
    expect(thresholdFor(set, "AADHAAR", "address")).toBe(0.7);
    expect(thresholdFor(buildThresholdSet([]), "PAN", "x")).toBe(DEFAULT_THRESHOLD);
  });
});

describe("extractFieldRows + summarise", () => {
  const doc = {
    documentType: "AADHAAR",
    fields: {
      name: { value: "ASHA KUMARI", confidence_score: 0.96 },
      address: { value: "12 MG ROAD, PUNE, Maharashtra, 411001", confidence_score: 0.71 },
      aadhaar_number: { value: badAadhaar, confidence_score: 0.99, redact_url: "https://x/y" },
      date_of_birth: { value: "16/07/1986", confidence_score: 0.97 },
    },
  };

  it("keeps every field in order with value and confidence", () => {
    const rows = extractFieldRows(doc, today);
    expect(rows.map((r) => r.path)).toEqual(["name", "address", "aadhaar_number", "date_of_birth"]);
    expect(rows[0]).toMatchObject({
      value: "ASHA KUMARI",
      confidence: 0.96,
      validation: { ok: true, failed: [] },
    });
  });

  it("a validator failure overrules a 0.99 confidence", () => {
    const aadhaar = extractFieldRows(doc, today).find((r) => r.path === "aadhaar_number")!;
    expect(aadhaar.validation.ok).toBe(false);
    expect(aadhaar.validation.failed).toContain("aadhaar.checksum");
    const summary = summarise(extractFieldRows(doc, today), "AADHAAR", buildThresholdSet([]));
    expect(summary).toEqual({
      fieldCount: 4,
      minConfidence: 0.71,
      needsReviewCount: 2,
      validatorFailureCount: 1,
    });
  });

  it("a valid Aadhaar passes", () => {
    const rows = extractFieldRows(
      { ...doc, fields: { aadhaar_number: { value: goodAadhaar, confidence_score: 0.97 } } },
      today,
    );
    expect(rows[0]?.validation.ok).toBe(true);
  });

  it("follows the thresholds it is given", () => {
    const rows = extractFieldRows(doc, today);
    const lenient = buildThresholdSet([
      { scope: "global", documentType: null, fieldPath: null, threshold: 0.5 },
    ]);
    expect(summarise(rows, "AADHAAR", lenient).needsReviewCount).toBe(1);
  });
});
