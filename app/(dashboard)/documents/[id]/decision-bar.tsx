"use client";

import { useFormatter } from "@/components/format-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { keyLabel, keysOf } from "@/lib/keys/keymap";
import { SHORTCUTS, type ReviewCommand } from "@/lib/review/keys";
import { isClosedReview, type ClosedReviewStatus, type LockView } from "@/lib/review/types";

export type DocumentState = {
  id: string;
  externalId: string;
  documentType: string | null;
  status: string;
  reviewStatus: "pending" | "in_review" | ClosedReviewStatus;
  rejectReason: string | null;
  /** The reject reason's label and code, e.g. "Illegible: the scan cannot be read (ILLEGIBLE)". */
  rejectLabel?: string | null;
  reviewedByName: string | null;
  reviewedAt: string | null;
  version: number;
};

/** The key of a command, from the workspace's key map, shown on its button. */
function KeyOf({ command, className = "text-slate-500" }: { command: ReviewCommand; className?: string }) {
  const key = keysOf(SHORTCUTS, command)[0];
  return key ? <kbd className={cn("ml-1 text-xs", className)}>{keyLabel(key)}</kbd> : null;
}

const CLOSED_TEXT: Record<ClosedReviewStatus, string> = {
  approved: "Approved",
  rejected: "Rejected",
  reupload_requested: "Re-upload requested",
};

/** Who holds the document, its decision, and the document-level buttons (each with its key). */
export function DecisionBar({
  doc,
  lock,
  left,
  canReview,
  canAct,
  canClose = canAct,
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
  /** May reject (also a document Atlas failed, which cannot be approved). */
  canClose?: boolean;
  busy: boolean;
  onAcceptAll: () => void;
  onApprove: () => void;
  onReject: () => void;
  onReopen: () => void;
  onHelp: () => void;
}) {
  const closed = isClosedReview(doc.reviewStatus);
  const failed = doc.status === "failed";
  const time = useFormatter().time;
  return (
    <div className="mb-3 space-y-2">
      {lock.heldByOther ? (
        <Alert tone="warning" data-testid="lock-banner">
          {lock.ownerName ?? "Another reviewer"} is reviewing this document (locked until{" "}
          {time(lock.expiresAt)}, renewed while they are active). You can read it; changes are disabled.
        </Alert>
      ) : null}
      {closed ? (
        <Alert
          tone={doc.reviewStatus === "approved" ? "success" : "error"}
          role={undefined}
          data-testid="decision"
        >
          {CLOSED_TEXT[doc.reviewStatus as ClosedReviewStatus]}
          {doc.reviewedByName ? ` by ${doc.reviewedByName}` : ""}
          {doc.reviewedAt ? ` at ${time(doc.reviewedAt)}` : ""}
          {doc.rejectLabel ? ` — ${doc.rejectLabel}` : ""}
          {doc.rejectReason ? ` — ${doc.rejectReason}` : ""}.
        </Alert>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <span className="mr-auto text-sm" data-testid="left-to-review" aria-live="polite">
          {closed
            ? ""
            : failed
              ? "Atlas could not extract this document: reject it, request a re-upload or reclassify it."
              : left === 0
                ? "Nothing left to review: ready to approve."
                : `${left} field${left === 1 ? "" : "s"} left to review`}
          {lock.mine ? <span className="ml-2 text-xs text-slate-500">Locked to you</span> : null}
        </span>
        {canReview && !closed ? (
          <>
            {failed ? null : (
              <Button variant="secondary" disabled={!canAct || busy} onClick={onAcceptAll}>
                Accept all above threshold <KeyOf command="accept-all" />
              </Button>
            )}
            <Button
              variant="secondary"
              className="border-red-300 text-red-700 dark:border-red-800 dark:text-red-300"
              disabled={!canClose || busy}
              onClick={onReject}
            >
              Reject <KeyOf command="reject" />
            </Button>
            {failed ? null : (
              <Button variant="success" disabled={!canAct || busy} onClick={onApprove}>
                Approve <KeyOf command="approve" className="text-emerald-100" />
              </Button>
            )}
          </>
        ) : null}
        {canReview && closed ? (
          <Button variant="secondary" disabled={busy} onClick={onReopen}>
            Reopen
          </Button>
        ) : null}
        <Button variant="secondary" onClick={onHelp} aria-label="Keyboard shortcuts">
          ?
        </Button>
      </div>
    </div>
  );
}
