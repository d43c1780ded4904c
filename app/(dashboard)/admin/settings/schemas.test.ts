/** A confidence threshold typed by an admin: a decimal from 0 to 1, nothing a coercion would invent. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { thresholdInputSchema } from "./schemas";

const global = (threshold: unknown) => thresholdInputSchema.safeParse({ scope: "global", threshold });

describe("thresholdInputSchema", () => {
  it("takes a decimal from 0 to 1 as typed, in any digit script", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), (n) => {
        const typed = (n / 1000).toString();
        expect(global(typed)).toMatchObject({ success: true, data: { threshold: n / 1000 } });
        expect(global(` ${typed} `)).toMatchObject({ success: true, data: { threshold: n / 1000 } });
      }),
    );
    expect(global("०.८५")).toMatchObject({ success: true, data: { threshold: 0.85 } });
    expect(global(".9")).toMatchObject({ success: true, data: { threshold: 0.9 } });
    expect(global(0.85)).toMatchObject({ success: true, data: { threshold: 0.85 } });
  });

  it("refuses what is no decimal instead of reading it as 0 or as something else", () => {
    for (const typed of ["", " ", "0x1", "1e-1", "Infinity", "NaN", "0,85", "abc", true, [], {}]) {
      const result = global(typed);
      expect(result.success, JSON.stringify(typed)).toBe(false);
      expect(result.error!.issues[0]!.message).toBe("Enter a number between 0 and 1, e.g. 0.85.");
    }
    expect(global("1.5").error!.issues[0]!.message).toBe("A threshold cannot be above 1.");
    expect(global("-0.5").error!.issues[0]!.message).toBe("A threshold cannot be below 0.");
    // A per-type threshold may be removed (null), never set to an empty one.
    const byType = (threshold: unknown) =>
      thresholdInputSchema.safeParse({ scope: "document_type", documentType: "PAN", threshold });
    expect(byType(null)).toMatchObject({ success: true, data: { threshold: null } });
    expect(byType("").success).toBe(false);
  });
});
