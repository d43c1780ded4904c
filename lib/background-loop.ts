import { logger } from "@/lib/logger";

/**
 * Runs `tick` every `intervalMs`, never overlapping itself: the next run is scheduled when the
 * previous one ends. A failing tick is logged and the loop goes on. `stopRequested` lets a long
 * tick give up between items once `stop()` is called.
 */
export class BackgroundLoop {
  private timer: ReturnType<typeof setTimeout> | undefined;
  stopRequested = false;

  constructor(
    private readonly failureEvent: string,
    private readonly tick: () => Promise<void>,
  ) {}

  start(intervalMs: number): void {
    this.stopRequested = false;
    const loop = async () => {
      try {
        await this.tick();
      } catch (error) {
        logger.error(this.failureEvent, { error });
      }
      if (!this.stopRequested) this.timer = setTimeout(loop, intervalMs);
    };
    this.timer = setTimeout(loop, Math.min(intervalMs, 1000));
  }

  stop(): void {
    this.stopRequested = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
