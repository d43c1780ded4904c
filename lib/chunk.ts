/**
 * Cuts a list into consecutive pieces of at most `size` items (the last may be shorter); pure and
 * client-safe, so the same slicing serves database inserts, Atlas uploads and server-action calls.
 */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  return chunkBy(items, { maxItems: size });
}

/**
 * Like `chunk`, and also closes a piece before its summed `weightOf` would pass `maxWeight` (e.g. a
 * request body's bytes). An item heavier than `maxWeight` on its own still gets a piece.
 */
export function chunkBy<T>(
  items: readonly T[],
  limits: { maxItems: number; maxWeight?: number; weightOf?: (item: T) => number },
): T[][] {
  if (!(limits.maxItems >= 1)) throw new RangeError(`chunk size must be at least 1, got ${limits.maxItems}`);
  const out: T[][] = [];
  let current: T[] = [];
  let weight = 0;
  for (const item of items) {
    const w = limits.weightOf?.(item) ?? 0;
    const full =
      current.length >= limits.maxItems ||
      (limits.maxWeight !== undefined && current.length > 0 && weight + w > limits.maxWeight);
    if (full) {
      out.push(current);
      current = [];
      weight = 0;
    }
    current.push(item);
    weight += w;
  }
  if (current.length) out.push(current);
  return out;
}
