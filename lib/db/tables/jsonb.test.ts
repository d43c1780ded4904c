import { eq } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { testDrivers, useTestDatabase } from "../test-utils";
import { settings } from "./settings";

/**
 * Values read back from a jsonb column are what was written, whatever they look like. The
 * reference is JSON itself: the value after a JSON round trip (the only change jsonb may make
 * is key order, which toEqual ignores). Strings that look like JSON are the class at risk.
 */
describe.each(testDrivers)("jsonb columns on %s", (driver) => {
  const t = useTestDatabase(driver);
  let n = 0;
  const roundTrip = async (value: unknown) => {
    const key = `jsonb-test-${n++}`;
    await t.db.insert(settings).values({ key, value });
    const [row] = await t.db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
    return row?.value;
  };

  it("keeps strings that look like JSON as strings", async () => {
    for (const value of [
      "12345678901234567890",
      "2731",
      "195631.80",
      "-1500",
      "1e5",
      "true",
      "false",
      "null",
      '{"a":1}',
      "[1,2]",
      '"quoted"',
      "000123",
    ]) {
      expect(await roundTrip(value)).toBe(value);
    }
  });

  it("returns any JSON value as written (property)", async () => {
    // fc.json() gives strings that are JSON texts (the class at risk). jsonb cannot hold U+0000
    // in a string, and a top-level null is SQL NULL to Drizzle (the column is NOT NULL).
    const json = fc
      .oneof(fc.json(), fc.jsonValue())
      .filter((v) => v !== null && !JSON.stringify(v).includes("\\u0000"));
    await fc.assert(
      fc.asyncProperty(json, async (value) => {
        expect(await roundTrip(value)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 200 },
    );
  });
});
