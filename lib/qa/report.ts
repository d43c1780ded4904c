/**
 * Everything the metrics page, its charts and the CSV export show, computed once from the
 * verdicts. Pure (client-safe): thresholds come in as a ThresholdSet.
 */
import { type ThresholdSet, thresholdFor } from "@/lib/documents/thresholds";
import {
  accuracyByDocumentType,
  accuracyByField,
  calibrationBuckets,
  expectedCalibrationError,
  overallAccuracy,
  suggestThresholds,
  type AccuracyRow,
  type CalibrationBucket,
  type FieldSuggestion,
  type SuggestionOptions,
  type Verdict,
} from "./metrics";
import { accuracyByAgreement, type AgreementRow } from "./agreement";

export type SuggestionRow = FieldSuggestion & { currentThreshold: number };

export type MetricsReport = {
  overall: AccuracyRow;
  /** Accuracy split by the second reader's agreement (all verdicts, then confidence ≥ 0.9). */
  bySecondReader: AgreementRow[];
  byType: AccuracyRow[];
  byField: AccuracyRow[];
  calibration: CalibrationBucket[];
  ece: number | null;
  suggestions: SuggestionRow[];
  options: SuggestionOptions;
};

export function buildReport(
  verdicts: readonly Verdict[],
  options: SuggestionOptions,
  thresholds: ThresholdSet,
): MetricsReport {
  const calibration = calibrationBuckets(verdicts);
  return {
    overall: overallAccuracy(verdicts),
    bySecondReader: accuracyByAgreement(verdicts),
    byType: accuracyByDocumentType(verdicts),
    byField: accuracyByField(verdicts),
    calibration,
    ece: expectedCalibrationError(calibration),
    suggestions: suggestThresholds(verdicts, options).map((s) => ({
      ...s,
      currentThreshold: thresholdFor(thresholds, s.documentType, s.fieldPath),
    })),
    options,
  };
}

export const METRICS_TABLES = [
  "accuracy-by-type",
  "accuracy-by-field",
  "calibration",
  "suggestions",
] as const;
export type MetricsTable = (typeof METRICS_TABLES)[number];

const round = (value: number | null | undefined, digits = 4) =>
  value === null || value === undefined ? null : Math.round(value * 10 ** digits) / 10 ** digits;

/** One export table as rows (header first); cells are raw values, the CSV writer neutralises them. */
export function metricsTableRows(report: MetricsReport, table: MetricsTable): unknown[][] {
  switch (table) {
    case "accuracy-by-type":
    case "accuracy-by-field": {
      const rows = table === "accuracy-by-type" ? report.byType : report.byField;
      return [
        [
          "document_type",
          "field",
          "verdicts",
          "correct",
          "incorrect",
          "accuracy",
          "wilson95_low",
          "wilson95_high",
        ],
        ...rows.map((r) => [
          r.documentType ?? "",
          r.fieldPath ?? "",
          r.verdicts,
          r.correct,
          r.incorrect,
          round(r.accuracy),
          round(r.interval?.low),
          round(r.interval?.high),
        ]),
        [
          "(all)",
          "",
          report.overall.verdicts,
          report.overall.correct,
          report.overall.incorrect,
          round(report.overall.accuracy),
          round(report.overall.interval?.low),
          round(report.overall.interval?.high),
        ],
      ];
    }
    case "calibration":
      return [
        ["bucket_from", "bucket_to", "verdicts", "correct", "observed_accuracy", "mean_confidence"],
        ...report.calibration.map((b) => [
          b.from,
          b.to,
          b.verdicts,
          b.correct,
          round(b.accuracy),
          round(b.meanConfidence),
        ]),
        ["expected_calibration_error", "", "", "", round(report.ece), ""],
      ];
    case "suggestions":
      return [
        [
          "document_type",
          "field",
          "verdicts",
          "target_error_rate",
          "min_sample",
          "status",
          "suggested_threshold",
          "verdicts_at_or_above",
          "error_rate_at_or_above",
          "current_threshold",
        ],
        ...report.suggestions.map((s) => [
          s.documentType ?? "",
          s.fieldPath,
          s.verdicts,
          report.options.targetErrorRate,
          report.options.minSample,
          s.suggestion.status,
          s.suggestion.status === "ok" ? s.suggestion.threshold : null,
          s.suggestion.status === "ok" ? s.suggestion.skipping : null,
          s.suggestion.status === "ok" ? round(s.suggestion.errorRate) : null,
          round(s.currentThreshold),
        ]),
      ];
  }
}
