import { describe, expect, it } from "vitest";
import { parseIndianDate, todayInIndia, validateDate, validateDateOfBirth, validatePastDate } from "./dates";
import type { ValidationResult } from "./types";

const checkOf = (result: ValidationResult) => (result.ok ? "ok" : result.check);
// 10:00 IST on 15 June 2025.
const TODAY = new Date("2025-06-15T04:30:00Z");

describe("parseIndianDate / validateDate", () => {
  it.each(["16/07/1986", "1/7/1986", "29/02/2024", "29/02/2000", "31/12/2099", " 01/01/2025 "])(
    "accepts %j",
    (value) => {
      expect(validateDate(value)).toEqual({ ok: true });
    },
  );

  it("parses day, month and year in that order", () => {
    expect(parseIndianDate("05/11/2020")).toEqual({ ok: true, date: { year: 2020, month: 11, day: 5 } });
  });

  it.each(["1986-07-16", "16-07-1986", "16.07.1986", "16/07/86", "July 16 1986", "", "160/7/1986"])(
    "rejects the format of %j and says which format is expected",
    (value) => {
      expect(validateDate(value)).toEqual({
        ok: false,
        check: "date.format",
        message: "Date must be DD/MM/YYYY",
        severity: "error",
      });
    },
  );

  it.each(["31/02/2024", "29/02/2023", "29/02/1900", "31/04/2025", "00/01/2025", "01/13/2025", "01/00/2025"])(
    "rejects %s as not a real calendar date",
    (value) => {
      expect(checkOf(validateDate(value))).toBe("date.calendar");
    },
  );
});

describe("todayInIndia", () => {
  it("uses the Indian calendar day, which starts 5:30 before UTC's", () => {
    expect(todayInIndia(new Date("2025-06-14T18:29:00Z"))).toEqual({ year: 2025, month: 6, day: 14 });
    expect(todayInIndia(new Date("2025-06-14T18:31:00Z"))).toEqual({ year: 2025, month: 6, day: 15 });
  });
});

describe("validateDateOfBirth", () => {
  it("accepts a plausible past date and today", () => {
    expect(validateDateOfBirth("16/07/1986", TODAY)).toEqual({ ok: true });
    expect(validateDateOfBirth("15/06/2025", TODAY)).toEqual({ ok: true });
  });

  it("rejects a date in the future", () => {
    expect(validateDateOfBirth("16/06/2025", TODAY)).toEqual({
      ok: false,
      check: "dob.future",
      message: "Date of birth is in the future",
      severity: "error",
    });
  });

  it("rejects a date of birth 120 or more years ago", () => {
    expect(checkOf(validateDateOfBirth("15/06/1905", TODAY))).toBe("dob.implausible");
    expect(checkOf(validateDateOfBirth("16/06/1905", TODAY))).toBe("ok");
    expect(checkOf(validateDateOfBirth("16/07/1886", TODAY))).toBe("dob.implausible");
  });

  it("still requires the format and a real date", () => {
    expect(checkOf(validateDateOfBirth("1986-07-16", TODAY))).toBe("date.format");
    expect(checkOf(validateDateOfBirth("30/02/1990", TODAY))).toBe("date.calendar");
  });

  it("accepts a bare year only when allowed (older Aadhaar cards)", () => {
    expect(checkOf(validateDateOfBirth("1986", TODAY))).toBe("date.format");
    expect(checkOf(validateDateOfBirth("1986", TODAY, { allowYearOnly: true }))).toBe("ok");
    expect(checkOf(validateDateOfBirth("2026", TODAY, { allowYearOnly: true }))).toBe("dob.future");
    expect(checkOf(validateDateOfBirth("1880", TODAY, { allowYearOnly: true }))).toBe("dob.implausible");
  });
});

describe("validatePastDate", () => {
  it("accepts today and earlier", () => {
    expect(validatePastDate("15/06/2025", TODAY)).toEqual({ ok: true });
    expect(validatePastDate("01/01/2001", TODAY)).toEqual({ ok: true });
  });

  it("rejects a future issue date, naming the field", () => {
    expect(validatePastDate("16/06/2025", TODAY, "Issue date")).toMatchObject({
      ok: false,
      check: "date.future",
      message: "Issue date is in the future",
    });
  });
});
