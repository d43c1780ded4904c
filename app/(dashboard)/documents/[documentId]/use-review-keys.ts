"use client";

import { useEffect, useRef } from "react";
import { isControlActivation, isTypingTarget } from "@/lib/keys/keymap";
import { commandFor, type ReviewCommand } from "@/lib/review/keys";
import type { ReviewState } from "./use-review-state";

/** Commands that still work while a save is in flight. */
const WHILE_BUSY: readonly ReviewCommand[] = ["next-field", "previous-field", "help"];

/** What each command of the review key map (lib/review/keys.ts) does in the workspace. */
function run(command: ReviewCommand, s: ReviewState) {
  const field = s.ordered[s.current];
  switch (command) {
    case "next-field":
      return s.setCurrent((i) => Math.min(i + 1, s.ordered.length - 1));
    case "previous-field":
      return s.setCurrent((i) => Math.max(i - 1, 0));
    case "accept":
      return field && void s.changeField(field, { kind: "accept" });
    case "unreadable":
      return field && void s.changeField(field, { kind: "unreadable" });
    case "edit":
      return field && s.startEditing(field);
    case "accept-all":
      return void s.acceptAll();
    case "approve":
      return s.canAct ? void s.decide("approve") : undefined;
    case "reject":
      return s.canAct ? s.setRejecting(true) : undefined;
    case "next-document":
      return void s.goToDocument("next");
    case "previous-document":
      return void s.goToDocument("previous");
    case "help":
      return s.setHelp(true);
  }
}

/** One window keydown listener that reads the latest state on every key press. */
export function useReviewKeys(state: ReviewState) {
  const latest = useRef(state);
  useEffect(() => {
    latest.current = state;
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => {
      const s = latest.current;
      if (s.help || s.rejecting || s.editing || e.defaultPrevented || isTypingTarget(e.target)) return;
      if (isControlActivation(e)) return;
      const command = commandFor(e);
      if (!command) return;
      e.preventDefault();
      if (s.busy && !WHILE_BUSY.includes(command)) return;
      run(command, s);
    };
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  // The current row has the focus, so the reviewer sees where the keys act.
  const { rows, current } = state;
  useEffect(() => {
    rows.current[current]?.focus({ preventScroll: false });
    rows.current[current]?.scrollIntoView?.({ block: "nearest" });
  }, [rows, current]);
}
