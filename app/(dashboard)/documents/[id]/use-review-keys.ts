"use client";

import { useEffect, type RefObject } from "react";
import { toast } from "sonner";
import type { PaneControls } from "@/components/review/document-pane";
import { useKeyMap } from "@/components/use-key-map";
import { SHORTCUTS, type ReviewCommand } from "@/lib/review/keys";
import type { ReviewState } from "./use-review-state";

/** Commands that still work while a save is in flight. */
const WHILE_BUSY: readonly ReviewCommand[] = [
  "next-field",
  "previous-field",
  "help",
  "zoom-in",
  "zoom-out",
  "fit",
  "rotate",
  "reveal-scan",
];

/** The scan viewer's commands (components/review/scan-viewer.tsx), reached through the pane. */
function view(command: ReviewCommand, pane: PaneControls | null) {
  if (!pane) return;
  switch (command) {
    case "zoom-in":
      return pane.zoomIn();
    case "zoom-out":
      return pane.zoomOut();
    case "fit":
      return pane.fitWidth();
    case "rotate":
      return pane.rotate();
    case "reveal-scan": {
      const result = pane.revealScan();
      if (result === "not-allowed") toast.error("Your role cannot view the full scan.");
      if (result === "nothing") toast.info("This scan has nothing hidden to show.");
      return;
    }
  }
}

/** What each command of the review key map (lib/review/keys.ts) does in the workspace. */
/** Commands run by hooks beside the review state (use-close-actions.ts). */
type Extra = { undo: () => Promise<unknown>; skip: () => Promise<unknown> };

function run(command: ReviewCommand, s: ReviewState, extra?: Extra) {
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
      return s.canClose ? s.setRejecting(true) : undefined;
    case "undo":
      return void extra?.undo();
    case "skip":
      return void extra?.skip();
    case "next-document":
      return void s.goToDocument("next");
    case "previous-document":
      return void s.goToDocument("previous");
    case "help":
      return s.setHelp(true);
    default:
      return;
  }
}

/** The workspace's keys: paused while a dialog or the inline editor is open. */
export function useReviewKeys(state: ReviewState, extra?: Extra, pane?: RefObject<PaneControls | null>) {
  useKeyMap(
    SHORTCUTS,
    (command) => {
      if (state.busy && !WHILE_BUSY.includes(command)) return;
      run(command, state, extra);
      view(command, pane?.current ?? null);
    },
    state.help || state.rejecting || state.editing !== null,
  );

  // The current row has the focus, so the reviewer sees where the keys act.
  const { rows, current } = state;
  useEffect(() => {
    rows.current[current]?.focus({ preventScroll: false });
    rows.current[current]?.scrollIntoView?.({ block: "nearest" });
  }, [rows, current]);
}
