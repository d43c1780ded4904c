"use client";

import { forwardRef } from "react";
import { ConfidenceBadge } from "@/components/documents/confidence-badge";
import { FieldValue, humanise } from "@/components/documents/field-value";
import { ValidatorBadge } from "@/components/review/validator-badge";
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
const small =
  "rounded border border-slate-300 px-1.5 py-0.5 text-xs hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800";

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
      <th scope="row" className="px-3 py-2 text-left align-top font-medium">
        {humanise(field.path)}
        <span className="block font-mono text-xs font-normal text-slate-500">{field.path}</span>
      </th>
      <td className="px-3 py-2 align-top">
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
          <button type="button" className={`${small} ml-2`} onClick={handlers.onReveal}>
            Reveal
          </button>
        ) : null}
        {editing ? (
          <div className="mt-2">
            <label className="block text-xs font-medium" htmlFor={`edit-${field.id}`}>
              Corrected value {field.masked ? "(type the full value)" : ""}
            </label>
            {field.structured ? (
              <textarea
                id={`edit-${field.id}`}
                autoFocus
                rows={6}
                value={draft}
                onChange={(e) => handlers.onDraft(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === "Escape") handlers.onCancel();
                  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) handlers.onSave();
                }}
                className="mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs dark:border-slate-700 dark:bg-slate-950"
              />
            ) : (
              <input
                id={`edit-${field.id}`}
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
                className="mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950"
                aria-describedby={`edit-${field.id}-hint`}
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
          <p
            data-testid="conflict"
            className="mt-2 rounded border border-red-300 bg-red-50 px-2 py-1 text-xs text-red-900 dark:border-red-800 dark:bg-red-950/50 dark:text-red-200"
          >
            {conflict}
          </p>
        ) : null}
      </td>
      <td className="px-3 py-2 align-top">
        <ConfidenceBadge value={field.confidence} threshold={field.threshold} />
      </td>
      <td className="px-3 py-2 align-top text-xs">
        {field.issues.map((issue) => (
          <ValidatorBadge key={`${issue.path}-${issue.check}`} issue={issue} />
        ))}
        {field.reasons.includes("low_confidence") ? (
          <span className="inline-block rounded bg-amber-100 px-1.5 py-0.5 text-amber-900 dark:bg-amber-900/60 dark:text-amber-200">
            Confidence below {field.threshold.toFixed(2)}
          </span>
        ) : null}
      </td>
      <td className="px-3 py-2 align-top text-xs">
        <span className={`font-medium ${STATE_TONE[field.reviewState]}`} data-testid="review-state">
          {STATE_LABEL[field.reviewState]}
        </span>
        {field.reviewedBy ? <span className="block text-slate-500">by {field.reviewedBy}</span> : null}
        {canAct && !editing ? (
          <span className="mt-1 flex flex-wrap gap-1">
            <button
              type="button"
              tabIndex={-1}
              className={small}
              onClick={handlers.onAccept}
              aria-label={`Accept ${field.path}`}
            >
              Accept
            </button>
            <button
              type="button"
              tabIndex={-1}
              className={small}
              onClick={handlers.onEdit}
              aria-label={`Correct ${field.path}`}
            >
              Edit
            </button>
            <button
              type="button"
              tabIndex={-1}
              className={small}
              onClick={handlers.onUnreadable}
              aria-label={`Mark ${field.path} unreadable`}
            >
              Unreadable
            </button>
          </span>
        ) : null}
      </td>
    </tr>
  );
});
