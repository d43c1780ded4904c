"use client";

import { forwardRef } from "react";
import { ConfidenceBadge } from "@/components/documents/confidence-badge";
import { FieldValue, humanise } from "@/components/documents/field-value";
import { ValidatorBadge } from "@/components/review/validator-badge";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input, Textarea } from "@/components/ui/field";
import { Td, Th } from "@/components/ui/table";
import { correctionProblems, parseCorrection } from "@/lib/review/correction";
import type { FieldView } from "@/lib/review/types";

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
/** The row's small buttons: tabIndex -1 so Tab moves between rows, the keys do the rest. */
function RowButton({ className, ...props }: React.ComponentProps<typeof Button>) {
  return (
    <Button variant="secondary" size="xs" className={cn("px-1.5 py-0.5 font-normal", className)} {...props} />
  );
}

type Props = {
  field: FieldView;
  documentType: string | null;
  current: boolean;
  editing: boolean;
  draft: string;
  conflict: string | null;
  revealed: { value: string; correctedValue: string | null } | null;
  canAct: boolean;
  canReveal: boolean;
  handlers: RowHandlers;
};

export const FieldRow = forwardRef<HTMLTableRowElement, Props>(function FieldRow(
  { field, documentType, current, editing, draft, conflict, revealed, canAct, canReveal, handlers },
  ref,
) {
  const parsed = editing ? parseCorrection(field.correctedShown ?? field.shown, draft) : null;
  const problems =
    parsed && parsed.ok && draft.trim()
      ? correctionProblems(documentType, field.path, parsed.value, new Date())
      : [];
  const original = revealed ? revealed.value : field.shown;
  const corrected = revealed?.correctedValue ?? field.correctedShown;
  const label = `Corrected value ${field.masked ? "(type the full value)" : ""}`;
  return (
    <tr
      ref={ref}
      tabIndex={current ? 0 : -1}
      aria-selected={current}
      onFocus={handlers.onFocusRow}
      onClick={handlers.onFocusRow}
      data-testid={`field-${field.path}`}
      data-needs-review={field.needsReview ? "true" : "false"}
      data-review-state={field.reviewState}
      className={`outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-indigo-500 ${
        current ? "ring-2 ring-inset ring-indigo-500" : ""
      } ${field.needsReview ? "bg-amber-50 dark:bg-amber-950/30" : ""}`}
    >
      <Th scope="row" className="px-3 align-top">
        {humanise(field.path)}
        <span className="block font-mono text-xs font-normal text-slate-500">{field.path}</span>
      </Th>
      <Td className="px-3 align-top">
        {field.reviewState === "corrected" ? (
          <div className="space-y-1">
            <div>
              <span className="mr-1 text-xs text-slate-500">Corrected:</span>
              <FieldValue value={corrected} />
            </div>
            <div className="text-xs text-slate-500">
              <span className="mr-1">Original:</span>
              <span className="line-through">
                <FieldValue value={original} />
              </span>
            </div>
          </div>
        ) : (
          <FieldValue value={original} />
        )}
        {field.masked && canReveal && !revealed ? (
          <RowButton className="ml-2" onClick={handlers.onReveal}>
            Reveal
          </RowButton>
        ) : null}
        {editing ? (
          <div className="mt-2">
            {field.structured ? (
              <Textarea
                id={`edit-${field.id}`}
                label={label}
                labelClassName="text-xs"
                aria-describedby={`edit-${field.id}-hint`}
                autoFocus
                rows={6}
                value={draft}
                onChange={(e) => handlers.onDraft(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === "Escape") handlers.onCancel();
                  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) handlers.onSave();
                }}
                density="xs"
                className="rounded font-mono text-xs dark:bg-slate-950"
              />
            ) : (
              <Input
                id={`edit-${field.id}`}
                label={label}
                labelClassName="text-xs"
                aria-describedby={`edit-${field.id}-hint`}
                autoFocus
                value={draft}
                onChange={(e) => handlers.onDraft(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === "Escape") handlers.onCancel();
                  if (e.key === "Enter") {
                    e.preventDefault();
                    handlers.onSave();
                  }
                }}
                density="xs"
                className="w-full rounded dark:bg-slate-950"
              />
            )}
            <p id={`edit-${field.id}-hint`} className="mt-1 text-xs text-slate-500">
              {parsed && !parsed.ok && draft.trim() ? (
                <span className="text-red-700 dark:text-red-300">{parsed.message} </span>
              ) : null}
              {problems.map((p) => (
                <span key={p} className="text-red-700 dark:text-red-300">
                  {p}.{" "}
                </span>
              ))}
              {field.structured ? "Ctrl+Enter saves" : "Enter saves"}, Esc cancels.
            </p>
          </div>
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
      <Td className="px-3 align-top">
        <ConfidenceBadge value={field.confidence} threshold={field.threshold} />
      </Td>
      <Td className="px-3 align-top text-xs">
        {field.issues.map((issue) => (
          <ValidatorBadge key={`${issue.path}-${issue.check}`} issue={issue} />
        ))}
        {field.reasons.includes("low_confidence") ? (
          <Badge tone="warning" shape="tag" className="inline-block">
            Confidence below {field.threshold.toFixed(2)}
          </Badge>
        ) : null}
      </Td>
      <Td className="px-3 align-top text-xs">
        <span className={`font-medium ${STATE_TONE[field.reviewState]}`} data-testid="review-state">
          {STATE_LABEL[field.reviewState]}
        </span>
        {field.reviewedBy ? <span className="block text-slate-500">by {field.reviewedBy}</span> : null}
        {canAct && !editing ? (
          <span className="mt-1 flex flex-wrap gap-1">
            <RowButton tabIndex={-1} onClick={handlers.onAccept} aria-label={`Accept ${field.path}`}>
              Accept
            </RowButton>
            <RowButton tabIndex={-1} onClick={handlers.onEdit} aria-label={`Edit ${field.path}`}>
              Edit
            </RowButton>
            <RowButton
              tabIndex={-1}
              onClick={handlers.onUnreadable}
              aria-label={`Mark ${field.path} unreadable`}
            >
              Unreadable
            </RowButton>
          </span>
        ) : null}
      </Td>
    </tr>
  );
});
