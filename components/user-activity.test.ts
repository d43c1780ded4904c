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
