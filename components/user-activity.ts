"use client";

/**
 * Whether the person at this tab has done anything lately. Background re-renders of a page
 * (router.refresh(): auto-refresh of lists, live progress) are page requests, and every page
 * request moves the session's idle clock on (proxy.ts re-issues the cookie). Left alone, a tab
 * with an open batch would keep its session alive until the 12 h limit, whatever
 * SESSION_IDLE_MINUTES says. So background refreshes run only while the user is active: within
 * `activeWindowMs` of their last key, click, touch, scroll or return to the tab. A session then
 * ends at most SESSION_IDLE_MINUTES + that window after the last real activity.
 */
const EVENTS = ["pointerdown", "keydown", "wheel", "touchstart", "scroll"] as const;

const state = { lastActivity: Date.now(), windowMs: Number.POSITIVE_INFINITY };

/** The window for an idle limit: half of it, at most 2 minutes. Pure. */
export function activeWindowMs(idleMinutes: number): number {
  return Math.min((idleMinutes * 60_000) / 2, 2 * 60_000);
}

/** Pure rule: a background refresh may run at `now` when the user was active within the window. */
export function mayRefreshInBackground(now: number, lastActivity: number, windowMs: number): boolean {
  return now - lastActivity < windowMs;
}

export function userIsActive(now = Date.now()): boolean {
  return mayRefreshInBackground(now, state.lastActivity, state.windowMs);
}

/** Starts tracking (once per page, from the dashboard layout). Returns the cleanup. */
export function trackUserActivity(idleMinutes: number): () => void {
  state.windowMs = activeWindowMs(idleMinutes);
  state.lastActivity = Date.now();
  const mark = () => {
    state.lastActivity = Date.now();
  };
  const visible = () => {
    if (document.visibilityState === "visible") mark();
  };
  for (const event of EVENTS) window.addEventListener(event, mark, { passive: true, capture: true });
  document.addEventListener("visibilitychange", visible);
  return () => {
    for (const event of EVENTS) window.removeEventListener(event, mark, { capture: true });
    document.removeEventListener("visibilitychange", visible);
  };
}
