import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { digitsArb, referenceCheckDigit, stdAadhaar, stdGstin, stdVid } from "@/test/reference";
import { gstinCheck, verhoeffDigit, verhoeffOk } from "./checksums";

describe("the simulator's own check digits, against stdnum", () => {
  it("Verhoeff: the same check digit as stdnum for Aadhaar and VID payloads", () => {
    const payloadArb = fc
      .tuple(fc.integer({ min: 2, max: 9 }), fc.constantFrom(10, 14).chain(digitsArb))
      .map(([first, rest]) => `${first}${rest}`);
    fc.assert(
      fc.property(payloadArb, (payload) => {
        const reference = referenceCheckDigit(payload, payload.length === 11 ? stdAadhaar : stdVid);
        fc.pre(reference !== null); // palindromes
        expect(verhoeffDigit(payload)).toBe(reference);
        expect(verhoeffOk(payload + reference)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(verhoeffOk("200000060006")).toBe(true);
    expect(verhoeffOk("200000060007")).toBe(false);
  });

  it("GSTIN: stdnum accepts its check character and no other", () => {
    const letters = fc.string({
      unit: fc.constantFrom(..."ABDEFGHIJKLMNOPQRSTUVWXYZ".split("")),
      minLength: 3,
      maxLength: 3,
    });
    const first14 = fc
      .tuple(
        fc.integer({ min: 1, max: 37 }),
        letters,
        fc.constantFrom(..."PCHFATBLJG".split("")),
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 1, max: 9 }),
      )
      .map(
        ([state, three, holder, serial, entity]) =>
          `${String(state).padStart(2, "0")}${three}${holder}A${String(serial).padStart(4, "0")}Q${entity}Z`,
      );
    fc.assert(
      fc.property(first14, (f) => {
        const check = gstinCheck(f);
        expect(stdGstin(f + check)).toBe(true);
        const other = check === "0" ? "1" : "0";
        expect(stdGstin(f + other)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
