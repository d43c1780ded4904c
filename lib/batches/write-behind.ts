/**
 * The writing half of a bounded read/write pipeline: readers `push` what they read and go on
 * reading while earlier items are written; one writer at a time takes everything queued (up to
 * `maxWeight`) and writes it in one go, so the number of writes adapts to the pace of the reads.
 * `push` waits while `maxQueued` items are waiting, which holds the readers back when the
 * database is the slower side (memory stays bounded). With `writers` > 1, that many writes may
 * be under way at once (one prepares its statement while another's runs). After a failed write
 * nothing more is written; `finish` waits for the writers and rethrows that failure.
 */
export class WriteBehind<T> {
  private readonly queue: T[] = [];
  private readonly running = new Set<Promise<void>>();
  private failure: { error: unknown } | null = null;
  private readonly roomWaiters: Array<() => void> = [];

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly options: {
      weight: (item: T) => number;
      maxWeight: number;
      maxQueued: number;
      writers?: number;
    },
  ) {}

  get failed(): boolean {
    return this.failure !== null;
  }

  async push(item: T): Promise<void> {
    if (this.failure) return;
    this.queue.push(item);
    this.kick();
    while (this.queue.length >= this.options.maxQueued && !this.failure)
      await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
  }

  async finish(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
    if (this.failure) throw this.failure.error;
  }

  private kick() {
    while (!this.failure && this.queue.length > 0 && this.running.size < (this.options.writers ?? 1)) {
      const writer: Promise<void> = this.drain().finally(() => {
        this.running.delete(writer);
        this.kick();
      });
      this.running.add(writer);
    }
  }

  private async drain() {
    while (this.queue.length > 0 && !this.failure) {
      let weight = 0;
      let n = 0;
      while (n < this.queue.length) {
        const next = this.options.weight(this.queue[n]!);
        if (n > 0 && weight + next > this.options.maxWeight) break;
        weight += next;
        n++;
      }
      const items = this.queue.splice(0, n);
      this.wakeReaders();
      try {
        await this.write(items);
      } catch (error) {
        this.failure = { error };
        this.queue.length = 0;
        this.wakeReaders();
      }
    }
  }

  private wakeReaders() {
    for (const wake of this.roomWaiters.splice(0)) wake();
  }
}
