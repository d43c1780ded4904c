"use client";

import { useCallback, useSyncExternalStore } from "react";
import type { Density } from "./fields-layout";

/** The fields table's density, kept in this browser for each user (one reviewer's choice, not a team's). */
const storageKey = (userId: string) => `atlas-review:density:${userId}`;
const listeners = new Set<() => void>();
/** Where the choice lives when the browser refuses storage: this page only. */
const memory = new Map<string, Density>();

function subscribe(onChange: () => void) {
  listeners.add(onChange);
  window.addEventListener("storage", onChange);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener("storage", onChange);
  };
}

function read(userId: string): Density {
  let stored: string | null = null;
  try {
    stored = window.localStorage.getItem(storageKey(userId));
  } catch {
    // Storage blocked: what was chosen on this page, if anything.
  }
  const value = stored ?? memory.get(userId);
  return value === "compact" ? "compact" : "comfortable";
}

export function useDensity(userId: string): [Density, (density: Density) => void] {
  const density = useSyncExternalStore(
    subscribe,
    () => read(userId),
    () => "comfortable" as const,
  );
  const set = useCallback(
    (next: Density) => {
      memory.set(userId, next);
      try {
        window.localStorage.setItem(storageKey(userId), next);
      } catch {
        // Not kept past this page; `memory` still applies it.
      }
      listeners.forEach((l) => l());
    },
    [userId],
  );
  return [density, set];
}
