/** The SQL spelling of canonicalStatus agrees with the JS one, so the poller's queries and its reading of a status agree. */
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { canonicalStatus } from "@/lib/atlas/status-words";
import { testDrivers, useTestDatabase } from "@/lib/db/test-utils";
import { canonicalStatusSql } from "./status-sql";

const rowsOf = (result: unknown) =>
  ((result as { rows?: Array<{ c: string }> }).rows ?? (result as Array<{ c: string }>)).map((r) => r.c);

describe.each(testDrivers)("canonicalStatusSql (%s)", (driver) => {
  const t = useTestDatabase(driver);

  it("matches canonicalStatus on status words in any spelling", async () => {
    const fixed = [
      "Success.",
      " in progress ",
      "Failed!",
      "-- done --",
      "PROCESSING_SUCCESS",
      "in-progress",
      "ok",
    ];
    const ascii = fc.string({ unit: fc.constantFrom(..."aZ_- .!9/"), maxLength: 12 });
    const words = [...fixed, ...fc.sample(ascii, { numRuns: 40, seed: 12 })];
    for (const word of words) {
      const [c] = rowsOf(await t.db.execute(sql`select ${canonicalStatusSql(sql`${word}::text`)} as c`));
      expect(c, JSON.stringify(word)).toBe(canonicalStatus(word));
    }
  });
});
