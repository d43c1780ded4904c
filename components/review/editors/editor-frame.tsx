"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

type Props = {
  /** The field's label ("PAN number"): names the group and its buttons. */
  label: string;
  /** Atlas's value as read, shown beside the correction for the whole edit. */
  original: ReactNode;
  /** What is wrong with the correction now (shown once the reviewer has changed something). */
  problems: readonly string[];
  dirty: boolean;
  /** Tables: the original above the grid, both full width. */
  stacked?: boolean;
  busy?: boolean;
  onSave: () => void;
  onCancel: () => void;
  children: ReactNode;
};

const CONTROLS = "input, select, textarea";

/**
 * Every editor's frame: the original beside the correction, the problems, and visible Save and
 * Cancel buttons, with Enter saving and Esc cancelling from anywhere inside (Shift+Enter leaves
 * Enter to a text area; Enter on a button presses that button).
 */
export function EditorFrame({
  label,
  original,
  problems,
  dirty,
  stacked,
  busy,
  onSave,
  onCancel,
  children,
}: Props) {
  const group = useRef<HTMLDivElement>(null);
  const [tried, setTried] = useState(false);
  const shown = dirty || tried ? problems : [];

  // After the workspace has moved its focus to the row (its effects run after ours).
  useEffect(() => {
    const frame = requestAnimationFrame(() => group.current?.querySelector<HTMLElement>(CONTROLS)?.focus());
    return () => cancelAnimationFrame(frame);
  }, []);

  function save() {
    if (problems.length) {
      setTried(true);
      group.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    onSave();
  }

  return (
    <div
      ref={group}
      role="group"
      aria-label={`Correct ${label}`}
      data-testid="field-editor"
      className="mt-2 space-y-2"
      onKeyDown={(e) => {
        if (e.nativeEvent.isComposing) return;
        if (e.key === "Escape") {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        } else if (e.key === "Enter" && !e.shiftKey && !(e.target instanceof HTMLButtonElement)) {
          e.preventDefault();
          e.stopPropagation();
          save();
        }
      }}
    >
      <div className={cn("gap-3", stacked ? "space-y-2" : "flex flex-wrap items-start")}>
        <div
          className={cn(
            "min-w-0 rounded border border-dashed border-slate-300 px-2 py-1 text-xs dark:border-slate-600",
            !stacked && "flex-1 basis-40",
          )}
          data-testid="editor-original"
        >
          <span className="block font-medium text-slate-600 dark:text-slate-300">Original</span>
          <div className={cn("break-words", stacked && "max-h-40 overflow-auto")}>{original}</div>
        </div>
        <div className={cn("min-w-0", !stacked && "flex-[2] basis-56")}>{children}</div>
      </div>
      {shown.length ? (
        <ul
          className="space-y-0.5 text-xs text-red-700 dark:text-red-300"
          aria-live="polite"
          data-testid="editor-problems"
        >
          {shown.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <Button size="xs" disabled={busy} onClick={save} aria-label={`Save ${label}`}>
          Save
        </Button>
        <Button size="xs" variant="secondary" onClick={onCancel} aria-label={`Cancel correcting ${label}`}>
          Cancel
        </Button>
        <span className="text-xs text-slate-600 dark:text-slate-400">Enter saves · Esc cancels</span>
      </div>
    </div>
  );
}
