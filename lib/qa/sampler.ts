/**
 * Drawing a QA sample. Pure and deterministic: the population is sorted by a stable key (the
 * document's row id) before drawing, so the same seed + params + population give the same
 * sample, in the same order. See lib/qa/README.md for the definitions.
 */
import { seededRandom } from "./prng";

export type SampleSize = { kind: "count"; value: number } | { kind: "percent"; value: number };
export type PopulationMember = { id: string; documentType: string | null };

/** N documents, or X% of the population rounded UP (so 5% of 30 is 2, never 1.5 or 0). */
export function sampleSize(populationSize: number, size: SampleSize): number {
  if (populationSize <= 0) return 0;
  const wanted =
    size.kind === "count" ? Math.floor(size.value) : Math.ceil((populationSize * size.value) / 100 - 1e-9);
  return Math.max(0, Math.min(populationSize, wanted));
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Proportional allocation of `n` draws over strata (sizes keyed by stratum), each stratum
 * getting at least one draw when n ≥ the number of strata, never more than its size.
 * Quotas n·N_h/N are floored (then raised to 1); the draws still missing go to the largest
 * remainders, draws in excess are taken back from the smallest remainders (ties: key order).
 */
export function allocateStrata(sizes: ReadonlyMap<string, number>, n: number): Map<string, number> {
  const keys = [...sizes.keys()].sort(byCodeUnits);
  const total = keys.reduce((sum, k) => sum + (sizes.get(k) ?? 0), 0);
  const alloc = new Map<string, number>(keys.map((k) => [k, 0]));
  if (n <= 0 || total === 0) return alloc;
  if (n >= total) return new Map(keys.map((k) => [k, sizes.get(k) ?? 0]));
  const quota = new Map(keys.map((k) => [k, (n * (sizes.get(k) ?? 0)) / total]));
  const remainder = (k: string) => quota.get(k)! - alloc.get(k)!;
  const atLeastOne = n >= keys.filter((k) => (sizes.get(k) ?? 0) > 0).length;
  for (const k of keys) {
    const size = sizes.get(k) ?? 0;
    const floor = Math.floor(quota.get(k)! + 1e-9);
    alloc.set(k, Math.min(size, atLeastOne && size > 0 ? Math.max(1, floor) : floor));
  }
  let assigned = [...alloc.values()].reduce((a, b) => a + b, 0);
  while (assigned < n) {
    const candidates = keys.filter((k) => alloc.get(k)! < (sizes.get(k) ?? 0));
    // Largest remainder first; without the ≥1 rule, larger strata first on ties.
    candidates.sort((a, b) => remainder(b) - remainder(a) || (sizes.get(b) ?? 0) - (sizes.get(a) ?? 0));
    const k = candidates[0]!;
    alloc.set(k, alloc.get(k)! + 1);
    assigned++;
  }
  while (assigned > n) {
    const floorOf = atLeastOne ? 1 : 0;
    const candidates = keys.filter((k) => alloc.get(k)! > floorOf);
    candidates.sort((a, b) => remainder(a) - remainder(b));
    const k = candidates[0]!;
    alloc.set(k, alloc.get(k)! - 1);
    assigned--;
  }
  return alloc;
}

/** Partial Fisher–Yates: `k` members drawn without replacement, in draw order. */
function drawWithoutReplacement<T>(items: readonly T[], k: number, random: () => number): T[] {
  const pool = [...items];
  const take = Math.min(k, pool.length);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, take);
}

export const stratumOf = (member: PopulationMember) => member.documentType ?? "(unknown)";

/**
 * The sampled document ids, in the order they will be checked. Stratified: strata in key order,
 * each drawn from its own sorted members, then the whole sample shuffled with the same stream.
 */
export function drawSample(
  population: readonly PopulationMember[],
  options: { n: number; stratify: boolean },
  seed: string,
): string[] {
  const random = seededRandom(seed);
  const sorted = [...population].sort((a, b) => byCodeUnits(a.id, b.id));
  if (!options.stratify) return drawWithoutReplacement(sorted, options.n, random).map((m) => m.id);
  const strata = new Map<string, PopulationMember[]>();
  for (const member of sorted) {
    const list = strata.get(stratumOf(member));
    if (list) list.push(member);
    else strata.set(stratumOf(member), [member]);
  }
  const allocation = allocateStrata(new Map([...strata].map(([k, v]) => [k, v.length])), options.n);
  const drawn: PopulationMember[] = [];
  for (const [key, count] of allocation)
    drawn.push(...drawWithoutReplacement(strata.get(key) ?? [], count, random));
  return drawWithoutReplacement(drawn, drawn.length, random).map((m) => m.id);
}
