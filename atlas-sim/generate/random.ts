import { createHash } from "node:crypto";

/** 32-bit seed from any text (sha256, first 4 bytes). */
export function hashSeed(text: string): number {
  return createHash("sha256").update(text).digest().readUInt32BE(0);
}

export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  int(min: number, max: number): number;
  float(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  digits(count: number): string;
  letters(count: number, alphabet?: string): string;
  /** An independent generator, so adding draws in one place does not shift another. */
  fork(label: string): Rng;
}

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** mulberry32: tiny, fast and good enough for fake data. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[int(0, items.length - 1)]!;
  };
  return {
    next,
    int,
    float: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick,
    digits: (count) => Array.from({ length: count }, () => String(int(0, 9))).join(""),
    letters: (count, alphabet = UPPER) =>
      Array.from({ length: count }, () => alphabet[int(0, alphabet.length - 1)]!).join(""),
    fork: (label) => createRng(hashSeed(`${seed}:${label}`)),
  };
}
