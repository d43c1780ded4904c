import { describe, expect, it } from "vitest";
import { accuracyByAgreement, agreementOf } from "./agreement";
import type { Verdict } from "./metrics";

const v = (correct: boolean, confidence: number | null, secondReader?: Verdict["secondReader"]): Verdict => ({
  correct,
  confidence,
  documentType: "PAN",
  fieldPath: "pan_number",
  secondReader,
});

describe("accuracyByAgreement", () => {
  it("splits accuracy by what the second reader said, over all verdicts and at high confidence", () => {
    const verdicts = [
      v(true, 0.97, "agrees"),
      v(true, 0.95, "agrees"),
      v(false, 0.97, "disagrees"),
      v(true, 0.6, "disagrees"),
      v(false, 0.5, "not_found"),
      v(true, 0.99),
    ];
    const rows = accuracyByAgreement(verdicts, 0.9);
    const row = (agreement: string, minConfidence: number | null) =>
      rows.find((r) => r.agreement === agreement && r.minConfidence === minConfidence)!;
    expect(row("agrees", null)).toMatchObject({ verdicts: 2, correct: 2, accuracy: 1 });
    expect(row("disagrees", null)).toMatchObject({ verdicts: 2, correct: 1, accuracy: 0.5 });
    expect(row("disagrees", 0.9)).toMatchObject({ verdicts: 1, correct: 0, accuracy: 0 });
    expect(row("not_found", 0.9)).toMatchObject({ verdicts: 0, accuracy: null, interval: null });
    expect(row("not_read", null)).toMatchObject({ verdicts: 1, correct: 1 });
    // Every verdict lands in exactly one group of each band.
    expect(rows.filter((r) => r.minConfidence === null).reduce((n, r) => n + r.verdicts, 0)).toBe(6);
  });

  it("reads the stored evidence status", () => {
    expect(agreementOf("found")).toBe("agrees");
    expect(agreementOf("disagrees")).toBe("disagrees");
    expect(agreementOf("not_matched")).toBe("not_read");
    expect(agreementOf(null)).toBe("not_read");
  });
});
