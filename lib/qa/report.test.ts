import { describe, expect, it } from "vitest";
import { buildThresholdSet } from "@/lib/documents/thresholds";
import type { Verdict } from "./metrics";
import { buildReport, metricsTableRows } from "./report";

const verdicts: Verdict[] = [
  { documentType: "PAN", fieldPath: "name", confidence: 0.95, correct: true },
  { documentType: "PAN", fieldPath: "name", confidence: 0.5, correct: false },
  { documentType: "PAN", fieldPath: "name", confidence: 0.9, correct: true },
  { documentType: "AADHAAR", fieldPath: "=cmd", confidence: null, correct: true },
];
const thresholds = buildThresholdSet([
  { scope: "field", documentType: "PAN", fieldPath: "name", threshold: 0.8 },
]);

describe("metrics report and its export tables", () => {
  const report = buildReport(verdicts, { targetErrorRate: 0, minSample: 2 }, thresholds);

  it("carries the current threshold next to each suggestion", () => {
    expect(report.suggestions.map((s) => [s.fieldPath, s.currentThreshold, s.suggestion.status])).toEqual([
      ["=cmd", 0.85, "not_enough_data"],
      ["name", 0.8, "ok"],
    ]);
    // PAN name: 0.50 ✗ (1/3 wrong) → 0.90 (0/2).
    expect(report.suggestions[1]!.suggestion).toMatchObject({ threshold: 0.9, skipping: 2 });
  });

  it("accuracy tables end with the overall row: 3 of 4 correct", () => {
    const rows = metricsTableRows(report, "accuracy-by-type");
    expect(rows[0]).toEqual([
      "document_type",
      "field",
      "verdicts",
      "correct",
      "incorrect",
      "accuracy",
      "wilson95_low",
      "wilson95_high",
    ]);
    expect(rows.at(-1)!.slice(0, 6)).toEqual(["(all)", "", 4, 3, 1, 0.75]);
    expect(rows[1]!.slice(0, 6)).toEqual(["AADHAAR", "", 1, 1, 0, 1]);
  });

  it("calibration has ten buckets and the ECE row", () => {
    const rows = metricsTableRows(report, "calibration");
    expect(rows).toHaveLength(12);
    // Bucket 5: 0.50 wrong → accuracy 0; bucket 9: 0.95 and 0.90 right → 1.
    expect(rows[6]).toEqual([0.5, 0.6, 1, 0, 0, 0.5]);
    expect(rows[10]).toEqual([0.9, 1, 2, 2, 1, 0.925]);
    // ECE = (1/3)·0.5 + (2/3)·0.075 = 0.2167
    expect(rows[11]![4]).toBe(0.2167);
  });

  it("suggestions record the rule they were computed with", () => {
    const rows = metricsTableRows(report, "suggestions");
    expect(rows[2]).toEqual(["PAN", "name", 3, 0, 2, "ok", 0.9, 2, 0, 0.8]);
  });
});
