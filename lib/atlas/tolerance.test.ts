/**
 * The tolerant readers of issue 12, unit by unit: JSON with NaN/Infinity, confidence scores in
 * every form, and Bulk entries read one by one. Property-based where a reference exists
 * (JSON.parse for standard JSON; the number itself for the score forms).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectConfidenceScale, readConfidence } from "./confidence";
import { normaliseExtractsPage, readEntry } from "./entries";
import { readField } from "./fields";
import { parseAtlasJson } from "./json";
import { bulkExtractsResponseSchema } from "./schemas";

describe("parseAtlasJson", () => {
  it("reads any standard JSON exactly as JSON.parse does", () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(parseAtlasJson(text)).toEqual(JSON.parse(text));
      }),
    );
  });

  it("reads NaN, Infinity and -Infinity as null and leaves strings holding those words alone", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom("NaN", "Infinity", "-Infinity", "a NaN b")), {
          maxLength: 5,
        }),
        fc.constantFrom("NaN", "Infinity", "-Infinity"),
        (strings, token) => {
          const text = `{"s": ${JSON.stringify(strings)}, "score": ${token}, "list": [1, ${token}, 2]}`;
          expect(parseAtlasJson(text)).toEqual({ s: strings, score: null, list: [1, null, 2] });
        },
      ),
    );
  });

  it("still refuses what is not JSON at all", () => {
    expect(() => parseAtlasJson('[{"batch_id": "BATCH-')).toThrow();
    expect(() => parseAtlasJson("<html>502 Bad Gateway</html>")).toThrow();
  });
});

describe("readConfidence", () => {
  const unit = fc.double({ min: 0, max: 1, noNaN: true }).map((n) => Math.round(n * 10_000) / 10_000);

  it("reads numbers, numeric strings, leading dots, percentages and decimal commas alike", () => {
    fc.assert(
      fc.property(unit, (n) => {
        const forms = [
          n,
          String(n),
          String(n).replace(/^0\./, "."),
          `${Math.round(n * 1e6) / 1e4}%`,
          String(n).replace(".", ","),
        ];
        for (const form of forms) {
          const read = readConfidence(form);
          expect(read.problem, String(form)).toBeUndefined();
          expect(read.score!, String(form)).toBeCloseTo(n, 6);
        }
      }),
    );
  });

  it("reads a 0–100 answer on its scale", () => {
    fc.assert(
      fc.property(unit, (n) => {
        expect(readConfidence(n * 100, "percent").score!).toBeCloseTo(n, 6);
      }),
    );
  });

  it("clamps and flags values out of range, and flags missing or unreadable scores", () => {
    expect(readConfidence(1.3)).toEqual({
      score: 1,
      problem: expect.stringMatching(/outside 0–1; taken as 1/),
    });
    expect(readConfidence(-0.2)).toEqual({ score: 0, problem: expect.stringMatching(/taken as 0/) });
    expect(readConfidence("130%")).toEqual({ score: 1, problem: expect.stringMatching(/outside 0–100/) });
    for (const missing of [undefined, null, NaN, "", "NaN", "null"]) {
      expect(readConfidence(missing)).toEqual({ problem: "Atlas gave no confidence" });
    }
    expect(readConfidence("high").problem).toMatch(/cannot be read \(high\)/);
    expect(readConfidence({ p: 1 }).problem).toMatch(/cannot be read/);
  });

  it("decides the scale per answer by most scores, so one outlier does not flip it", () => {
    expect(detectConfidenceScale([0.9, 0.8, 1.3])).toBe("unit");
    expect(detectConfidenceScale([90, 80, 0.5])).toBe("percent");
    expect(detectConfidenceScale(["95%", 0.9])).toBe("unit");
    expect(detectConfidenceScale([])).toBe("unit");
  });

  it("never turns a field's value into an object, whatever the score looks like", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), fc.anything(), (value, score) => {
        expect(readField({ value, confidence_score: score }).value).toEqual(value);
      }),
    );
  });
});

describe("Bulk entries", () => {
  const page = (data: unknown[], extra: Record<string, unknown> = {}) =>
    normaliseExtractsPage(bulkExtractsResponseSchema.parse({ data, ...extra }), 1);
  const result = (
    id: string,
    fields: Record<string, unknown> = { name: { value: "A", confidence_score: 0.9 } },
  ) => ({
    document_id: id,
    file_data: { document_type: "PAN", ...fields },
  });

  it("keeps processing and empty entries waiting, never as results", () => {
    for (const entry of [
      { document_id: "1", file_data: null },
      { document_id: "1", file_data: {} },
      { document_id: "1" },
      { document_id: "1", status: "PROCESSING", file_data: { document_type: "PAN" } },
      { document_id: "1", status: "queued" },
      { document_id: "1", file_data: { status: "In Progress" } },
      { document_id: "1", processing_status: "pending", file_data: null },
    ]) {
      expect(readEntry(entry), JSON.stringify(entry)).toEqual({ kind: "waiting", documentId: "1" });
    }
  });

  it("takes an error code, or a failed status, as a result", () => {
    expect(readEntry({ document_id: "1", error_code: "INVALID_DOC" })).toMatchObject({ kind: "result" });
    expect(readEntry({ document_id: "1", status: "FAILED" })).toMatchObject({
      kind: "result",
      doc: { errorCode: "FAILED", documentType: "UNRECOGNISED" },
    });
  });

  it("an empty duplicate never replaces a result, before or after it", () => {
    const p = page([
      { document_id: "1", file_data: {} },
      result("1"),
      { document_id: "1", file_data: null },
      result("2", {}),
    ]);
    expect(p.data.map((d) => [d.documentId, Object.keys(d.fields)])).toEqual([
      ["1", ["name"]],
      ["2", []],
    ]);
    expect(p.waiting).toEqual([]);
    const q = page([result("3", {}), result("3")]);
    expect(Object.keys(q.data[0]!.fields)).toEqual(["name"]);
  });

  it("lists unreadable entries with their reason and position, and reads the rest", () => {
    const p = page([
      result("1"),
      { file_data: {} },
      "oops",
      { document_id: "", file_data: {} },
      { document_id: "x", file_data: "?" },
      result("2"),
    ]);
    expect(p.data.map((d) => d.documentId)).toEqual(["1", "2"]);
    expect(p.unreadable.map((u) => [u.index, u.reason])).toEqual([
      [1, "no document_id"],
      [2, "the entry is string, not an object"],
      [3, "document_id is empty"],
      [4, expect.stringMatching(/^file_data/)],
    ]);
    expect(p.entryCount).toBe(6);
  });

  it("treats unusable envelope counts as not sent", () => {
    const p = page([], { total_pages: null, total_items: "NaN", has_next: "false", page: "2" });
    expect(p).toMatchObject({
      totalPages: undefined,
      totalItems: undefined,
      hasNext: false,
      endKnown: true,
      page: 2,
    });
    expect(page([]).endKnown).toBe(false);
  });
});
