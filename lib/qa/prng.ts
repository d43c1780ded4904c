/**
 * A small seeded PRNG for reproducible QA samples: xmur3 turns the recorded seed string into a
 * 32-bit state, mulberry32 draws from it. Not cryptographic (it need not be): the point is that
 * the same seed always draws the same numbers, on every machine and in every JS engine.
 */

/** xmur3: a 32-bit hash of a string, used to seed mulberry32. */
export function hashSeed(seed: string): number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^= h >>> 16) >>> 0;
}

/** mulberry32: uniform numbers in [0, 1). */
export function mulberry32(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seededRandom(seed: string): () => number {
  return mulberry32(hashSeed(seed));
}

/** A short, readable seed for a new sample (recorded with it, so it can be typed back in). */
export function newSeed(random: () => number = Math.random): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  let seed = "";
  for (let i = 0; i < 10; i++) seed += alphabet[Math.floor(random() * alphabet.length)];
  return seed;
}
