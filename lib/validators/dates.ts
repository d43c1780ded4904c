import { asciiDigits } from "@/lib/text/digits";
import { PASS, fail, type ValidationFailure, type ValidationResult } from "./types";

export type CalendarDate = { year: number; month: number; day: number };

/** Age above which a date of birth is treated as a misread (e.g. 1886 for 1986). */
const MAX_AGE_YEARS = 120;
const IST_OFFSET_MINUTES = 5 * 60 + 30;

// Atlas normalises dates to DD/MM/YYYY; single-digit day or month (1/7/1986) is accepted, other
// separators and orders are not, so that a reviewer sees any value that is not in that format.
const DATE_PATTERN = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const FORMAT_MESSAGE = "Date must be DD/MM/YYYY";

type Parsed = { ok: true; date: CalendarDate } | { ok: false; failure: ValidationFailure };

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function parseIndianDate(value: string): Parsed {
  // Digits of Indian scripts (१५/०८/१९४७) are read as the same date.
  const match = DATE_PATTERN.exec(asciiDigits(value).replace(/\s+/g, ""));
  if (!match) return { ok: false, failure: fail("date.format", FORMAT_MESSAGE) };
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1800 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, failure: fail("date.calendar", `${value.trim()} is not a real calendar date`) };
  }
  return { ok: true, date: { year, month, day } };
}

/** Dates on Indian documents are Indian calendar days, so "today" is today in IST (no DST). */
export function todayInIndia(now: Date): CalendarDate {
  const shifted = new Date(now.getTime() + IST_OFFSET_MINUTES * 60_000);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** Negative when a is before b, 0 when equal, positive when after. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** A real DD/MM/YYYY date, past or future (e.g. `valid_till`, `date_of_expiry`). */
export function validateDate(value: string): ValidationResult {
  const parsed = parseIndianDate(value);
  return parsed.ok ? PASS : parsed.failure;
}

/** Issue dates, statement periods, invoice dates: a real date that is not after today. */
export function validatePastDate(value: string, today: Date, label = "Date"): ValidationResult {
  const parsed = parseIndianDate(value);
  if (!parsed.ok) return parsed.failure;
  if (compareDates(parsed.date, todayInIndia(today)) > 0)
    return fail("date.future", `${label} is in the future`);
  return PASS;
}

export type DateOfBirthOptions = {
  /** Older Aadhaar cards print only the year of birth. */
  allowYearOnly?: boolean;
};

/** A real date, not in the future, and less than 120 years ago. */
export function validateDateOfBirth(
  value: string,
  today: Date,
  options: DateOfBirthOptions = {},
): ValidationResult {
  const year = asciiDigits(value).trim();
  const yearOnly = /^\d{4}$/.test(year) && options.allowYearOnly;
  const parsed: Parsed = yearOnly
    ? { ok: true, date: { year: Number(year), month: 1, day: 1 } }
    : parseIndianDate(value);
  if (!parsed.ok) return parsed.failure;
  const now = todayInIndia(today);
  if (compareDates(parsed.date, now) > 0) {
    return fail("dob.future", "Date of birth is in the future");
  }
  const oldest = { ...now, year: now.year - MAX_AGE_YEARS };
  if (compareDates(parsed.date, oldest) <= 0) {
    return fail("dob.implausible", `Date of birth is ${MAX_AGE_YEARS}+ years ago`);
  }
  return PASS;
}
