"use client";

import type { LockView } from "@/lib/review/types";

export type DocumentState = {
  id: string;
  documentId: string;
  documentType: string | null;
  status: string;
  reviewStatus: "pending" | "in_review" | "approved" | "rejected";
  rejectReason: string | null;
  reviewedByName: string | null;
  reviewedAt: string | null;
  version: number;
};

const button =
  "rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800";

const time = (iso: string | null) =>
  iso ? new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : "";

/** Who holds the document, its decision, and the document-level buttons (each with its key). */
export function DecisionBar({
  doc,
  lock,
  left,
  canReview,
  canAct,
  busy,
  onAcceptAll,
  onApprove,
  onReject,
  onReopen,
  onHelp,
}: {
  doc: DocumentState;
  lock: LockView;
  left: number;
  canReview: boolean;
  canAct: boolean;
  busy: boolean;
  onAcceptAll: () => void;
  onApprove: () => void;
  onReject: () => void;
  onReopen: () => void;
  onHelp: () => void;
}) {
  const closed = doc.reviewStatus === "approved" || doc.reviewStatus === "rejected";
  return (
    <div className="mb-3 space-y-2">
      {lock.heldByOther ? (
        <p
          data-testid="lock-banner"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200"
        >
          {lock.ownerName ?? "Another reviewer"} is reviewing this document (locked until{" "}
          {time(lock.expiresAt)}, renewed while they are active). You can read it; changes are disabled.
        </p>
      ) : null}
      {closed ? (
        <p
          data-testid="decision"
          className={`rounded-md border px-3 py-2 text-sm ${
            doc.reviewStatus === "approved"
              ? "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-200"
              : "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-200"
          }`}
        >
          {doc.reviewStatus === "approved" ? "Approved" : "Rejected"}
          {doc.reviewedByName ? ` by ${doc.reviewedByName}` : ""}
          {doc.reviewedAt ? ` at ${time(doc.reviewedAt)}` : ""}
          {doc.rejectReason ? ` — ${doc.rejectReason}` : ""}.
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <span className="mr-auto text-sm" data-testid="left-to-review" aria-live="polite">
          {closed
            ? ""
            : left === 0
              ? "Nothing left to review: ready to approve."
              : `${left} field${left === 1 ? "" : "s"} left to review`}
          {lock.mine ? <span className="ml-2 text-xs text-slate-500">Locked to you</span> : null}
        </span>
        {canReview && !closed ? (
          <>
            <button type="button" className={button} disabled={!canAct || busy} onClick={onAcceptAll}>
              Accept all above threshold <kbd className="ml-1 text-xs text-slate-500">Shift+A</kbd>
            </button>
            <button
              type="button"
              className={`${button} border-red-300 text-red-700 dark:border-red-800 dark:text-red-300`}
              disabled={!canAct || busy}
              onClick={onReject}
            >
              Reject <kbd className="ml-1 text-xs text-slate-500">r</kbd>
            </button>
            <button
              type="button"
              className="rounded-md bg-emerald-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-500 disabled:opacity-50"
              disabled={!canAct || busy}
              onClick={onApprove}
            >
              Approve <kbd className="ml-1 text-xs text-emerald-100">p</kbd>
            </button>
          </>
        ) : null}
        {canReview && closed ? (
          <button type="button" className={button} disabled={busy} onClick={onReopen}>
            Reopen
          </button>
        ) : null}
        <button type="button" className={button} onClick={onHelp} aria-label="Keyboard shortcuts">
          ?
        </button>
      </div>
    </div>
  );
}
