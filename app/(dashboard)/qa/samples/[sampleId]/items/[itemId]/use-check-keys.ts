"use client";

import { useEffect, useRef } from "react";
import { isControlActivation, isTypingTarget } from "@/lib/keys/keymap";
import { checkCommandFor, type CheckCommand } from "@/lib/qa/check-keys";

export type CheckKeyHandlers = Record<CheckCommand, () => void> & {
  /** While the shortcuts help is open, keys are left to it. */
  paused: boolean;
};

/** One window keydown listener running the QA check key map (lib/qa/check-keys.ts). */
export function useCheckKeys(handlers: CheckKeyHandlers) {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const h = latest.current;
      if (h.paused || isTypingTarget(event.target) || isControlActivation(event)) return;
      const command = checkCommandFor(event);
      if (!command) return;
      event.preventDefault();
      h[command]();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
