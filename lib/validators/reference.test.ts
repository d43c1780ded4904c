/**
 * Property-based tests of every validator against implementations this project did not write:
 * the npm `stdnum` package (Aadhaar, VID, PAN, GSTIN), the published Verhoeff tables, ICU
 * (digit scripts, Indian number grouping) and the JavaScript calendar (dates). Where stdnum and
 * the official rule disagree, the test says so and follows the rule.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aadhaarArb,
  digitsArb,
  groupedArb,
  inScript,
  referenceCheckDigit,
  scriptArb,
  separatorArb,
  stdAadhaar,
  stdGstin,
  stdPan,
  stdVid,
  vidArb,
} from "@/test/reference";
import { validateAadhaar, validateVid } from "./aadhaar";
import { validateIfsc, validatePincode } from "./bank-and-postal";
import { VERHOEFF_D, VERHOEFF_INV, VERHOEFF_P, verhoeffCheckDigit, verhoeffValid } from "./checksum";
import { crossFieldChecks } from "./cross-field";
import { parseIndianDate } from "./dates";
import { parseAmountPaise } from "./field-values";
import { panInGstin, validateGstin } from "./gstin";
import { validatePan } from "./pan";
import type { ValidationResult } from "./types";

const RUNS = { numRuns: 2000 };
const isValid = (r: ValidationResult) => r.ok && !("note" in r);
const isMasked = (r: ValidationResult) => r.ok && "note" in r;
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** Single-character substitution at any position, from an alphabet. */
const typo = (value: string, alphabet: string) =>
  fc
    .tuple(fc.nat({ max: value.length - 1 }), fc.constantFrom(...alphabet.split("")))
    .map(([i, c]) => value.slice(0, i) + c + value.slice(i + 1));

/** Adjacent transposition at any position. */
const swap = (value: string) =>
  fc
    .nat({ max: value.length - 2 })
    .map((i) => value.slice(0, i) + value[i + 1] + value[i] + value.slice(i + 2));

describe("Verhoeff tables, against the published tables (Verhoeff 1969)", () => {
  // As printed in Verhoeff's book and on Wikipedia ("Verhoeff algorithm", tables d, p, inv).
  const PUBLISHED_D = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
  ];
  const PUBLISHED_P = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
  ];
  const PUBLISHED_INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

  it("has every row of d, p and inv as published", () => {
    expect(VERHOEFF_D).toEqual(PUBLISHED_D);
    expect(VERHOEFF_P).toEqual(PUBLISHED_P);
    expect(VERHOEFF_INV).toEqual(PUBLISHED_INV);
  });

  it("has the structure the published tables have: p[i] = p[1]^i, inv inverts d", () => {
    for (let i = 1; i < 8; i++) {
      for (let j = 0; j < 10; j++) expect(VERHOEFF_P[i]![j]).toBe(VERHOEFF_P[1]![VERHOEFF_P[i - 1]![j]!]);
    }
    for (let j = 0; j < 10; j++) {
      expect(VERHOEFF_P[1]![VERHOEFF_P[7]![j]!]).toBe(j); // p[1] has order 8
      expect(VERHOEFF_D[j]![VERHOEFF_INV[j]!]).toBe(0);
    }
  });

  it("agrees with stdnum on 200000060006 (valid) and 200000060007 (invalid)", () => {
    expect(validateAadhaar("200000060006")).toEqual({ ok: true });
    expect(validateAadhaar("200000060007")).toMatchObject({ ok: false, check: "aadhaar.checksum" });
    expect(stdAadhaar("200000060006")).toBe(true);
    expect(stdAadhaar("200000060007")).toBe(false);
  });

  it("computes the same check digit as stdnum for Aadhaar and VID payloads", () => {
    const payloadArb = fc
      .tuple(fc.integer({ min: 2, max: 9 }), fc.constantFrom(10, 14).chain(digitsArb))
      .map(([first, rest]) => `${first}${rest}`);
    fc.assert(
      fc.property(payloadArb, (payload) => {
        const reference = referenceCheckDigit(payload, payload.length === 11 ? stdAadhaar : stdVid);
        fc.pre(reference !== null); // palindromes have no valid check digit in stdnum
        expect(verhoeffCheckDigit(payload)).toBe(reference);
        expect(verhoeffValid(payload + reference)).toBe(true);
      }),
      RUNS,
    );
  });
});

describe("validateAadhaar against stdnum", () => {
  it("accepts what stdnum accepts, in any script and with any separators", () => {
    fc.assert(
      fc.property(groupedArb(aadhaarArb), ({ value, text }) => {
        expect(stdAadhaar(value)).toBe(true);
        expect(validateAadhaar(text)).toEqual({ ok: true });
      }),
      RUNS,
    );
  });

  it("agrees with stdnum on single-digit typos and adjacent transpositions", () => {
    const mutated = aadhaarArb.chain((v) => fc.oneof(typo(v, "0123456789"), swap(v)));
    fc.assert(
      fc.property(mutated, scriptArb, (value, script) => {
        expect(isValid(validateAadhaar(inScript(value, script)))).toBe(stdAadhaar(value));
      }),
      RUNS,
    );
  });

  it("agrees with stdnum on any 12 digits (first digit, palindromes, check digit)", () => {
    const palindrome = digitsArb(6).map((h) => h + [...h].reverse().join(""));
    fc.assert(
      fc.property(fc.oneof(digitsArb(12), palindrome), (value) => {
        expect(isValid(validateAadhaar(value))).toBe(stdAadhaar(value));
      }),
      RUNS,
    );
  });

  it("rejects wrong lengths and letters, and reports masked forms as masked", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 20 })
          .filter((n) => n !== 12)
          .chain(digitsArb),
        (value) => {
          expect(validateAadhaar(value)).toMatchObject({ ok: false, check: "aadhaar.format" });
        },
      ),
      RUNS,
    );
    fc.assert(
      fc.property(aadhaarArb, fc.constantFrom("X", "x", "*", "•"), separatorArb, (value, m, sep) => {
        const shown = `${m.repeat(4)}${sep}${m.repeat(4)}${sep}${value.slice(8)}`;
        expect(isMasked(validateAadhaar(shown))).toBe(true);
      }),
      RUNS,
    );
  });
});

describe("validateVid against stdnum", () => {
  it("agrees on valid VIDs (any separators, any script), typos and transpositions", () => {
    fc.assert(
      fc.property(groupedArb(vidArb), ({ value, text }) => {
        expect(stdVid(value)).toBe(true);
        expect(validateVid(text)).toEqual({ ok: true });
      }),
      RUNS,
    );
    const mutated = vidArb.chain((v) => fc.oneof(typo(v, "0123456789"), swap(v)));
    fc.assert(
      fc.property(mutated, (value) => {
        expect(isValid(validateVid(value))).toBe(stdVid(value));
      }),
      RUNS,
    );
  });
});

// PAN: stdnum accepts holder type K ("Krish"), which the Income Tax Department's list of holder
// types does not have; the rule wins. stdnum also calls every PAN a company (isCompany: true),
// while the 4th letter P is a person; we do not use that flag.
const panArb = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(...LETTERS.split("")), minLength: 3, maxLength: 3 }),
    fc.constantFrom(...LETTERS.split("")),
    fc.constantFrom(...LETTERS.split("")),
    fc.oneof(digitsArb(4), fc.constant("0000")),
    fc.constantFrom(...LETTERS.split("")),
  )
  .map((parts) => parts.join(""));
const officialPan = (pan: string) => stdPan(pan) && pan[3] !== "K";

describe("validatePan against stdnum and the Income Tax Department's rule", () => {
  it("agrees on every PAN shape, holder letter and serial (0000 invalid), in any case", () => {
    fc.assert(
      fc.property(panArb, fc.boolean(), separatorArb, (pan, lower, sep) => {
        const typed = `${pan.slice(0, 5)}${sep}${pan.slice(5, 9)}${sep}${pan[9]}`;
        expect(isValid(validatePan(lower ? typed.toLowerCase() : typed))).toBe(officialPan(pan));
      }),
      RUNS,
    );
    expect(stdPan("ABCKE1234F")).toBe(true);
    expect(validatePan("ABCKE1234F")).toMatchObject({ ok: false, check: "pan.holder_type" });
    expect(validatePan("ABCPE0000F")).toMatchObject({ ok: false, check: "pan.serial" });
  });

  it("agrees on typos and transpositions", () => {
    const mutated = panArb.filter(officialPan).chain((p) => fc.oneof(typo(p, ALNUM), swap(p)));
    fc.assert(
      fc.property(mutated, (pan) => {
        // A typo that turns a digit into X reads as the Income Tax Department's mask.
        fc.pre(!/X/.test(pan.slice(5, 9)));
        expect(isValid(validatePan(pan))).toBe(officialPan(pan));
      }),
      RUNS,
    );
  });

  it("reports PANs masked the department's way (and similar) as masked, not malformed", () => {
    const masks = [
      (p: string) => `${p.slice(0, 5)}XXXX${p[9]}`,
      (p: string) => `XXXXX${p.slice(5)}`,
      (p: string) => `${p.slice(0, 2)}XXXXXX${p.slice(8)}`,
      (p: string) => `******${p.slice(6)}`,
      (p: string) => `${p.slice(0, 5)}xxxx${p[9]}`,
      (p: string) => `${p.slice(0, 3)}••••••${p[9]}`,
      () => "XXXXXXXXXX",
    ];
    fc.assert(
      fc.property(panArb.filter(officialPan), fc.constantFrom(...masks), (pan, mask) => {
        expect(isMasked(validatePan(mask(pan)))).toBe(true);
      }),
      RUNS,
    );
    expect(isMasked(validatePan("ABCPEXXXXF"))).toBe(true);
    expect(isMasked(validatePan("XXXXX1234X"))).toBe(true);
    expect(validatePan("ABCXE1234F")).toMatchObject({ ok: false, check: "pan.holder_type" });
  });
});

// GSTIN check character, written here from the GSTN specification (Luhn mod 36: odd positions
// weight 1, even positions weight 2, digit sum in base 36), checked against stdnum below.
function specCheckChar(first14: string): string {
  let sum = 0;
  [...first14].forEach((c, i) => {
    const p = ALNUM.indexOf(c) * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(p / 36) + (p % 36);
  });
  return ALNUM[(36 - (sum % 36)) % 36]!;
}

const stateArb = fc.integer({ min: 1, max: 38 }).map((n) => String(n).padStart(2, "0"));
const entityArb = fc.constantFrom(..."123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".split(""));
const gstinArb = fc.tuple(stateArb, panArb.filter(officialPan), entityArb).map(([state, pan, entity]) => {
  const first14 = `${state}${pan}${entity}Z`;
  return first14 + specCheckChar(first14);
});

/**
 * The official structure: state code 01–38, 97 or 99; a PAN (or, for tax deductors, a TAN);
 * entity 1–9/A–Z; 14th character Z (or D, C, S); mod-36 check character. stdnum stops at state
 * code 37 (38 is Ladakh, since 2020), does not know 97/99, TAN-based GSTINs, or D/C/S.
 */
function officialGstin(g: string): boolean {
  if (!/^[0-9A-Z]{15}$/.test(g)) return false;
  const n = Number(g.slice(0, 2));
  if (!((n >= 1 && n <= 38) || n === 97 || n === 99)) return false;
  const middle = g.slice(2, 12);
  if (!officialPan(middle) && !/^[A-Z]{4}\d{5}[A-Z]$/.test(middle)) return false;
  return /[1-9A-Z]/.test(g[12]!) && "ZDCS".includes(g[13]!) && specCheckChar(g.slice(0, 14)) === g[14];
}

describe("validateGstin against stdnum and the GSTN rule", () => {
  it("the rule's check character agrees with stdnum wherever stdnum applies", () => {
    fc.assert(
      fc.property(
        gstinArb.filter((g) => g.slice(0, 2) !== "38"),
        (g) => {
          expect(stdGstin(g)).toBe(true);
          for (const c of ALNUM) {
            if (c !== g[14]) expect(stdGstin(g.slice(0, 14) + c)).toBe(false);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("accepts valid GSTINs in any case and with separators", () => {
    fc.assert(
      fc.property(gstinArb, fc.boolean(), separatorArb, (g, lower, sep) => {
        const typed = `${g.slice(0, 2)}${sep}${g.slice(2, 12)}${sep}${g.slice(12)}`;
        expect(validateGstin(lower ? typed.toLowerCase() : typed)).toEqual({ ok: true });
        // stdnum rejects state code 38 (Ladakh); the GST portal issues it.
        if (g.startsWith("38")) expect(stdGstin(g)).toBe(false);
        else expect(stdGstin(g)).toBe(true);
      }),
      RUNS,
    );
  });

  it("agrees with the rule (and with stdnum where it applies) on typos and transpositions", () => {
    const mutated = gstinArb.chain((g) => fc.oneof(typo(g, ALNUM), swap(g)));
    fc.assert(
      fc.property(mutated, (g) => {
        const ours = validateGstin(g);
        expect(isValid(ours)).toBe(officialGstin(g));
        const n = Number(g.slice(0, 2));
        const stdnumApplies = n >= 1 && n <= 37 && g[13] === "Z" && officialPan(g.slice(2, 12));
        if (stdnumApplies) expect(isValid(ours)).toBe(stdGstin(g));
      }),
      RUNS,
    );
  });

  it("recognises tax deductors' GSTINs (TAN in characters 3–12), and 38, 97, 99", () => {
    const tan = "07DELA12345B1D";
    expect(validateGstin(tan + specCheckChar(tan))).toEqual({ ok: true });
    expect(panInGstin(tan + specCheckChar(tan))).toBeNull();
    expect(stdGstin(tan + specCheckChar(tan))).toBe(false); // stdnum: InvalidFormat
    for (const first14 of ["38AAPFU0939F1Z", "97AAPFU0939F1Z", "99AAPFU0939F1Z"]) {
      expect(validateGstin(first14 + specCheckChar(first14))).toEqual({ ok: true });
    }
    expect(validateGstin("27AAPF1093911ZV")).toMatchObject({ ok: false, check: "gstin.embedded_pan" });
  });

  it("reports a GSTIN whose PAN is masked as masked, not malformed", () => {
    for (const g of ["27ABCPEXXXXF1Z5", "27XXXXX1234X1Z5", "27ABCPE****F1Z5", "27**********1Z5"]) {
      expect(isMasked(validateGstin(g)), g).toBe(true);
    }
  });

  it("does not compare a TAN-based GSTIN with the document's PAN", () => {
    const tan = "07DELA12345B1D";
    const fields = { gstin: tan + specCheckChar(tan), pan_number: "ABCPE1234F" };
    expect(crossFieldChecks("INVOICE", fields)).toEqual([]);
  });
});

describe("validateIfsc and validatePincode against the published rules", () => {
  // RBI: 4-letter bank code, 0 (reserved), 6-character branch code.
  const ifscRule = (v: string) => /^[A-Z]{4}0[A-Z0-9]{6}$/.test(v);
  const ifscArb = fc
    .tuple(
      fc.string({ unit: fc.constantFrom(...LETTERS.split("")), minLength: 4, maxLength: 4 }),
      fc.string({ unit: fc.constantFrom(...ALNUM.split("")), minLength: 6, maxLength: 6 }),
    )
    .map(([bank, branch]) => `${bank}0${branch}`);

  it("IFSC: valid codes pass in any case; typos agree with the rule", () => {
    fc.assert(
      fc.property(ifscArb, fc.boolean(), (v, lower) => {
        expect(validateIfsc(lower ? v.toLowerCase() : v)).toEqual({ ok: true });
      }),
      RUNS,
    );
    fc.assert(
      fc.property(
        ifscArb.chain((v) => fc.oneof(typo(v, ALNUM), swap(v))),
        (v) => {
          expect(isValid(validateIfsc(v))).toBe(ifscRule(v));
        },
      ),
      RUNS,
    );
  });

  // India Post: 6 digits; the first is the zone, 1–8, or 9 for the Army Postal Service.
  it("PIN: 6 digits not starting with 0, in any script", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }).chain(digitsArb), scriptArb, (v, script) => {
        expect(isValid(validatePincode(inScript(v, script)))).toBe(/^[1-9]\d{5}$/.test(v));
      }),
      RUNS,
    );
  });
});

describe("parseIndianDate against the JavaScript calendar", () => {
  it("accepts exactly the days that exist, DD/MM/YYYY with or without zero padding, any digit script", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1800, max: 2200 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.boolean(),
        scriptArb,
        (year, month, day, pad, script) => {
          const d = new Date(Date.UTC(year, month - 1, day));
          const exists =
            month >= 1 &&
            month <= 12 &&
            d.getUTCFullYear() === year &&
            d.getUTCMonth() === month - 1 &&
            d.getUTCDate() === day;
          const p = (n: number) => (pad ? String(n).padStart(2, "0") : String(n));
          const parsed = parseIndianDate(inScript(`${p(day)}/${p(month)}/${year}`, script));
          expect(parsed.ok).toBe(exists);
          if (parsed.ok) expect(parsed.date).toEqual({ year, month, day });
        },
      ),
      RUNS,
    );
  });
});

describe("parseAmountPaise against ICU's Indian number formatting", () => {
  const indian = new Intl.NumberFormat("en-IN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const indianWhole = new Intl.NumberFormat("en-IN", { maximumFractionDigits: 0 });
  const western = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const devanagari = new Intl.NumberFormat("hi-IN-u-nu-deva", { minimumFractionDigits: 2 });
  const decorate = fc.constantFrom(
    (s: string) => s,
    (s: string) => `₹${s}`,
    (s: string) => `₹ ${s}`,
    (s: string) => `Rs. ${s}/-`,
    (s: string) => `Rs.${s}`,
    (s: string) => `INR ${s}`,
    (s: string) => `${s} INR`,
    (s: string) => `Rs ${s} only`,
    // Suffixes stack as invoices print them.
    (s: string) => `Rs. ${s}/- Only`,
    (s: string) => `₹${s}/-only.`,
    (s: string) => `${s} INR only`,
  );

  it("reads ₹/Rs./INR amounts with Indian or western grouping, any digit script", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), decorate, (paise, dress) => {
        const rupees = paise / 100;
        expect(parseAmountPaise(dress(indian.format(rupees)))).toBe(paise);
        expect(parseAmountPaise(dress(western.format(rupees)))).toBe(paise);
        expect(parseAmountPaise(dress(devanagari.format(rupees)))).toBe(paise);
      }),
      RUNS,
    );
  });

  it("reads space-grouped amounts (any space) and lakh/crore words", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), separatorArb, (rupees, sep) => {
        fc.pre([" ", "\u00A0", "\u202F", "\u2009", "\u2007"].includes(sep));
        const spaced = indianWhole.format(rupees).replace(/,/g, sep);
        expect(parseAmountPaise(spaced)).toBe(rupees * 100);
      }),
      RUNS,
    );
    expect(parseAmountPaise("1 45 000")).toBe(14_500_000);
    expect(parseAmountPaise("1.5 lakh")).toBe(15_000_000);
    expect(parseAmountPaise("₹2.25 crore")).toBe(2_250_000_000);
    expect(parseAmountPaise("Rs. 1,50,000/-")).toBe(15_000_000);
    expect(parseAmountPaise("₹1,50,000.00")).toBe(15_000_000);
    expect(parseAmountPaise("INR 1,45,000")).toBe(14_500_000);
    // The amount in words after the figure, as invoices print it.
    expect(parseAmountPaise("Rs. 1,50,000/- (Rupees One Lakh Fifty Thousand Only)")).toBe(15_000_000);
    expect(parseAmountPaise("₹45,000.50 (Rupees Forty-Five Thousand and Paise Fifty only)")).toBe(4_500_050);
    expect(parseAmountPaise("INR 1,45,000 (One Lakh Forty Five Thousand)")).toBe(14_500_000);
    expect(parseAmountPaise("₹ 1,45,000 (1 lakh)")).toBeNull();
    // Accounting negatives.
    expect(parseAmountPaise("(5,000.00)")).toBe(-500_000);
    expect(parseAmountPaise("(₹1,50,000)")).toBe(-15_000_000);
    expect(parseAmountPaise("(-5,000)")).toBeNull();
  });

  it("refuses what is not an amount, including 'Cr' (credit on statements) and broken grouping", () => {
    for (const text of ["1,5000", "1,50,00", "12 Cr", "abc", "Rs.", "1.2.3", "₹1,50,000 Dr", "12 apples"]) {
      expect(parseAmountPaise(text), text).toBeNull();
    }
  });

  it("runs the invoice total check on amounts in Indian forms", () => {
    const lineItems = (amounts: string[]) => amounts.map((amount) => ({ amount: { value: amount } }));
    const good = {
      total_amount: { value: "Rs. 1,50,000/-" },
      line_items: { value: lineItems(["₹1,00,000.00", "INR 45,000", "5 000"]) },
    };
    expect(crossFieldChecks("INVOICE", good)).toEqual([]);
    const bad = { ...good, total_amount: { value: "₹1,60,000.00" } };
    expect(crossFieldChecks("INVOICE", bad)).toMatchObject([
      { result: { check: "invoice.line_items_total" } },
    ]);
  });
});
