/**
 * The one place that turns dates, times and numbers into text for people: pages, exports and the
 * audit trail. Indian conventions: dates DD/MM/YYYY, times 24-hour in the display time zone with
 * its abbreviation ("30/11/2026, 14:28 IST"), numbers and amounts grouped the Indian way
 * (1,50,000; ₹1,50,000.00). Pure and client-safe: the time zone comes in as an argument (the
 * server reads DISPLAY_TIME_ZONE through lib/env.ts and hands it to client components, so both
 * render the same text).
 *
 * Text is assembled from Intl's parts with our own separators, so a browser whose ICU writes
 * "30/11/2026, 2:28 pm" differently from Node's still renders what the server rendered.
 */

export const DEFAULT_TIME_ZONE = "Asia/Kolkata";
export const LOCALE = "en-IN";

/** A moment as the app passes them around: a Date, an ISO string, or epoch milliseconds. */
export type Moment = Date | string | number;

const NONE = "—";

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function partsIn(timeZone: string, at: Date) {
  let format = dateTimeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALE, {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      timeZoneName: "short",
    });
    dateTimeFormats.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const p of format.formatToParts(at)) parts[p.type] = p.value;
  return {
    year: parts.year!.padStart(4, "0"),
    month: parts.month!,
    day: parts.day!,
    // Some ICU versions write midnight as "24" under h23 for a few zones; it is 00.
    hour: parts.hour === "24" ? "00" : parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
    zone: parts.timeZoneName ?? timeZone,
  };
}

/** True when Intl knows the IANA time zone (e.g. "Asia/Kolkata", "UTC"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat(LOCALE, { timeZone });
    return true;
  } catch {
    return false;
  }
}

function toDate(at: Moment | null | undefined): Date | null {
  if (at === null || at === undefined || at === "") return null;
  const date = at instanceof Date ? at : new Date(at);
  return Number.isNaN(date.getTime()) ? null : date;
}

export type Formatter = ReturnType<typeof createFormatter>;

/**
 * Date and time formatting in one time zone. Every function answers "—" for a missing or
 * invalid moment.
 */
export function createFormatter(timeZone: string = DEFAULT_TIME_ZONE) {
  const zone = isTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE;
  const parts = (at: Moment | null | undefined) => {
    const date = toDate(at);
    return date ? partsIn(zone, date) : null;
  };
  const date = (at: Moment | null | undefined) => {
    const p = parts(at);
    return p ? `${p.day}/${p.month}/${p.year}` : NONE;
  };
  const time = (at: Moment | null | undefined, options: { seconds?: boolean } = {}) => {
    const p = parts(at);
    if (!p) return NONE;
    return `${p.hour}:${p.minute}${options.seconds ? `:${p.second}` : ""} ${p.zone}`;
  };
  return {
    timeZone: zone,
    /** "30/11/2026" */
    date,
    /** "14:28 IST", or "14:28:05 IST" with seconds. */
    time,
    /** "30/11/2026, 14:28 IST", or "30/11/2026, 14:28:05 IST" with seconds. */
    dateTime: (at: Moment | null | undefined, options: { seconds?: boolean } = {}) => {
      const p = parts(at);
      return p ? `${date(at)}, ${time(at, options)}` : NONE;
    },
    /** The zone's abbreviation at that moment ("IST", "GMT", "GMT-5"). */
    zoneName: (at: Moment = Date.now()) => parts(at)?.zone ?? zone,
    /** The calendar day in this zone as "2026-11-30" (for date inputs and file names). */
    isoDay: (at: Moment | null | undefined) => {
      const p = parts(at);
      return p ? `${p.year}-${p.month}-${p.day}` : "";
    },
    /** The first moment of a calendar day ("2026-11-30") in this zone. */
    dayStart: (isoDay: string): Date | null => dayStartIn(zone, isoDay),
  };
}

/** Milliseconds the zone's wall clock is ahead of UTC at `at`. */
function offsetAt(timeZone: string, at: Date): number {
  const p = partsIn(timeZone, at);
  const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return wall - (at.getTime() - at.getUTCMilliseconds());
}

function dayStartIn(timeZone: string, isoDay: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!m) return null;
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!);
  const check = new Date(wall);
  if (check.getUTCDate() !== +m[3]! || check.getUTCMonth() !== +m[2]! - 1) return null;
  // Two passes settle the offset across a change of daylight saving time.
  let guess = wall - offsetAt(timeZone, new Date(wall));
  guess = wall - offsetAt(timeZone, new Date(guess));
  return new Date(guess);
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(key: string, options: Intl.NumberFormatOptions) {
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, options);
    numberFormats.set(key, format);
  }
  return format;
}

const finite = (n: number | null | undefined): n is number => typeof n === "number" && Number.isFinite(n);

const PLAIN_DECIMAL = /^(-?)(\d+)(\.\d+)?$/;

/**
 * The one Indian digit grouping (lakh, crore) every number and amount on screen goes through: the
 * last three digits of the whole part, then pairs ("1,50,000.00", "-1,00,00,000"). It works on
 * plain decimal text, so an amount as Atlas wrote it keeps every digit, beyond a float's precision
 * too; text that is not a plain decimal is returned as it is.
 */
export function groupIndian(plain: string): string {
  const match = PLAIN_DECIMAL.exec(plain.trim());
  if (!match) return plain;
  const [, sign, whole, fraction = ""] = match as unknown as [string, string, string, string?];
  const head = whole.slice(0, -3);
  const tail = whole.slice(-3);
  const pairs = head.replace(/\B(?=(\d{2})+$)/g, ",");
  return `${sign}${head ? `${pairs},${tail}` : tail}${fraction}`;
}

/** The rupee sign after the minus, as Intl writes INR: "-₹1,500.50". */
const withRupeeSign = (grouped: string) =>
  grouped.startsWith("-") ? `-₹${grouped.slice(1)}` : `₹${grouped}`;

/** A number as plain decimal text (no grouping, never an exponent), rounded to the decimals asked. */
function plainDecimal(n: number, maxDecimals: number, minDecimals: number): string {
  return numberFormat(`plain${maxDecimals}-${minDecimals}`, {
    useGrouping: false,
    maximumFractionDigits: maxDecimals,
    minimumFractionDigits: Math.min(minDecimals, maxDecimals),
  }).format(n);
}

/**
 * A count or quantity with Indian grouping: 150000 → "1,50,000"; at most `maxDecimals` decimals
 * and at least `minDecimals` (1,50,000.50 with 2 and 2).
 */
export function formatNumber(n: number | null | undefined, maxDecimals = 2, minDecimals = 0): string {
  if (!finite(n)) return NONE;
  return groupIndian(plainDecimal(n, maxDecimals, minDecimals));
}

/** An amount held as a number, in rupees to the paisa: 150000 → "₹1,50,000.00". */
export function formatAmountNumber(n: number | null | undefined): string {
  if (!finite(n)) return NONE;
  return withRupeeSign(groupIndian(plainDecimal(n, 2, 2)));
}

/**
 * An amount as Atlas writes it, plain decimal text ("150000.00"), with the rupee sign and Indian
 * grouping and every digit as written ("₹1,50,000.00"; "12.345" stays "₹12.345", not rounded).
 * Other text ("n/a") is returned as it is.
 */
export function formatAmountText(plain: string): string {
  return PLAIN_DECIMAL.test(plain.trim()) ? withRupeeSign(groupIndian(plain)) : plain;
}

/** A share (0–1) as a percentage: 0.219 → "21.9%"; `minDecimals` keeps zeros (1 → "100.0%" with 1). */
export function formatPercent(share: number | null | undefined, maxDecimals = 1, minDecimals = 0): string {
  if (!finite(share)) return NONE;
  return numberFormat(`p${maxDecimals}-${minDecimals}`, {
    style: "percent",
    maximumFractionDigits: maxDecimals,
    minimumFractionDigits: Math.min(minDecimals, maxDecimals),
  }).format(share);
}

/** "1 document", "1,500 documents". */
export function formatCount(n: number, noun: string, plural = `${noun}s`): string {
  return `${formatNumber(n, 0)} ${n === 1 ? noun : plural}`;
}

/** How long something has waited, coarsely: "5 min", "3 h", "2 days". */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h` : `${formatNumber(Math.floor(hours / 24), 0)} days`;
}

const relativeFormat = new Intl.RelativeTimeFormat(LOCALE, { numeric: "auto" });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1000],
];

/** A moment relative to `now`: "5 minutes ago", "in 2 hours", "yesterday". */
export function formatRelative(at: Moment | null | undefined, now: Moment = Date.now()): string {
  const date = toDate(at);
  const reference = toDate(now);
  if (!date || !reference) return NONE;
  const diff = date.getTime() - reference.getTime();
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size || unit === "second")
      return relativeFormat.format(Math.trunc(diff / size), unit);
  }
  return NONE;
}

const calendarInWords = new Intl.DateTimeFormat(LOCALE, {
  weekday: "short",
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/**
 * A calendar date (no time, no zone) in words: (1986, 7, 16) → "Wed, 16 July 1986", so a swapped
 * day and month shows. Month 1–12; answers "—" for a date that does not exist.
 */
export function formatCalendarDate(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return NONE;
  return calendarInWords.format(date);
}
