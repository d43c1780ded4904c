"use client";

import { useEffect, useRef } from "react";
import type { LockView } from "@/lib/review/types";
import { heartbeatAction } from "./actions";

/**
 * Keeps the reviewer's lock alive while they are active (a key or a click since the last beat),
 * and refreshes who holds the lock for everyone else. Inactive reviewers let it lapse, as meant.
 */
export function useLockHeartbeat(
  documentId: string,
  lockMs: number,
  enabled: boolean,
  onLock: (lock: LockView) => void,
) {
  const active = useRef(false);
  const latest = useRef(onLock);
  useEffect(() => {
    latest.current = onLock;
  }, [onLock]);

  useEffect(() => {
    if (!enabled) return;
    const mark = () => {
      active.current = true;
    };
    window.addEventListener("keydown", mark);
    window.addEventListener("pointerdown", mark);
    const every = Math.min(60_000, Math.max(5_000, Math.floor(lockMs / 3)));
    const timer = window.setInterval(async () => {
      if (document.visibilityState !== "visible") return;
      // Everyone polls to see who holds the lock; only an active owner's beat renews it.
      const renew = active.current;
      active.current = false;
      const result = await heartbeatAction({ documentId, renew });
      if (result.ok) latest.current(result.data);
    }, every);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener("keydown", mark);
      window.removeEventListener("pointerdown", mark);
    };
  }, [documentId, lockMs, enabled]);
}
