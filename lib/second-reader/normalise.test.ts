import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LONG_MONTHS as LONG, MONTHS } from "./month-names.test-fixture";
import { canonical, shapeOf } from "./normalise";

const DEVANAGARI = "०१२३४५६७८९";

describe("canonical", () => {
  it("ignores case, spacing and punctuation", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9]{1,20}$/),
        fc.array(fc.constantFrom(" ", "-", ".", ",", "  ", ":"), { maxLength: 3 }),
        (s, seps) => {
          // A "." between two digits is a decimal point, not punctuation ("0.0" is the amount 0).
          const between = (i: number) => /\d/.test(s[i]!) && /\d/.test(s[i + 1] ?? "");
          const spaced = s
            .split("")
            .map((c, i) =>
              i % 3 === 2 ? `${c}${seps.filter((p) => !(p === "." && between(i))).join("")}` : c,
            )
            .join("");
          expect(canonical(spaced.toUpperCase())).toBe(canonical(s.toLowerCase()));
        },
      ),
    );
  });

  it("reads a date the same way in every common form", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1930, max: 2029 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        (y, m, d) => {
          const dd = String(d).padStart(2, "0");
          const mm = String(m).padStart(2, "0");
          const forms = [
            `${dd}/${mm}/${y}`,
            `${dd}-${mm}-${y}`,
            `${dd}.${mm}.${y}`,
            `${d} ${MONTHS[m - 1]} ${y}`,
            `${d}-${MONTHS[m - 1]!.toUpperCase()}-${y}`,
            `${LONG[m - 1]} ${d}, ${y}`,
            `${y}-${mm}-${dd}`,
          ];
          const expected = `${y}${mm}${dd}`;
          for (const form of forms) expect(canonical(`DOB ${form}`)).toBe(`dob${expected}`);
        },
      ),
    );
  });

  it("reads digits of any Indian script as ASCII", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{4,12}$/), (digits) => {
        const devanagari = digits.replace(/\d/g, (c) => DEVANAGARI[Number(c)]!);
        expect(canonical(devanagari)).toBe(canonical(digits));
      }),
    );
  });

  it("reads amounts with ₹, Rs., INR, Indian or Western grouping and zero paise alike", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_99_99_999 }), (n) => {
        const indian = new Intl.NumberFormat("en-IN").format(n);
        const western = new Intl.NumberFormat("en-US").format(n);
        for (const form of [`₹${indian}.00`, `Rs. ${indian}/-`, `INR ${western}`, `${n}`, `₹ ${indian}`])
          expect(canonical(form)).toBe(String(n));
      }),
    );
    expect(canonical("1,234.50")).toBe(canonical("1234.5"));
  });

  it("leaves impossible dates alone", () => {
    expect(canonical("45/13/2020")).toBe("45132020");
  });

  it("outlines a value as letters and digits", () => {
    expect(shapeOf(canonical("ABCPK1234D"))).toBe("aaaaa9999a");
  });
});
