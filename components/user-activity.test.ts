import { describe, expect, it } from "vitest";
import { activeWindowMs, mayRefreshInBackground } from "./user-activity";

describe("background refreshes and the idle limit", () => {
  it("allow refreshes for half the idle limit after the last activity, at most 2 minutes", () => {
    expect(activeWindowMs(1)).toBe(30_000);
    expect(activeWindowMs(2)).toBe(60_000);
    expect(activeWindowMs(30)).toBe(120_000);
    expect(activeWindowMs(720)).toBe(120_000);
  });

  it("stop once the user has been away longer than the window, so the session can idle out", () => {
    const window = activeWindowMs(30);
    expect(mayRefreshInBackground(1_000 + window - 1, 1_000, window)).toBe(true);
    expect(mayRefreshInBackground(1_000 + window, 1_000, window)).toBe(false);
    // Whatever the idle limit, refreshing stops before it is reached.
    for (const minutes of [1, 5, 30, 720]) expect(activeWindowMs(minutes)).toBeLessThan(minutes * 60_000);
  });
});

describe("tracking the user in the tab", () => {
  it("counts a key, click, scroll or return to the tab as activity, and nothing else", async () => {
    const { vi } = await import("vitest");
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2026, 0, 1));
    const win = new EventTarget();
    const doc = Object.assign(new EventTarget(), { visibilityState: "visible" });
    vi.stubGlobal("window", win);
    vi.stubGlobal("document", doc);
    try {
      const { trackUserActivity, userIsActive } = await import("./user-activity");
      const stop = trackUserActivity(1); // 1 minute idle limit: refreshes for 30 s after activity
      expect(userIsActive()).toBe(true);
      vi.advanceTimersByTime(31_000);
      expect(userIsActive()).toBe(false);
      win.dispatchEvent(new Event("keydown"));
      expect(userIsActive()).toBe(true);
      vi.advanceTimersByTime(31_000);
      win.dispatchEvent(new Event("resize")); // not a sign of a person
      expect(userIsActive()).toBe(false);
      doc.dispatchEvent(new Event("visibilitychange"));
      expect(userIsActive()).toBe(true);
      stop();
      vi.advanceTimersByTime(31_000);
      win.dispatchEvent(new Event("pointerdown"));
      expect(userIsActive()).toBe(false);
    } finally {
      vi.unstubAllGlobals();
      vi.useRealTimers();
    }
  });
});
