/**
 * QA accuracy split by what the second reader (our OCR of the scan, lib/second-reader) said of
 * each field: did the page print the value (agrees), print something else (disagrees), not show
 * it (not found), or was the scan not read. Beside confidence, this tells QA whether agreement
 * predicts correctness better than confidence alone: the same split among verdicts at or above a
 * confidence is the comparison (if agreement matters there, confidence alone was not enough).
 * Pure and client-safe.
 */
import { wilsonInterval, type Interval, type Verdict } from "./metrics";

export const AGREEMENTS = ["agrees", "disagrees", "not_found", "not_read"] as const;
export type Agreement = (typeof AGREEMENTS)[number];

export type AgreementRow = {
  agreement: Agreement;
  /** null: every verdict; a number: only verdicts with confidence ≥ it. */
  minConfidence: number | null;
  verdicts: number;
  correct: number;
  accuracy: number | null;
  interval: Interval | null;
};

/** The second reader's word on a field, from its stored status (fields.second_reader->status). */
export function agreementOf(status: string | null | undefined): Agreement {
  if (status === "found") return "agrees";
  if (status === "disagrees") return "disagrees";
  if (status === "not_found") return "not_found";
  return "not_read";
}

/** Accuracy per agreement, over all verdicts and over those at or above `minConfidence`. */
export function accuracyByAgreement(verdicts: readonly Verdict[], minConfidence = 0.9): AgreementRow[] {
  const rows: AgreementRow[] = [];
  for (const band of [null, minConfidence]) {
    const inBand = verdicts.filter((v) => band === null || (v.confidence !== null && v.confidence >= band));
    for (const agreement of AGREEMENTS) {
      const group = inBand.filter((v) => (v.secondReader ?? "not_read") === agreement);
      const correct = group.filter((v) => v.correct).length;
      rows.push({
        agreement,
        minConfidence: band,
        verdicts: group.length,
        correct,
        accuracy: group.length ? correct / group.length : null,
        interval: wilsonInterval(correct, group.length),
      });
    }
  }
  return rows;
}
