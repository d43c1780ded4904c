/**
 * QA metrics over field verdicts. Pure, so the pages, the CSV export and the tests compute them
 * the same way. Definitions (also in lib/qa/README.md):
 *
 * - accuracy = correct / verdicts, with a Wilson 95% score interval;
 * - calibration: verdicts with a confidence, in `buckets` equal-width buckets [0,0.1) … [0.9,1.0]
 *   (1.0 falls in the last one); per bucket the observed accuracy and the mean confidence; the
 *   expected calibration error ECE = Σ_b (n_b / N) · |accuracy_b − mean confidence_b|;
 * - what-if at threshold t: among verdicts with a confidence, those with confidence ≥ t would
 *   skip review; their share and their observed error rate (incorrect / skipping);
 * - suggested threshold for a target error rate e and a minimum sample m: the LOWEST observed
 *   confidence t such that at least m verdicts have confidence ≥ t and their error rate is ≤ e.
 *   Fewer than m verdicts with a confidence: "not enough data". Otherwise none qualifies:
 *   "target not reached". Thresholds between two observed confidences select the same verdicts,
 *   so observed confidences are the only candidates worth trying.
 *
 * Verdicts without a confidence count for accuracy only.
 */

export type Verdict = {
  correct: boolean;
  confidence: number | null;
  documentType: string | null;
  fieldPath: string;
  /** What the second reader said of the field (lib/qa/agreement.ts); absent: not read. */
  secondReader?: "agrees" | "disagrees" | "not_found" | "not_read";
};

export type Interval = { low: number; high: number };

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/** Wilson score interval for a proportion `successes / n`; null when n = 0. */
export function wilsonInterval(successes: number, n: number, z = Z95): Interval | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export type AccuracyRow = {
  documentType: string | null;
  fieldPath: string | null;
  verdicts: number;
  correct: number;
  incorrect: number;
  accuracy: number | null;
  interval: Interval | null;
};

function accuracyRow(
  documentType: string | null,
  fieldPath: string | null,
  verdicts: readonly Verdict[],
): AccuracyRow {
  const correct = verdicts.filter((v) => v.correct).length;
  return {
    documentType,
    fieldPath,
    verdicts: verdicts.length,
    correct,
    incorrect: verdicts.length - correct,
    accuracy: verdicts.length ? correct / verdicts.length : null,
    interval: wilsonInterval(correct, verdicts.length),
  };
}

export function overallAccuracy(verdicts: readonly Verdict[]): AccuracyRow {
  return accuracyRow(null, null, verdicts);
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function groupBy<K extends string>(verdicts: readonly Verdict[], key: (v: Verdict) => K) {
  const groups = new Map<K, Verdict[]>();
  for (const v of verdicts) {
    const list = groups.get(key(v));
    if (list) list.push(v);
    else groups.set(key(v), [v]);
  }
  return [...groups].sort(([a], [b]) => compare(a, b));
}

const typeKey = (v: Verdict) => v.documentType ?? "";
const fieldKey = (v: Verdict) => `${v.documentType ?? ""}\u0000${v.fieldPath}`;

/** Accuracy per document type, sorted by type. */
export function accuracyByDocumentType(verdicts: readonly Verdict[]): AccuracyRow[] {
  return groupBy(verdicts, typeKey).map(([, list]) => accuracyRow(list[0]!.documentType, null, list));
}

/** Accuracy per (document type, field), sorted by type then field. */
export function accuracyByField(verdicts: readonly Verdict[]): AccuracyRow[] {
  return groupBy(verdicts, fieldKey).map(([, list]) =>
    accuracyRow(list[0]!.documentType, list[0]!.fieldPath, list),
  );
}

export type CalibrationBucket = {
  index: number;
  from: number;
  to: number;
  verdicts: number;
  correct: number;
  accuracy: number | null;
  meanConfidence: number | null;
};

/** Bucket of a confidence: floor(c · buckets), with 1.0 in the last bucket. */
export function bucketOf(confidence: number, buckets = 10): number {
  // The epsilon keeps 0.3 (0.3·10 = 2.9999…) out of the bucket below.
  return Math.min(buckets - 1, Math.max(0, Math.floor(confidence * buckets + 1e-9)));
}

export function calibrationBuckets(verdicts: readonly Verdict[], buckets = 10): CalibrationBucket[] {
  const sums = Array.from({ length: buckets }, () => ({ n: 0, correct: 0, confidence: 0 }));
  for (const v of verdicts) {
    if (v.confidence === null) continue;
    const sum = sums[bucketOf(v.confidence, buckets)]!;
    sum.n++;
    sum.correct += v.correct ? 1 : 0;
    sum.confidence += v.confidence;
  }
  return sums.map((s, index) => ({
    index,
    from: index / buckets,
    to: (index + 1) / buckets,
    verdicts: s.n,
    correct: s.correct,
    accuracy: s.n ? s.correct / s.n : null,
    meanConfidence: s.n ? s.confidence / s.n : null,
  }));
}

/** Σ (n_b / N) · |accuracy_b − mean confidence_b|; null without any verdict with a confidence. */
export function expectedCalibrationError(buckets: readonly CalibrationBucket[]): number | null {
  const total = buckets.reduce((n, b) => n + b.verdicts, 0);
  if (total === 0) return null;
  return buckets.reduce(
    (sum, b) =>
      b.verdicts === 0 ? sum : sum + (b.verdicts / total) * Math.abs(b.accuracy! - b.meanConfidence!),
    0,
  );
}

export type WhatIf = {
  threshold: number;
  /** Verdicts with a confidence: the denominator of `skipShare`. */
  withConfidence: number;
  skipping: number;
  skipShare: number | null;
  errors: number;
  errorRate: number | null;
};

export function whatIf(verdicts: readonly Verdict[], threshold: number): WhatIf {
  let withConfidence = 0;
  let skipping = 0;
  let errors = 0;
  for (const v of verdicts) {
    if (v.confidence === null) continue;
    withConfidence++;
    if (v.confidence >= threshold) {
      skipping++;
      if (!v.correct) errors++;
    }
  }
  return {
    threshold,
    withConfidence,
    skipping,
    skipShare: withConfidence ? skipping / withConfidence : null,
    errors,
    errorRate: skipping ? errors / skipping : null,
  };
}

/** What-if at 0, 1/steps, …, 1 (thresholds computed as i/steps so 0.91 is exactly 0.91). */
export function whatIfCurve(verdicts: readonly Verdict[], steps = 100): WhatIf[] {
  return Array.from({ length: steps + 1 }, (_, i) => whatIf(verdicts, i / steps));
}

export type SuggestionOptions = { targetErrorRate: number; minSample: number };
export type Suggestion =
  | { status: "ok"; threshold: number; skipping: number; errors: number; errorRate: number }
  | { status: "not_enough_data"; withConfidence: number }
  | { status: "target_not_reached"; withConfidence: number };

export function suggestThreshold(verdicts: readonly Verdict[], options: SuggestionOptions): Suggestion {
  const scored = verdicts
    .filter((v): v is Verdict & { confidence: number } => v.confidence !== null)
    .sort((a, b) => a.confidence - b.confidence);
  if (scored.length < options.minSample || scored.length === 0)
    return { status: "not_enough_data", withConfidence: scored.length };
  let errorsAtOrAbove = scored.filter((v) => !v.correct).length;
  for (let i = 0; i < scored.length; i++) {
    const t = scored[i]!.confidence;
    // Only the first verdict at each distinct confidence starts a candidate.
    if (i === 0 || scored[i - 1]!.confidence !== t) {
      const skipping = scored.length - i;
      if (skipping < options.minSample) break;
      const errorRate = errorsAtOrAbove / skipping;
      if (errorRate <= options.targetErrorRate + 1e-12)
        return { status: "ok", threshold: t, skipping, errors: errorsAtOrAbove, errorRate };
    }
    if (!scored[i]!.correct) errorsAtOrAbove--;
  }
  return { status: "target_not_reached", withConfidence: scored.length };
}

export type FieldSuggestion = {
  documentType: string | null;
  fieldPath: string;
  verdicts: number;
  suggestion: Suggestion;
};

/** One suggestion per (document type, field), sorted like `accuracyByField`. */
export function suggestThresholds(
  verdicts: readonly Verdict[],
  options: SuggestionOptions,
): FieldSuggestion[] {
  return groupBy(verdicts, fieldKey).map(([, list]) => ({
    documentType: list[0]!.documentType,
    fieldPath: list[0]!.fieldPath,
    verdicts: list.length,
    suggestion: suggestThreshold(list, options),
  }));
}
