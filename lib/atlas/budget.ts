/**
 * One request budget toward Atlas per app instance, shared by every batch sync, flow poll,
 * upload and health check (they all go through the one client, lib/atlas/index.ts).
 *
 * A spacing limiter: each request takes the next free slot, slots are 1/rate apart, so in any
 * window of T seconds at most ⌈rate·T⌉ + 1 requests start, whatever the number of concurrent
 * callers. A 429 halves the rate (down to a floor) and, with Retry-After, holds every slot until
 * then; each answer that is not a 429 wins back a little of the rate, up to the configured one.
 */
export interface RequestBudgetOptions {
  /** Configured requests per second (ATLAS_MAX_RPS). */
  ratePerSecond: number;
  /** Lowest rate a run of 429s can bring it to. Default: 1/20 of the configured rate, at most 0.5/s. */
  minRatePerSecond?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A Retry-After holds every request at most this long (a pathological value must not freeze the app). */
export const MAX_RETRY_AFTER_HOLD_MS = 5 * 60_000;

export class RequestBudget {
  readonly maxRate: number;
  readonly minRate: number;
  private rate: number;
  private nextSlotAt = 0;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: RequestBudgetOptions) {
    if (!(options.ratePerSecond > 0)) throw new Error("RequestBudget: ratePerSecond must be positive");
    this.maxRate = options.ratePerSecond;
    this.minRate = Math.min(this.maxRate, options.minRatePerSecond ?? Math.min(0.5, this.maxRate / 20));
    this.rate = this.maxRate;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? defaultSleep;
  }

  /** Requests per second allowed right now. */
  get currentRate(): number {
    return this.rate;
  }

  /** Waits for this caller's slot. Slots are handed out in call order. */
  async acquire(): Promise<void> {
    const now = this.now();
    const slot = Math.max(now, this.nextSlotAt);
    this.nextSlotAt = slot + 1000 / this.rate;
    if (slot > now) await this.sleep(slot - now);
  }

  /** Atlas answered 429: halve the rate, and hold every slot until Retry-After if it gave one. */
  slowDown(retryAfterMs?: number): void {
    this.rate = Math.max(this.minRate, this.rate / 2);
    const now = this.now();
    const hold =
      retryAfterMs !== undefined && retryAfterMs > 0 ? Math.min(retryAfterMs, MAX_RETRY_AFTER_HOLD_MS) : 0;
    const resumeAt = now + hold;
    this.nextSlotAt = Math.max(this.nextSlotAt, resumeAt + 1000 / this.rate);
  }

  /** An answer that was not a 429: recover towards the configured rate (additively). */
  recover(): void {
    if (this.rate < this.maxRate) this.rate = Math.min(this.maxRate, this.rate + this.maxRate / 10);
  }
}

/**
 * Retry-After as Atlas (or a proxy) may send it: delay-seconds ("120", "1.5") or an HTTP date
 * ("Wed, 21 Oct 2026 07:28:00 GMT"). Milliseconds from `nowMs`, never negative; undefined when
 * absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : undefined;
}
