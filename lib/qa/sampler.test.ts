import { describe, expect, it } from "vitest";
import { hashSeed, mulberry32, newSeed, seededRandom } from "./prng";
import { allocateStrata, drawSample, sampleSize, stratumOf, type PopulationMember } from "./sampler";

const sizes = (entries: Record<string, number>) => new Map(Object.entries(entries));
const plain = (m: Map<string, number>) => Object.fromEntries(m);

function population(counts: Record<string, number>): PopulationMember[] {
  return Object.entries(counts).flatMap(([type, n]) =>
    Array.from({ length: n }, (_, i) => ({
      id: `${type.toLowerCase()}-${String(i).padStart(3, "0")}`,
      documentType: type,
    })),
  );
}

describe("seeded PRNG", () => {
  it("is pinned: a recorded seed must draw the same numbers after any refactor", () => {
    // Golden values; if these change, every recorded sample stops being reproducible.
    const first = seededRandom("qa-2026")();
    expect(first).toBe(mulberry32(hashSeed("qa-2026"))());
    expect(first).toMatchInlineSnapshot(`0.1569935472216457`);
  });

  it("draws uniform-looking numbers in [0, 1) and different streams for different seeds", () => {
    const random = seededRandom("abc");
    const values = Array.from({ length: 10_000 }, random);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    expect(seededRandom("abd")()).not.toBe(seededRandom("abc")());
  });

  it("makes readable seeds", () => {
    expect(newSeed(seededRandom("x"))).toMatch(/^[a-z2-9]{10}$/);
  });
});

describe("sampleSize", () => {
  it("takes N (at most the population) or X% rounded up", () => {
    expect(sampleSize(25, { kind: "count", value: 20 })).toBe(20);
    expect(sampleSize(25, { kind: "count", value: 30 })).toBe(25);
    expect(sampleSize(25, { kind: "percent", value: 10 })).toBe(3); // 2.5 → 3
    expect(sampleSize(25, { kind: "percent", value: 20 })).toBe(5); // exactly 5
    expect(sampleSize(30, { kind: "percent", value: 5 })).toBe(2); // 1.5 → 2
    expect(sampleSize(0, { kind: "percent", value: 50 })).toBe(0);
  });
});

describe("allocateStrata (proportional, at least one each when possible)", () => {
  it("splits exactly proportional sizes exactly", () => {
    expect(plain(allocateStrata(sizes({ A: 50, B: 30, C: 20 }), 10))).toEqual({ A: 5, B: 3, C: 2 });
  });

  it("gives a small stratum one draw, taking it from the largest", () => {
    // Quotas 9, 0.9, 0.1 → floors 9, 0, 0 → raised to 9, 1, 1 = 11 → A gives one back.
    expect(plain(allocateStrata(sizes({ A: 90, B: 9, C: 1 }), 10))).toEqual({ A: 8, B: 1, C: 1 });
  });

  it("hands missing draws to the largest remainders", () => {
    // Quotas 3.5 and 1.5 → 3 + 1 = 4; the tie on remainder goes to the larger stratum.
    expect(plain(allocateStrata(sizes({ A: 7, B: 3 }), 5))).toEqual({ A: 4, B: 1 });
    // Quotas 6.6, 2.2, 1.2 → 6, 2, 1 = 9 → A has the largest remainder (0.6).
    expect(plain(allocateStrata(sizes({ A: 33, B: 11, C: 6 }), 10))).toEqual({ A: 7, B: 2, C: 1 });
  });

  it("cannot give every stratum one when there are more strata than draws", () => {
    expect(plain(allocateStrata(sizes({ A: 1, B: 1, C: 1, D: 1 }), 2))).toEqual({ A: 1, B: 1, C: 0, D: 0 });
  });

  it("takes everything when n reaches the population, never more than a stratum holds", () => {
    expect(plain(allocateStrata(sizes({ A: 2, B: 3 }), 9))).toEqual({ A: 2, B: 3 });
    expect(plain(allocateStrata(sizes({ A: 2, B: 100 }), 50))).toEqual({ A: 1, B: 49 });
  });
});

describe("drawSample", () => {
  const docs = population({ PAN: 40, AADHAAR: 30, INVOICE: 20, GST_CERT: 9, FSSAI: 1 });

  it("reproduces the same sample from the same seed, whatever order the population came in", () => {
    const a = drawSample(docs, { n: 20, stratify: false }, "seed-1");
    const b = drawSample([...docs].reverse(), { n: 20, stratify: false }, "seed-1");
    expect(b).toEqual(a);
    expect(new Set(a).size).toBe(20);
    expect(drawSample(docs, { n: 20, stratify: false }, "seed-2")).not.toEqual(a);
  });

  it("stratified: the counts per type are the proportional allocation", () => {
    const ids = drawSample(docs, { n: 20, stratify: true }, "seed-1");
    const byId = new Map(docs.map((d) => [d.id, d]));
    const counts: Record<string, number> = {};
    for (const id of ids) counts[stratumOf(byId.get(id)!)] = (counts[stratumOf(byId.get(id)!)] ?? 0) + 1;
    // Quotas 8, 6, 4, 1.8, 0.2 → 8, 6, 4, 1, 1 = 20.
    expect(counts).toEqual({ PAN: 8, AADHAAR: 6, INVOICE: 4, GST_CERT: 1, FSSAI: 1 });
    expect(drawSample([...docs].reverse(), { n: 20, stratify: true }, "seed-1")).toEqual(ids);
  });

  it("puts documents without a type in a stratum of their own", () => {
    const mixed = [...population({ PAN: 5 }), { id: "zz-untyped", documentType: null }];
    expect(drawSample(mixed, { n: 2, stratify: true }, "s")).toContain("zz-untyped");
  });

  it("draws everyone when n covers the population", () => {
    expect(new Set(drawSample(docs, { n: 500, stratify: false }, "x")).size).toBe(docs.length);
  });
});
