import { describe, expect, it } from "vitest";
import {
  accuracyByDocumentType,
  accuracyByField,
  bucketOf,
  calibrationBuckets,
  expectedCalibrationError,
  overallAccuracy,
  suggestThreshold,
  suggestThresholds,
  whatIf,
  whatIfCurve,
  wilsonInterval,
  type Verdict,
} from "./metrics";

const v = (
  documentType: string,
  fieldPath: string,
  confidence: number | null,
  correct: boolean,
): Verdict => ({
  documentType,
  fieldPath,
  confidence,
  correct,
});

// Ten verdicts; every expected number below was worked out by hand from this table.
const VERDICTS: Verdict[] = [
  v("PAN", "name", 0.95, true),
  v("PAN", "name", 0.92, true),
  v("PAN", "name", 0.85, false),
  v("PAN", "name", 0.6, true),
  v("PAN", "dob", 0.99, true),
  v("PAN", "dob", 0.3, false),
  v("PAN", "dob", null, true),
  v("AADHAAR", "name", 0.91, true),
  v("AADHAAR", "name", 0.05, false),
  v("AADHAAR", "name", 1.0, true),
];

describe("wilsonInterval", () => {
  it("matches the published 95% interval for 7/10 and 10/10", () => {
    const seven = wilsonInterval(7, 10)!;
    expect(seven.low).toBeCloseTo(0.3968, 4);
    expect(seven.high).toBeCloseTo(0.8922, 4);
    const ten = wilsonInterval(10, 10)!;
    expect(ten.low).toBeCloseTo(0.7225, 4);
    expect(ten.high).toBeCloseTo(1, 10);
  });
  it("is null without observations", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe("accuracy", () => {
  it("overall: 7 of 10 correct", () => {
    const row = overallAccuracy(VERDICTS);
    expect(row).toMatchObject({ verdicts: 10, correct: 7, incorrect: 3, accuracy: 0.7 });
  });

  it("per document type, sorted by type", () => {
    const rows = accuracyByDocumentType(VERDICTS);
    expect(rows.map((r) => [r.documentType, r.verdicts, r.correct])).toEqual([
      ["AADHAAR", 3, 2],
      ["PAN", 7, 5],
    ]);
    expect(rows[0]!.accuracy).toBeCloseTo(2 / 3, 10);
    expect(rows[1]!.accuracy).toBeCloseTo(5 / 7, 10);
  });

  it("per field within its type (a verdict without confidence still counts)", () => {
    const rows = accuracyByField(VERDICTS);
    expect(rows.map((r) => [r.documentType, r.fieldPath, r.verdicts, r.correct, r.accuracy])).toEqual([
      ["AADHAAR", "name", 3, 2, 2 / 3],
      ["PAN", "dob", 3, 2, 2 / 3],
      ["PAN", "name", 4, 3, 0.75],
    ]);
  });

  it("has no accuracy for an empty set", () => {
    expect(overallAccuracy([])).toMatchObject({ verdicts: 0, accuracy: null, interval: null });
  });
});

describe("calibration", () => {
  it("puts edges in the right bucket: 0.3 in [0.3,0.4), 1.0 in the last", () => {
    expect(bucketOf(0.3)).toBe(3);
    expect(bucketOf(0.7)).toBe(7);
    expect(bucketOf(0.29)).toBe(2);
    expect(bucketOf(1)).toBe(9);
    expect(bucketOf(0)).toBe(0);
  });

  it("observed accuracy and mean confidence per bucket, verdicts without confidence left out", () => {
    const buckets = calibrationBuckets(VERDICTS);
    expect(buckets).toHaveLength(10);
    const used = buckets.filter((b) => b.verdicts > 0);
    expect(used.map((b) => [b.index, b.verdicts, b.correct, b.accuracy])).toEqual([
      [0, 1, 0, 0],
      [3, 1, 0, 0],
      [6, 1, 1, 1],
      [8, 1, 0, 0],
      [9, 5, 5, 1],
    ]);
    expect(used.map((b) => b.meanConfidence)).toEqual([0.05, 0.3, 0.6, 0.85, expect.closeTo(0.954, 10)]);
    expect(buckets[1]).toMatchObject({ verdicts: 0, accuracy: null, meanConfidence: null });
    expect(buckets[9]).toMatchObject({ from: 0.9, to: 1 });
  });

  it("expected calibration error = (0.05 + 0.30 + 0.40 + 0.85 + 5·0.046) / 9 = 1.83 / 9", () => {
    expect(expectedCalibrationError(calibrationBuckets(VERDICTS))).toBeCloseTo(1.83 / 9, 10);
    expect(expectedCalibrationError(calibrationBuckets([]))).toBeNull();
  });

  it("is zero for perfectly calibrated buckets", () => {
    // Bucket 8: mean confidence 0.8, 4 of 5 correct.
    const calibrated = [true, true, true, true, false].map((ok) => v("PAN", "x", 0.8, ok));
    expect(expectedCalibrationError(calibrationBuckets(calibrated))).toBeCloseTo(0, 10);
  });
});

describe("threshold what-if", () => {
  it("at 0.90: 5 of 9 would skip review, none of them wrong", () => {
    expect(whatIf(VERDICTS, 0.9)).toEqual({
      threshold: 0.9,
      withConfidence: 9,
      skipping: 5,
      skipShare: 5 / 9,
      errors: 0,
      errorRate: 0,
    });
  });

  it("at 0.85 the 0.85 verdict is included (≥): 6 skip, 1 wrong", () => {
    expect(whatIf(VERDICTS, 0.85)).toMatchObject({
      skipping: 6,
      skipShare: 6 / 9,
      errors: 1,
      errorRate: 1 / 6,
    });
  });

  it("at 0 everything skips (3 of 9 wrong); above every confidence nothing does", () => {
    expect(whatIf(VERDICTS, 0)).toMatchObject({ skipping: 9, skipShare: 1, errors: 3, errorRate: 1 / 3 });
    expect(whatIf(VERDICTS, 1)).toMatchObject({ skipping: 1, errors: 0 });
    expect(whatIf(VERDICTS.slice(0, 1), 0.99)).toMatchObject({ skipping: 0, skipShare: 0, errorRate: null });
  });

  it("the curve has 101 points whose thresholds are exact hundredths", () => {
    const curve = whatIfCurve(VERDICTS);
    expect(curve).toHaveLength(101);
    expect(curve[91]!.threshold).toBe(0.91);
    // ≥ 0.91: 0.91, 0.92, 0.95, 0.99, 1.0 (the boundary is included); ≥ 0.93: 0.95, 0.99, 1.0.
    expect(curve[91]).toMatchObject({ skipping: 5, errors: 0 });
    expect(curve[93]).toMatchObject({ skipping: 3, errors: 0 });
    expect(curve[85]).toMatchObject({ skipping: 6, errors: 1 });
  });
});

describe("suggested threshold", () => {
  const panName = VERDICTS.filter((x) => x.documentType === "PAN" && x.fieldPath === "name");

  it("is the lowest observed confidence whose error rate at or above it meets the target", () => {
    // t=0.60: 1/4 wrong; t=0.85: 1/3; t=0.92: 0/2 → 0.92.
    expect(suggestThreshold(panName, { targetErrorRate: 0, minSample: 2 })).toEqual({
      status: "ok",
      threshold: 0.92,
      skipping: 2,
      errors: 0,
      errorRate: 0,
    });
    // A 25% target is already met at 0.60 (1 of 4 wrong).
    expect(suggestThreshold(panName, { targetErrorRate: 0.25, minSample: 2 })).toMatchObject({
      status: "ok",
      threshold: 0.6,
      skipping: 4,
    });
  });

  it("does not count a threshold that leaves fewer than the minimum sample above it", () => {
    expect(suggestThreshold(panName, { targetErrorRate: 0, minSample: 3 })).toEqual({
      status: "target_not_reached",
      withConfidence: 4,
    });
    expect(suggestThreshold(panName, { targetErrorRate: 0, minSample: 5 })).toEqual({
      status: "not_enough_data",
      withConfidence: 4,
    });
  });

  it("treats tied confidences as one candidate, whatever their order", () => {
    for (const tied of [
      [v("PAN", "x", 0.8, false), v("PAN", "x", 0.8, true), v("PAN", "x", 0.9, true)],
      [v("PAN", "x", 0.8, true), v("PAN", "x", 0.8, false), v("PAN", "x", 0.9, true)],
    ]) {
      expect(suggestThreshold(tied, { targetErrorRate: 0, minSample: 1 })).toMatchObject({
        status: "ok",
        threshold: 0.9,
        skipping: 1,
      });
    }
  });

  it("with the default rule (≤ 1%, at least 20 above t)", () => {
    const low = [false, false, true, true, true].map((ok) => v("PAN", "x", 0.7, ok));
    const high = Array.from({ length: 20 }, () => v("PAN", "x", 0.95, true));
    // t=0.70: 2/25 = 8% wrong; t=0.95: 0/20 → 0.95.
    expect(suggestThreshold([...low, ...high], { targetErrorRate: 0.01, minSample: 20 })).toMatchObject({
      status: "ok",
      threshold: 0.95,
      skipping: 20,
    });
    expect(suggestThreshold([...low, ...high.slice(1)], { targetErrorRate: 0.01, minSample: 20 })).toEqual({
      status: "target_not_reached",
      withConfidence: 24,
    });
  });

  it("per field, ignoring verdicts without a confidence", () => {
    const rows = suggestThresholds(VERDICTS, { targetErrorRate: 0, minSample: 2 });
    expect(rows.map((r) => [r.documentType, r.fieldPath, r.verdicts, r.suggestion.status])).toEqual([
      ["AADHAAR", "name", 3, "ok"],
      ["PAN", "dob", 3, "target_not_reached"],
      ["PAN", "name", 4, "ok"],
    ]);
    // AADHAAR name: 0.05 ✗ → 0.91 (0/2); PAN dob: 0.30 ✗ (1/2) → 0.99 leaves 1 < 2 → not reached.
    expect(rows[0]!.suggestion).toMatchObject({ threshold: 0.91, skipping: 2 });
    expect(rows[1]!.suggestion).toEqual({ status: "target_not_reached", withConfidence: 2 });
  });
});
