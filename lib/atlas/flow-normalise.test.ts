import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normaliseCrossChecks, readScore } from "./flow-cross-checks";
import { normaliseStatus, parseFlowCallback } from "./flow-normalise";
import { canonicalStatus, isTerminalStatus, statusMeaning, statusWords } from "./status-words";

/** Random letter case, and "_" sometimes written as a space or "-". */
const variant = (word: string) =>
  fc
    .tuple(
      fc.array(fc.boolean(), { minLength: word.length, maxLength: word.length }),
      fc.constantFrom("_", " ", "-"),
    )
    .map(([upper, sep]) =>
      [...word].map((c, i) => (c === "_" ? sep : upper[i] ? c.toUpperCase() : c.toLowerCase())).join(""),
    );

describe("status words", () => {
  it("every word of the table means the same in any case or spelling of its separators", () => {
    for (const meaning of ["finished", "failed", "running", "idle"] as const) {
      for (const word of statusWords(meaning)) {
        fc.assert(
          fc.property(variant(word), (v) => {
            expect(statusMeaning(` ${v} `)).toBe(meaning);
          }),
        );
      }
    }
  });

  it("finished and failed words are terminal; Atlas's documented values mean what the docs say", () => {
    expect(["SUCCESS", "FAILED", "success", "Completed", "done", "ERROR"].every(isTerminalStatus)).toBe(true);
    expect(["IN_PROGRESS", "PENDING", "NOT_STARTED", "", null, undefined].some(isTerminalStatus)).toBe(false);
    expect(statusMeaning("COMPLETED")).toBe("finished");
    expect(statusMeaning("AWAITING_MANUAL_QC")).toBe("unknown");
    expect(canonicalStatus(" in progress ")).toBe("IN_PROGRESS");
  });

  it("a status answer keeps every value verbatim", () => {
    const s = normaliseStatus({
      master_status: "success",
      crossheck_status: "completed",
      upload_status: "Success",
    });
    expect(s).toMatchObject({
      masterStatus: "success",
      crosscheckStatus: "completed",
      isTerminal: true,
      masterMeaning: "finished",
    });
    expect(normaliseStatus({ master_status: "WEIRD" })).toMatchObject({
      masterStatus: "WEIRD",
      isTerminal: false,
      masterMeaning: "unknown",
    });
  });
});

describe("cross-checks", () => {
  it("reads scores as numbers, numeric strings, decimal commas and percentages", () => {
    expect(readScore(0.91)).toEqual({ value: 0.91, percent: false });
    expect(readScore("91.4")).toEqual({ value: 91.4, percent: false });
    expect(readScore("0,91")).toEqual({ value: 0.91, percent: false });
    expect(readScore("91.4 %")).toEqual({ value: 91.4, percent: true });
    expect(readScore(".5")).toEqual({ value: 0.5, percent: false });
    for (const v of ["high", "", null, NaN, {}, "1.2.3"]) expect(readScore(v)).toBeUndefined();
  });

  it("detects the 0–1 scale per answer and returns every score on 0–100 (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 12 }),
        (hundredths) => {
          const onHundred = hundredths.map((h) => h / 100);
          // Only an answer with some score above 1 is unambiguously on 0–100.
          fc.pre(onHundred.some((s) => s > 1));
          const items = (scores: number[]) =>
            scores.map((s, i) => ({ field_name: `f${i}`, similarity_score: s }));
          const a = normaliseCrossChecks(items(onHundred));
          const b = normaliseCrossChecks(items(onHundred.map((s) => s / 100)));
          expect(a.scale).toBe("0-100");
          expect(b.scale).toBe("0-1");
          b.checks.forEach((c, i) => expect(c.similarityScore).toBeCloseTo(a.checks[i]!.similarityScore!, 6));
        },
      ),
    );
  });

  it("maps other key names and nested sides, and keeps every item raw", () => {
    const { checks } = normaliseCrossChecks([
      {
        field: "dealer_name",
        source: { document_id: 2, document_type: "DELIVERY_ORDER", value: "A" },
        target: { document_id: "1", value: "B" },
        score: "88%",
      },
      { rule: "X_MATCH", doc_a: "2", doc_b: "1", match_score: 0.5 },
      "just a string",
    ]);
    expect(checks[0]).toMatchObject({
      fieldName: "dealer_name",
      sourceDocumentId: "2",
      sourceDocumentType: "DELIVERY_ORDER",
      targetDocumentId: "1",
      sourceValue: "A",
      targetValue: "B",
      similarityScore: 88,
    });
    // One "88%" puts the whole answer on 0–100, so this 0.5 is read as 0.5 of 100.
    expect(checks[1]).toMatchObject({
      fieldName: undefined,
      similarityScore: 0.5,
      raw: { rule: "X_MATCH", doc_a: "2", doc_b: "1", match_score: 0.5 },
    });
    expect(checks[2]).toMatchObject({ raw: "just a string", similarityScore: null });
    expect(checks).toHaveLength(3);
  });

  it("clamps scores out of range", () => {
    const { checks } = normaliseCrossChecks([{ similarity_score: 140 }, { similarity_score: -3 }]);
    expect(checks.map((c) => c.similarityScore)).toEqual([100, 0]);
  });
});

describe("callbacks", () => {
  it("accepts a status-only callback (no ocr_data, no cross_checks)", () => {
    const cb = parseFlowCallback({ flow_uuid: "f", application_id: 12, master_status: "success" });
    expect(cb).toMatchObject({
      statusOnly: true,
      ocrData: [],
      crossChecks: [],
      masterStatus: "success",
      applicationId: "12",
    });
  });

  it("keeps unreadable ocr_data entries apart, never blocking the others", () => {
    const cb = parseFlowCallback({
      ocr_data: [
        { document_id: "1", file_data: { document_type: "PAN" } },
        { file_data: { document_type: "PAN" } },
        42,
        { document_id: "3", file_data: { document_type: "AADHAAR" } },
      ],
    });
    expect(cb.ocrData.map((d) => d.documentId)).toEqual(["1", "3"]);
    expect(cb.unreadable.map((u) => u.index)).toEqual([1, 2]);
    expect(cb.statusOnly).toBe(false);
  });

  it("refuses an envelope that is not CallbackData", () => {
    expect(() => parseFlowCallback([1, 2])).toThrow(/could not be understood/);
    expect(() => parseFlowCallback({ cross_checks: "nope" })).toThrow(/cross_checks/);
  });
});
