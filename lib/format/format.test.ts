import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createFormatter,
  DEFAULT_TIME_ZONE,
  formatAmountNumber,
  formatAmountText,
  formatCount,
  formatDuration,
  formatNumber,
  formatPercent,
  formatRelative,
  groupIndian,
  isTimeZone,
} from ".";

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
// Any moment from 1971 to 2200 (Asia/Kolkata has kept +05:30 without daylight saving since 1945;
// ICU names it "IST" from 1970 on).
const moment = fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2200, 0, 1) }).map((ms) => new Date(ms));

/** An independent oracle: the wall clock at a fixed offset, from the UTC fields. */
function wallClock(at: Date, offsetMinutes: number) {
  const t = new Date(at.getTime() + offsetMinutes * 60_000);
  return {
    date: `${pad(t.getUTCDate())}/${pad(t.getUTCMonth() + 1)}/${t.getUTCFullYear()}`,
    time: `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`,
    seconds: pad(t.getUTCSeconds()),
  };
}

/** Indian digit grouping written out by hand: the last three digits, then pairs. */
function indianGrouping(n: bigint): string {
  const digits = (n < 0n ? -n : n).toString();
  const last = digits.slice(-3);
  let rest = digits.slice(0, -3);
  const pairs: string[] = [];
  while (rest.length > 2) {
    pairs.unshift(rest.slice(-2));
    rest = rest.slice(0, -2);
  }
  if (rest) pairs.unshift(rest);
  return (n < 0n ? "-" : "") + [...pairs, last].join(",");
}

describe("dates and times", () => {
  it("IST by default: DD/MM/YYYY, 24-hour, the zone's abbreviation", () => {
    const f = createFormatter();
    expect(f.timeZone).toBe(DEFAULT_TIME_ZONE);
    const at = new Date("2026-11-30T08:58:21Z");
    expect(f.dateTime(at)).toBe("30/11/2026, 14:28 IST");
    expect(f.dateTime(at, { seconds: true })).toBe("30/11/2026, 14:28:21 IST");
    expect(f.date(at)).toBe("30/11/2026");
    expect(f.time(at)).toBe("14:28 IST");
    // The issue's "02:28 UTC" card is 07:58 in India.
    expect(f.time("2026-11-30T02:28:00Z")).toBe("07:58 IST");
    // Past midnight in India while still the day before in UTC.
    expect(f.dateTime("2026-12-31T19:00:00Z")).toBe("01/01/2027, 00:30 IST");
  });

  it("matches a fixed +05:30 wall clock for any moment (Asia/Kolkata)", () => {
    const f = createFormatter("Asia/Kolkata");
    fc.assert(
      fc.property(moment, (at) => {
        const w = wallClock(at, 330);
        expect(f.dateTime(at, { seconds: true })).toBe(`${w.date}, ${w.time}:${w.seconds} IST`);
        expect(f.isoDay(at)).toBe(w.date.split("/").reverse().join("-"));
      }),
    );
  });

  it("matches the UTC fields in UTC", () => {
    const f = createFormatter("UTC");
    fc.assert(
      fc.property(moment, (at) => {
        const w = wallClock(at, 0);
        expect(f.dateTime(at)).toBe(`${w.date}, ${w.time} UTC`);
      }),
    );
  });

  it("agrees with Intl's own en-IN text in any configured zone (apart from the separators we fix)", () => {
    const zones = [
      "Asia/Kolkata",
      "UTC",
      "Europe/London",
      "America/New_York",
      "Asia/Dubai",
      "Australia/Sydney",
    ];
    fc.assert(
      fc.property(moment, fc.constantFrom(...zones), (at, timeZone) => {
        const intl = new Intl.DateTimeFormat("en-IN", {
          timeZone,
          day: "2-digit",
          month: "2-digit",
          year: "numeric",
          hour: "2-digit",
          minute: "2-digit",
          hourCycle: "h23",
          timeZoneName: "short",
        }).format(at);
        expect(createFormatter(timeZone).dateTime(at)).toBe(intl.replace(/\s+/g, " "));
      }),
    );
  });

  it("dayStart is the first moment of that day in the zone", () => {
    const zones = ["Asia/Kolkata", "UTC", "Europe/London", "America/New_York", "Australia/Sydney"];
    const day = fc
      .date({
        min: new Date("1990-01-01T00:00:00Z"),
        max: new Date("2100-12-31T00:00:00Z"),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.constantFrom(...zones), (iso, timeZone) => {
        const f = createFormatter(timeZone);
        const start = f.dayStart(iso)!;
        expect(f.isoDay(start)).toBe(iso);
        expect(f.time(start)).toMatch(/^00:00 /);
        expect(f.isoDay(new Date(start.getTime() - 1))).not.toBe(iso);
      }),
    );
    expect(createFormatter().dayStart("2026-11-30")?.toISOString()).toBe("2026-11-29T18:30:00.000Z");
    expect(createFormatter().dayStart("2026-02-30")).toBeNull();
  });

  it("answers a dash for missing or invalid moments, and ignores an unknown zone", () => {
    const f = createFormatter();
    expect(f.dateTime(null)).toBe("—");
    expect(f.date("not a date")).toBe("—");
    expect(isTimeZone("Asia/Kolkata")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(createFormatter("Mars/Olympus").timeZone).toBe(DEFAULT_TIME_ZONE);
  });
});

describe("numbers and amounts (en-IN)", () => {
  it("published examples: lakh and crore grouping", () => {
    expect(formatNumber(150000)).toBe("1,50,000");
    expect(formatNumber(10000000)).toBe("1,00,00,000");
    expect(formatNumber(1234567.891)).toBe("12,34,567.89");
    expect(formatNumber(999)).toBe("999");
    expect(formatNumber(150000.5, 2, 2)).toBe("1,50,000.50");
    expect(formatAmountNumber(150000)).toBe("₹1,50,000.00");
    expect(formatAmountNumber(-1500.5)).toBe("-₹1,500.50");
    expect(formatAmountText("150000.00")).toBe("₹1,50,000.00");
    expect(formatAmountText("-1500.5")).toBe("-₹1,500.5");
    expect(formatAmountText("12.345")).toBe("₹12.345");
    expect(formatAmountText("n/a")).toBe("n/a");
    expect(formatPercent(0.219)).toBe("21.9%");
    expect(formatPercent(1)).toBe("100%");
    expect(formatNumber(Number.NaN)).toBe("—");
    expect(formatCount(1, "row")).toBe("1 row");
    expect(formatCount(150000, "row")).toBe("1,50,000 rows");
  });

  it("groups any whole number the Indian way (hand-written oracle)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(formatNumber(n, 0)).toBe(indianGrouping(BigInt(n)));
      }),
    );
  });

  it("an amount reads back as the number to the paisa", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000_00 }), (paise) => {
        const text = formatAmountNumber(paise / 100);
        expect(text).toMatch(/^₹\d{1,2}(,\d{2})*(,\d{3})?\.\d{2}$|^₹\d{1,3}\.\d{2}$/);
        expect(text.replace(/[₹,]/g, "")).toBe((paise / 100).toFixed(2));
      }),
    );
  });
});

// Intl is the reference here only: the code under test groups its own text (groupIndian), so the
// two agree by construction of neither.
const intlIndian = (decimals: number, style: "decimal" | "currency" = "decimal") =>
  new Intl.NumberFormat("en-IN", {
    style,
    currency: "INR",
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });

/** A plain decimal as text: sign, whole digits without leading zeros (up to 40), 0–20 decimals. */
const plainDecimalText = fc
  .tuple(
    fc.boolean(),
    fc.oneof(fc.constant("0"), fc.stringMatching(/^[1-9][0-9]{0,39}$/)),
    fc.stringMatching(/^[0-9]{0,20}$/),
  )
  .map(([negative, whole, fraction]) => `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`);
const decimalsOf = (plain: string) => plain.split(".")[1]?.length ?? 0;

describe("one Indian grouping, checked against Intl.NumberFormat('en-IN')", () => {
  it("groups exact decimal text, beyond a float's precision, digit for digit", () => {
    fc.assert(
      fc.property(plainDecimalText, (plain) => {
        // Intl reads a string as an exact decimal (ECMA-402 NumberFormat v3), with no float.
        expect(groupIndian(plain)).toBe(intlIndian(decimalsOf(plain)).format(plain as unknown as number));
        expect(formatAmountText(plain)).toBe(
          intlIndian(decimalsOf(plain), "currency").format(plain as unknown as number),
        );
      }),
      { numRuns: 500 },
    );
  });

  it("groups numbers the same way: negatives, 0, huge values, any decimals", () => {
    const numbers = fc.oneof(
      fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
      fc.double({ min: -1e21, max: 1e21, noNaN: true }),
      fc.constantFrom(0, -0, 1e21 - 1, 999, 1000, 99999, 100000, 9999999, 10000000),
    );
    fc.assert(
      fc.property(numbers, fc.integer({ min: 0, max: 6 }), (n, decimals) => {
        const intl = new Intl.NumberFormat("en-IN", { maximumFractionDigits: decimals });
        expect(formatNumber(n, decimals)).toBe(intl.format(n));
        expect(formatNumber(n, decimals, decimals)).toBe(intlIndian(decimals).format(n));
        expect(formatAmountNumber(n)).toBe(intlIndian(2, "currency").format(n));
      }),
      { numRuns: 500 },
    );
  });

  it("leaves text that is no plain decimal as it is", () => {
    for (const text of ["", "n/a", "1e+21", "1,50,000", "12.", ".5", "₹100"]) {
      expect(groupIndian(text)).toBe(text);
      expect(formatAmountText(text)).toBe(text);
    }
  });
});

describe("durations and relative times", () => {
  it("coarse waits", () => {
    expect(formatDuration(59_000)).toBe("0 min");
    expect(formatDuration(5 * 60_000)).toBe("5 min");
    expect(formatDuration(3 * 3_600_000)).toBe("3 h");
    expect(formatDuration(72 * 3_600_000)).toBe("3 days");
    expect(formatDuration(-1)).toBe("0 min");
  });

  it("relative to now, as Intl.RelativeTimeFormat words it", () => {
    const now = new Date("2026-11-30T10:00:00Z");
    expect(formatRelative(new Date(now.getTime() - 5 * 60_000), now)).toBe("5 minutes ago");
    expect(formatRelative(new Date(now.getTime() + 2 * 3_600_000), now)).toBe("in 2 hours");
    expect(formatRelative(new Date(now.getTime() - 86_400_000), now)).toBe("yesterday");
    expect(formatRelative(now, now)).toBe("now");
  });
});
