"use client";

import { useEffect, useRef, type MouseEvent, type PointerEvent } from "react";
import { cn } from "@/components/ui/cn";
import {
  boxOnPage,
  isMaskedWord,
  pageSize,
  pickFromLine,
  type PercentBox,
} from "@/lib/second-reader/overlay";
import type { FieldEvidence, OcrPage } from "@/lib/second-reader/types";
import { useViewerFocus } from "./scan-viewer";

/** The second reader's read of the scan, as the workspace has it (lib/second-reader/document-read.ts). */
export type ScanRead = {
  /** off: SECOND_READER=off and never read; queued: not read yet. */
  status: "off" | "queued" | "done" | "failed";
  error: string | null;
  pages: OcrPage[];
};

/** One field's place on the scan. */
export type EvidenceField = { id: string; label: string; evidence: FieldEvidence | null };

/**
 * Everything the scan needs to show where the fields are: the read, the fields, which one is
 * selected or hovered, and — while a field is being edited — where a picked word goes.
 */
export type ScanEvidence = {
  read: ScanRead;
  fields: EvidenceField[];
  selectedId: string | null;
  hoveredId: string | null;
  onHover(fieldId: string | null): void;
  onSelect(fieldId: string): void;
  /** Set while a field is edited: a click puts a word in (Shift+click adds it), a double-click the line. */
  onPick?: (text: string, how: "replace" | "append") => void;
  /** What the second reader says about the selected field, under the viewer's toolbar. */
  sentence: string | null;
};

const place = (b: PercentBox) => ({
  left: `${b.left}%`,
  top: `${b.top}%`,
  width: `${b.width}%`,
  height: `${b.height}%`,
});

/** A press that moved more than this many pixels panned the scan: it is not a click on a word. */
const DRAG_PX = 5;

/**
 * The boxes of one page drawn over the scan, turned with it: each located field's box (the
 * selected one strong, a disagreeing one amber), and while editing every word OCR read, ready to
 * be clicked into the editor. Selecting a field brings its box into view at a readable zoom.
 */
export function EvidenceLayer({
  evidence,
  page,
  rotation,
}: {
  evidence: ScanEvidence;
  page: number;
  rotation: number;
}) {
  const { read, fields, selectedId, hoveredId, onHover, onSelect, onPick } = evidence;
  const size = pageSize(read.pages, page);
  const layer = useRef<HTMLDivElement>(null);
  const pressed = useRef<{ x: number; y: number } | null>(null);
  const focus = useViewerFocus();
  // The selection the page opened with is not "selecting a field": the scan is left as it was.
  // Selecting another field, starting to edit one (its words are then clicked), or turning the
  // scan (the box moves with its words, out of view) brings its box into view.
  const picking = !!onPick;
  const shownFor = useRef({ selectedId, picking, rotation });

  useEffect(() => {
    const before = shownFor.current;
    if (before.selectedId === selectedId && before.picking === picking && before.rotation === rotation)
      return;
    shownFor.current = { selectedId, picking, rotation };
    const moved = before.selectedId !== selectedId;
    const startedEditing = !moved && !before.picking && picking;
    const turned = before.rotation !== rotation;
    if (!moved && !startedEditing && !turned) return;
    const bring = () => {
      const boxes = layer.current?.querySelectorAll<HTMLElement>('[data-selected="true"]');
      if (boxes?.length) focus?.bringIntoView([...boxes]);
    };
    if (!turned) return bring();
    // A quarter turn changes the page's shape: the viewer learns its new size (a resize
    // observer) after this effect, and pans within the old bounds until then.
    const timer = window.setTimeout(bring, 80);
    return () => window.clearTimeout(timer);
  }, [selectedId, picking, rotation, focus]);

  if (!size) return null;
  const onPointerDown = (e: PointerEvent) => {
    pressed.current = { x: e.clientX, y: e.clientY };
  };
  const wasClick = (e: MouseEvent) => {
    const from = pressed.current;
    return !from || Math.hypot(e.clientX - from.x, e.clientY - from.y) <= DRAG_PX;
  };
  const located = fields.filter(
    (f) =>
      f.evidence &&
      (f.evidence.status === "found" || f.evidence.status === "disagrees") &&
      f.evidence.boxes.some((b) => b.page === page),
  );
  const lines = read.pages.find((p) => p.page === page)?.lines ?? [];

  return (
    <div
      ref={layer}
      className="absolute inset-0"
      data-testid={`evidence-layer-${page}`}
      onPointerDown={onPointerDown}
      aria-hidden="true"
    >
      {located.flatMap((f) =>
        f
          .evidence!.boxes.filter((b) => b.page === page)
          .map((b, i) => {
            const selected = f.id === selectedId;
            const hovered = f.id === hoveredId;
            const disagrees = f.evidence!.status === "disagrees";
            return (
              <div
                key={`${f.id}-${i}`}
                data-testid="evidence-box"
                data-field-id={f.id}
                data-field-label={f.label}
                data-status={f.evidence!.status}
                data-selected={selected ? "true" : "false"}
                title={
                  onPick
                    ? undefined
                    : `${f.label}${disagrees ? ` — page reads “${f.evidence!.reading ?? ""}”` : ""}`
                }
                style={place(boxOnPage(b, size, rotation))}
                // Outlines drawn outside the word, never over it: the layer zooms with the scan,
                // so a border inside the box grew with it (8 px at 400 %) and hid the very text
                // the selection had brought into view.
                className={cn(
                  "absolute rounded-sm outline outline-offset-1 transition-colors",
                  onPick ? "pointer-events-none" : "cursor-pointer",
                  disagrees
                    ? "bg-amber-400/10 outline-amber-500"
                    : "bg-indigo-400/5 outline-indigo-400/60 dark:outline-indigo-300/60",
                  hovered && "bg-indigo-400/10 outline-2",
                  selected &&
                    (disagrees
                      ? "bg-amber-400/10 outline-[3px] outline-offset-2 outline-amber-600"
                      : "bg-indigo-500/10 outline-[3px] outline-offset-2 outline-indigo-600 dark:outline-indigo-300"),
                )}
                onMouseEnter={() => onHover(f.id)}
                onMouseLeave={() => onHover(null)}
                onClick={(e) => {
                  if (wasClick(e)) onSelect(f.id);
                }}
              />
            );
          }),
      )}
      {onPick
        ? lines.flatMap((line, l) =>
            line.words.map((word, w) => {
              // A masked Aadhaar group (XXXX…) is not offered: it is not what the page prints.
              const masked = isMaskedWord(word.text);
              return (
                <span
                  key={`${l}-${w}`}
                  data-testid="ocr-word"
                  data-text={masked ? undefined : word.text}
                  title={
                    masked ? "Masked: type this number" : `Use “${word.text}” (double-click: the whole line)`
                  }
                  style={place(boxOnPage(word, size, rotation))}
                  className={cn(
                    "absolute rounded-sm",
                    masked
                      ? "cursor-not-allowed"
                      : "cursor-pointer hover:bg-sky-400/15 hover:outline hover:outline-2 hover:outline-offset-1 hover:outline-sky-600",
                  )}
                  // The editor keeps the focus: the picked text goes where the caret is.
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={(e) => {
                    const picked = pickFromLine(line.words, w, e.detail >= 2);
                    if (picked === null || !wasClick(e)) return;
                    onPick(picked, e.detail < 2 && e.shiftKey ? "append" : "replace");
                  }}
                />
              );
            }),
          )
        : null}
    </div>
  );
}
