import { describe, expect, it } from "vitest";
import { chunk, chunkBy } from "./chunk";

describe("chunk", () => {
  it("cuts a list into pieces of at most `size`, in order, the last one shorter", () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([1, 2, 3, 4], 2)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(chunk([1], 50)).toEqual([[1]]);
    expect(chunk([], 3)).toEqual([]);
  });

  it("refuses a size below one instead of looping forever", () => {
    expect(() => chunk([1], 0)).toThrow(RangeError);
    expect(() => chunk([1], Number.NaN)).toThrow(RangeError);
  });
});

describe("chunkBy", () => {
  it("also closes a piece before its weight would pass the limit", () => {
    const pieces = chunkBy(["aaaa", "bb", "cc", "d", "eeeeee"], {
      maxItems: 3,
      maxWeight: 5,
      weightOf: (s) => s.length,
    });
    expect(pieces).toEqual([["aaaa"], ["bb", "cc", "d"], ["eeeeee"]]);
  });

  it("gives an item heavier than the limit a piece of its own", () => {
    expect(chunkBy([10, 1, 1], { maxItems: 5, maxWeight: 3, weightOf: (n) => n })).toEqual([[10], [1, 1]]);
  });
});
