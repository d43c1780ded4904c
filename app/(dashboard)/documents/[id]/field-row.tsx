"use client";

import { forwardRef } from "react";
import { ConfidenceBadge } from "@/components/documents/confidence-badge";
import { FieldValue } from "@/components/documents/field-value";
import { FieldEditor } from "@/components/review/editors/field-editor";
import { ValidatorBadge } from "@/components/review/validator-badge";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Td, Th } from "@/components/ui/table";
import { fieldSpec } from "@/lib/fields/registry";
import { isMaskedWord, pickedText } from "@/lib/second-reader/overlay";
import { ManualBadge } from "@/components/review/manual-badge";
import type { FieldView } from "@/lib/review/types";
import type { Density } from "./fields-layout";

export type RowHandlers = {
  onFocusRow: () => void;
  onAccept: () => void;
  onEdit: () => void;
  onUnreadable: () => void;
  onDraft: (text: string) => void;
  onSave: () => void;
  onCancel: () => void;
  onReveal: () => void;
};

const STATE_LABEL = {
  pending: "Pending",
  accepted: "Accepted",
  corrected: "Corrected",
  unreadable: "Unreadable",
};
const STATE_TONE = {
  pending: "text-slate-500",
  accepted: "text-emerald-700 dark:text-emerald-300",
  corrected: "text-indigo-700 dark:text-indigo-300",
  unreadable: "text-red-700 dark:text-red-300",
};
/**
 * The row's small buttons: tabIndex -1 so Tab moves between rows, the keys do the rest. A press
 * does not move the focus first: focusing the row would scroll it into view under the pointer,
 * and the click would land beside the button.
 */
function RowButton({ className, ...props }: React.ComponentProps<typeof Button>) {
  return (
    <Button
      variant="secondary"
      size="xs"
      className={cn("px-1.5 py-0.5 font-normal", className)}
      onMouseDown={(e) => e.preventDefault()}
      {...props}
    />
  );
}

type Props = {
  field: FieldView;
  /** comfortable: label, key and actions on their own lines; compact: one line a field where it fits. */
  density?: Density;
  busy?: boolean;
  documentType: string | null;
  current: boolean;
  /** The pointer is on this field's box on the scan. */
  hovered?: boolean;
  editing: boolean;
  draft: string;
  conflict: string | null;
  revealed: { value: string; correctedValue: string | null } | null;
  canAct: boolean;
  canReveal: boolean;
  handlers: RowHandlers;
};

const CELL = { comfortable: "px-2 py-2", compact: "px-2 py-1" } as const;

export const FieldRow = forwardRef<HTMLTableRowElement, Props>(function FieldRow(
  {
    field,
    density = "comfortable",
    busy = false,
    documentType,
    current,
    hovered = false,
    editing,
    draft,
    conflict,
    revealed,
    canAct,
    canReveal,
    handlers,
  },
  ref,
) {
  const spec = fieldSpec(documentType, field.path, field.shown);
  // What the second reader read where the value should be: one press puts it in the editor.
  const reading = field.evidence?.status === "disagrees" ? field.evidence.reading : null;
  const pageReading =
    reading && !field.structured && !reading.split(/\s+/).some(isMaskedWord) ? reading : null;
  const label = spec.label;
  const original = revealed ? revealed.value : field.shown;
  const corrected = revealed?.correctedValue ?? field.correctedShown;
  const cell = cn(CELL[density], "align-top");
  const compact = density === "compact";
  // Compact rows keep the actions on the current row only; the keys act on it anyway.
  const showActions = canAct && !editing && (!compact || current);
  return (
    <tr
      ref={ref}
      tabIndex={current ? 0 : -1}
      aria-selected={current}
      onFocus={handlers.onFocusRow}
      onClick={handlers.onFocusRow}
      data-testid={`field-${field.path}`}
      data-field-id={field.id}
      data-needs-review={field.needsReview ? "true" : "false"}
      data-review-state={field.reviewState}
      data-hovered={hovered ? "true" : undefined}
      data-kind={spec.kind}
      className={`outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-indigo-500 ${
        current ? "ring-2 ring-inset ring-indigo-500" : hovered ? "ring-2 ring-inset ring-sky-400" : ""
      } ${
        hovered ? "bg-sky-50 dark:bg-sky-950/40" : field.needsReview ? "bg-amber-50 dark:bg-amber-950/30" : ""
      }`}
    >
      <Th scope="row" className={cn(cell, "[overflow-wrap:anywhere]", compact && "text-xs")}>
        {label}
        {compact ? null : (
          <span className="block font-mono text-xs font-normal text-slate-600 dark:text-slate-400">
            {field.path}
          </span>
        )}
        {field.source === "manual" ? <ManualBadge /> : null}
      </Th>
      <Td className={cn(cell, "min-w-0 [overflow-wrap:anywhere]")} colSpan={editing ? 3 : undefined}>
        {editing ? null : field.reviewState === "corrected" ? (
          <div className="space-y-1">
            <div>
              <span className="mr-1 text-xs text-slate-600 dark:text-slate-400">Corrected:</span>
              <FieldValue value={corrected} spec={spec} />
            </div>
            <div className="text-xs text-slate-600 dark:text-slate-400">
              <span className="mr-1">Original:</span>
              <span className="line-through">
                <FieldValue value={original} spec={spec} />
              </span>
            </div>
          </div>
        ) : (
          <FieldValue value={original} spec={spec} />
        )}
        {field.masked && canReveal && !revealed && !editing ? (
          <RowButton className="ml-2" onClick={handlers.onReveal} aria-label={`Reveal ${label}`}>
            Reveal
          </RowButton>
        ) : null}
        {editing && pageReading !== null ? (
          <RowButton
            className="mb-1"
            onClick={() => handlers.onDraft(pickedText(spec.kind, pageReading))}
            aria-label={`Use the page's reading for ${label}: ${pageReading}`}
          >
            Use the page&apos;s reading: <span className="ml-1 font-mono">{pageReading}</span>
          </RowButton>
        ) : null}
        {editing ? (
          <FieldEditor
            field={field}
            spec={spec}
            documentType={documentType}
            draft={draft}
            onDraft={handlers.onDraft}
            onSave={handlers.onSave}
            onCancel={handlers.onCancel}
            busy={busy}
          />
        ) : null}
        {conflict ? (
          <Alert
            tone="error"
            role={undefined}
            data-testid="conflict"
            className="mt-2 rounded px-2 py-1 text-xs"
          >
            {conflict}
          </Alert>
        ) : null}
      </Td>
      {editing ? null : (
        <>
          <Td className={cell}>
            <ConfidenceBadge value={field.confidence} threshold={field.threshold} />
          </Td>
          <Td className={cn(cell, "text-xs [overflow-wrap:anywhere]")}>
            {field.issues.map((issue) => (
              <ValidatorBadge key={`${issue.path}-${issue.check}`} issue={issue} />
            ))}
            {field.reasons.includes("low_confidence") ? (
              <Badge tone="warning" shape="tag" className="inline-block">
                Confidence below {field.threshold.toFixed(2)}
              </Badge>
            ) : null}
          </Td>
        </>
      )}
      <Td className={cn(cell, "text-xs")}>
        <span className={`font-medium ${STATE_TONE[field.reviewState]}`} data-testid="review-state">
          {STATE_LABEL[field.reviewState]}
        </span>
        {field.reviewedBy && !compact ? (
          <span className="block text-slate-600 dark:text-slate-400">by {field.reviewedBy}</span>
        ) : null}
        {showActions ? (
          <span className="mt-1 flex flex-wrap gap-1">
            <RowButton tabIndex={-1} onClick={handlers.onAccept} aria-label={`Accept ${label}`}>
              Accept
            </RowButton>
            <RowButton tabIndex={-1} onClick={handlers.onEdit} aria-label={`Edit ${label}`}>
              Edit
            </RowButton>
            <RowButton tabIndex={-1} onClick={handlers.onUnreadable} aria-label={`Mark ${label} unreadable`}>
              Unreadable
            </RowButton>
          </span>
        ) : null}
      </Td>
    </tr>
  );
});
