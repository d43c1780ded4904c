import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DIGIT_SCRIPTS, digitsArb, inScript, separatorArb } from "@/test/reference";
import { asciiDigits, compactIdentifier } from "./digits";

describe("asciiDigits", () => {
  it("reads the digits of every Indian script ICU knows as ASCII digits", () => {
    fc.assert(
      fc.property(digitsArb(12), fc.constantFrom(...DIGIT_SCRIPTS), (digits, script) => {
        expect(asciiDigits(`a${inScript(digits, script)}b`)).toBe(`a${digits}b`);
      }),
      { numRuns: 1000 },
    );
  });

  it("reads digit blocks laid out back to back (mathematical digits) by their own zero", () => {
    // U+1D7CE bold 0 … U+1D7D7 bold 9, then U+1D7D8 double-struck 0, U+1D7E2 sans-serif 0.
    expect(asciiDigits("\u{1D7CE}\u{1D7D7}\u{1D7D8}\u{1D7E1}\u{1D7E2}\u{1D7FF}")).toBe("090909");
  });

  it("leaves letters, including letters of Indian scripts, alone", () => {
    expect(asciiDigits("आधार ABC xyz")).toBe("आधार ABC xyz");
  });
});

describe("compactIdentifier", () => {
  it("removes any separator between groups", () => {
    fc.assert(
      fc.property(digitsArb(12), separatorArb, separatorArb, (digits, a, b) => {
        expect(
          compactIdentifier(`${digits.slice(0, 4)}${a}${digits.slice(4, 8)}${b}${digits.slice(8)}`),
        ).toBe(digits);
      }),
      { numRuns: 1000 },
    );
  });
});
