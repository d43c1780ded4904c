"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { DocumentPane, type PaneControls } from "@/components/review/document-pane";
import type { ScanEvidence, ScanRead } from "@/components/review/evidence-layer";
import { editorControls, fillControl, type EditorControl } from "@/components/review/editors/fill-control";
import { ShortcutsDialog } from "@/components/ui/shortcuts-dialog";
import { fieldSpec } from "@/lib/fields/registry";
import { keyHint, keyLabel, keysOf } from "@/lib/keys/keymap";
import { SHORTCUTS } from "@/lib/review/keys";
import type { RejectReason } from "@/lib/review/reject-reasons";
import type { CommentView, FieldView } from "@/lib/review/types";
import { evidenceSentence } from "@/lib/second-reader/overlay";
import { DecisionBar } from "./decision-bar";
import { DensityToggle } from "./density-toggle";
import { FieldRow } from "./field-row";
import { FieldsTable } from "./fields-table";
import { RejectDialog } from "./reject-dialog";
import { ClosingPanel } from "./closing-panel";
import { CommentsPanel } from "./comments-panel";
import { UndoSkipBar } from "./undo-skip-bar";
import { useCloseActions } from "./use-close-actions";
import { useDensity } from "./use-density";
import { usePrefetchNext } from "./use-prefetch-next";
import { useReviewKeys } from "./use-review-keys";
import { useReviewState, type WorkspaceProps } from "./use-review-state";

export type { Navigation } from "./use-review-state";

const HINT = keyHint(SHORTCUTS);
/** How often an open document whose scan the second reader has not read yet looks again. */
const READ_POLL_MS = 5_000;
const REVEAL_KEY = keyLabel(keysOf(SHORTCUTS, "reveal-scan")[0] ?? "v");

/** What the closing, comment, undo and skip parts need from the page. */
type CloseProps = { rejectReasons: RejectReason[]; comments: CommentView[]; errorCode: string | null };
/** The second reader's read of the scan: where each field is, and the words to click into an editor. */
type ReadProps = { read: ScanRead };

/**
 * The review workspace's layout. From 1280 px (xl) up, the scan stays in view on the left and the
 * decision bar stays at the top of the fields column; below, the scan and the fields stack and
 * the decision buttons sit in a bar fixed to the bottom of the screen. Nothing is wider than the
 * screen: the fields table wraps its values and scrolls nested tables inside their cells.
 */
export function Workspace(props: WorkspaceProps & CloseProps & ReadProps) {
  const s = useReviewState(props);
  const c = useCloseActions(props, s);
  const viewer = useRef<PaneControls>(null);
  useReviewKeys(s, c, viewer);
  const [density, setDensity] = useDensity(props.viewer.id);
  const { doc, ordered, flagged, lock } = s;
  const evidence = useScanEvidence(s, props.read);
  usePrefetchNext({
    next: props.nav.prefetch ?? null,
    documentId: doc.id,
    staleLock: props.nav.mode === "queue" && props.canReview && !s.closed && !lock.mine && !lock.heldByOther,
  });

  const renderRow = (field: FieldView) => {
    const index = ordered.indexOf(field);
    return (
      <FieldRow
        key={field.id}
        ref={(el) => {
          s.rows.current[index] = el;
        }}
        field={field}
        documentType={doc.documentType}
        current={index === s.current}
        hovered={evidence.hoveredId === field.id}
        editing={s.editing === field.id}
        draft={s.draft}
        conflict={s.conflicts[field.id] ?? null}
        revealed={s.revealed[field.id] ?? null}
        canAct={s.canAct}
        canReveal={props.canReveal}
        density={density}
        handlers={{
          onFocusRow: () => s.setCurrent(index),
          onAccept: () => void s.changeField(field, { kind: "accept" }),
          onEdit: () => s.startEditing(field),
          onUnreadable: () => void s.changeField(field, { kind: "unreadable" }),
          onDraft: s.setDraft,
          onSave: () => void s.changeField(field, { kind: "correct", text: s.draft }),
          onCancel: () => {
            s.setEditing(null);
            s.rows.current[index]?.focus();
          },
          onReveal: () => void s.reveal(field),
        }}
      />
    );
  };

  return (
    <div className="grid gap-4 xl:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]" data-testid="workspace">
      <div className="min-w-0 xl:sticky xl:top-4 xl:h-[calc(100vh-2rem)] xl:self-start">
        <DocumentPane
          documentId={doc.id}
          label={`Scan of ${doc.externalId}`}
          controls={viewer}
          revealKey={REVEAL_KEY}
          fill
          evidence={doc.status === "extracted" ? evidence : undefined}
        />
      </div>
      <div className="min-w-0" onFocusCapture={evidence.noteFocus}>
        <DecisionBar
          doc={doc}
          lock={s.lock}
          left={s.left}
          canReview={props.canReview}
          canAct={s.canAct}
          canClose={s.canClose}
          busy={s.busy}
          onAcceptAll={() => void s.acceptAll()}
          onApprove={() => void s.decide("approve")}
          onReject={() => s.setRejecting(true)}
          onReopen={() => void s.decide("reopen")}
          onHelp={() => s.setHelp(true)}
        />
        <UndoSkipBar
          canUndo={s.canAct && ordered.length > 0}
          canSkip={props.canReview && s.canClose}
          busy={s.busy || c.busy}
          onUndo={() => void c.undo()}
          onSkip={() => void c.skip()}
        />
        {doc.status === "failed" && s.canClose ? (
          <ClosingPanel
            errorCode={props.errorCode}
            disabled={s.busy || c.busy}
            onReupload={c.requestReupload}
            onReclassify={c.reclassify}
          />
        ) : null}
        {ordered.length > 0 || doc.status !== "failed" ? (
          <>
            <div className="mb-2 flex justify-end">
              <DensityToggle value={density} onChange={setDensity} />
            </div>
            <FieldsTable
              flagged={ordered.filter((f) => flagged.has(f.id)).map(renderRow)}
              others={ordered.filter((f) => !flagged.has(f.id)).map(renderRow)}
              left={s.left}
              density={density}
            />
          </>
        ) : null}
        <p className="mt-2 text-xs text-slate-500 max-sm:hidden">{HINT}</p>
        <CommentsPanel
          comments={props.comments}
          documentType={doc.documentType}
          fields={ordered.map((f) => ({ id: f.id, path: f.path }))}
          canComment={props.canReview}
          busy={c.busy}
          onComment={c.comment}
        />
      </div>
      <ShortcutsDialog
        open={s.help}
        onOpenChange={s.setHelp}
        keymap={SHORTCUTS}
        description="A whole review works without a mouse. Esc closes this."
      />
      <RejectDialog
        open={s.rejecting}
        onOpenChange={s.setRejecting}
        busy={s.busy}
        reasons={props.rejectReasons}
        onReject={(code, text) => void s.decide("reject", { code, text })}
      />
    </div>
  );
}

/**
 * The scan's side of the review: which field's box is selected (the current row) or hovered,
 * a click on a box selects its row, and while a field is edited a word clicked on the scan goes
 * into the editor's control that last had the focus (or its first).
 */
function useScanEvidence(s: ReturnType<typeof useReviewState>, read: ScanRead) {
  const [hoveredId, setHoveredId] = useState<string | null>(null);
  const lastControl = useRef<EditorControl | null>(null);
  const { ordered, doc, rows, setCurrent, editing } = s;
  const router = useRouter();
  // The scan is still being read: look again now and then, so the boxes appear without a reload.
  const waiting = read.status === "queued" && doc.status === "extracted";
  useEffect(() => {
    if (!waiting) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, READ_POLL_MS);
    return () => window.clearInterval(timer);
  }, [waiting, router]);
  const fields = useMemo(
    () =>
      ordered.map((f) => ({
        id: f.id,
        label: fieldSpec(doc.documentType, f.path, f.shown).label,
        evidence: f.evidence,
      })),
    [ordered, doc.documentType],
  );
  const selected = fields.find((f) => f.id === editing) ?? fields[s.current] ?? null;
  const editingIndex = editing ? ordered.findIndex((f) => f.id === editing) : -1;
  const evidence: ScanEvidence = {
    read,
    fields,
    selectedId: selected?.id ?? null,
    hoveredId,
    onHover: setHoveredId,
    onSelect: (fieldId) => {
      const index = ordered.findIndex((f) => f.id === fieldId);
      if (index < 0) return;
      setCurrent(index);
      rows.current[index]?.focus();
    },
    onPick:
      editingIndex >= 0
        ? (text, how) => {
            const row = rows.current[editingIndex] ?? null;
            const controls = editorControls(row);
            const last = lastControl.current;
            const target = last && controls.includes(last) ? last : controls[0];
            if (!target) return void toast.error("The editor is not open: press e to edit the field first.");
            const filled = fillControl(target, text, how);
            if (!filled.ok) toast.error(filled.message);
          }
        : undefined,
    sentence: selected ? evidenceSentence(selected.label, selected.evidence, read) : null,
  };
  return {
    ...evidence,
    /** Remembers the editor control the reviewer was in, so a picked word goes there. */
    noteFocus: (e: React.FocusEvent) => {
      const target = e.target;
      if (
        target instanceof HTMLInputElement ||
        target instanceof HTMLTextAreaElement ||
        target instanceof HTMLSelectElement
      )
        lastControl.current = target;
    },
  };
}
