"use client";

import { Button } from "@/components/ui/button";
import { keyLabel, keysOf } from "@/lib/keys/keymap";
import { SHORTCUTS } from "@/lib/review/keys";

const UNDO_KEY = keyLabel(keysOf(SHORTCUTS, "undo")[0] ?? "Ctrl+z").replace(/z$/, "Z");
const SKIP_KEY = keyLabel(keysOf(SHORTCUTS, "skip")[0] ?? "s");

/** Undo of the last field action and "skip for now", with their keys. */
export function UndoSkipBar({
  canUndo,
  canSkip,
  busy,
  onUndo,
  onSkip,
}: {
  canUndo: boolean;
  canSkip: boolean;
  busy: boolean;
  onUndo: () => void;
  onSkip: () => void;
}) {
  if (!canUndo && !canSkip) return null;
  return (
    <div className="mb-3 flex flex-wrap justify-end gap-2">
      {canUndo ? (
        <Button variant="secondary" size="xs" disabled={busy} onClick={onUndo}>
          Undo last field action{" "}
          <kbd className="ml-1 text-xs text-slate-600 dark:text-slate-400">{UNDO_KEY}</kbd>
        </Button>
      ) : null}
      {canSkip ? (
        <Button variant="secondary" size="xs" disabled={busy} onClick={onSkip}>
          Skip for now <kbd className="ml-1 text-xs text-slate-600 dark:text-slate-400">{SKIP_KEY}</kbd>
        </Button>
      ) : null}
    </div>
  );
}
