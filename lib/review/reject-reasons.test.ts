import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  DEFAULT_REJECT_REASONS,
  parseRejectReasonsText,
  readRejectReasons,
  rejectReasonsText,
} from "./reject-reasons";

describe("reject reasons", () => {
  it("round-trips the defaults through the settings box", () => {
    expect(parseRejectReasonsText(rejectReasonsText(DEFAULT_REJECT_REASONS))).toEqual({
      ok: true,
      reasons: DEFAULT_REJECT_REASONS,
    });
  });

  it("reads codes in any case with a colon, dash or tab, skipping blank lines", () => {
    expect(
      parseRejectReasonsText("illegible: Cannot be read\n\nNOT_KYC — Not a KYC document\nX_1\tOther"),
    ).toEqual({
      ok: true,
      reasons: [
        { code: "ILLEGIBLE", label: "Cannot be read" },
        { code: "NOT_KYC", label: "Not a KYC document" },
        { code: "X_1", label: "Other" },
      ],
    });
  });

  it("names the line or reason that is wrong", () => {
    expect(parseRejectReasonsText("ILLEGIBLE: ok\njust words here")).toEqual({
      ok: false,
      message: expect.stringMatching(/^Line 2: write it as CODE: label/),
    });
    expect(parseRejectReasonsText("A: fine label\nB_2:")).toEqual({
      ok: false,
      message: expect.stringMatching(/^Reason 1: A code is 2–40/),
    });
    expect(parseRejectReasonsText("AB: one\nAB: two")).toEqual({
      ok: false,
      message: "Each code may appear once.",
    });
    expect(parseRejectReasonsText("  \n")).toEqual({ ok: false, message: "Keep at least one reason." });
  });

  it("falls back to the defaults when a stored list no longer fits", () => {
    expect(readRejectReasons(null)).toBe(DEFAULT_REJECT_REASONS);
    expect(readRejectReasons([{ code: "x" }])).toBe(DEFAULT_REJECT_REASONS);
    expect(readRejectReasons([{ code: "NOT_KYC", label: "Not KYC" }])).toEqual([
      { code: "NOT_KYC", label: "Not KYC" },
    ]);
  });
});

describe("reject reasons, property", () => {
  it("any valid list survives the settings box unchanged", () => {
    const code = fc.stringMatching(/^[A-Z][A-Z0-9_]{1,39}$/);
    // Labels as an admin types them: trimmed, on one line, 2–80 characters.
    const label = fc
      .string({ minLength: 2, maxLength: 80 })
      .map((s) => s.replace(/[\r\n]/g, " ").trim())
      .filter((s) => s.length >= 2);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ code, label }), { minLength: 1, maxLength: 40, selector: (r) => r.code }),
        (list) => {
          expect(parseRejectReasonsText(rejectReasonsText(list))).toEqual({ ok: true, reasons: list });
        },
      ),
    );
  });
});
