import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { auditDetails, auditDiff } from "./diff";

describe("auditDiff", () => {
  it("lists only the keys that changed, old → new", () => {
    expect(
      auditDiff(
        { reviewStatus: "in_review", version: 3, label: "same" },
        { reviewStatus: "rejected", reason: "blurred scan", version: 3, label: "same" },
      ),
    ).toEqual([
      { path: "reviewStatus", before: "in_review", after: "rejected" },
      { path: "reason", before: null, after: "blurred scan" },
    ]);
  });

  it("a creation lists every key as new, a removal every key as gone", () => {
    expect(auditDiff(null, { threshold: 0.9 })).toEqual([{ path: "threshold", before: null, after: "0.9" }]);
    expect(auditDiff({ threshold: 0.9 }, null)).toEqual([{ path: "threshold", before: "0.9", after: null }]);
    expect(auditDiff(null, null)).toEqual([]);
  });

  it("walks nested objects by dotted path and shows lists of plain values as one list", () => {
    expect(
      auditDiff(
        { state: "pending", value: { city: "Pune", pin: "411001" }, fields: ["pan_number"] },
        { state: "corrected", value: { city: "Mumbai", pin: "411001" }, fields: ["pan_number", "dob"] },
      ),
    ).toEqual([
      { path: "state", before: "pending", after: "corrected" },
      { path: "value.city", before: "Pune", after: "Mumbai" },
      { path: "fields", before: "pan_number", after: "pan_number, dob" },
    ]);
    expect(auditDiff("old text", "new text")).toEqual([{ path: "", before: "old text", after: "new text" }]);
  });

  it("masks Aadhaar numbers and hides secret-named keys", () => {
    const changes = auditDiff({ value: "2345 6789 0123" }, { value: "9999 8888 7776", password: "hunter2" });
    const text = JSON.stringify(changes);
    expect(text).not.toMatch(/2345|6789|9999 8888/);
    expect(text).toContain("XXXX XXXX 0123");
    expect(text).not.toContain("hunter2");
  });

  it("never reports a change between equal values, and always one where a leaf differs", () => {
    const leaf = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null));
    const record = fc.dictionary(fc.constantFrom("a", "b", "c", "d"), leaf);
    fc.assert(
      fc.property(record, record, (x, y) => {
        expect(auditDiff(x, structuredClone(x))).toEqual([]);
        const changed = auditDiff(x, y).map((c) => c.path);
        for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) {
          const same = key in x && key in y && JSON.stringify(x[key]) === JSON.stringify(y[key]);
          const textSame = key in x && key in y && (x[key] ?? "") === "" && (y[key] ?? "") === "";
          if (!same && !textSame) expect(changed).toContain(key);
          if (same) expect(changed).not.toContain(key);
        }
      }),
    );
  });
});

describe("auditDetails", () => {
  it("lists metadata as key: value, leaving out what the page shows elsewhere", () => {
    expect(auditDetails({ documentId: "doc-1", format: "csv", count: 3 }, ["documentId"])).toEqual([
      { key: "format", value: "csv" },
      { key: "count", value: "3" },
    ]);
    expect(auditDetails(null)).toEqual([]);
  });
});
