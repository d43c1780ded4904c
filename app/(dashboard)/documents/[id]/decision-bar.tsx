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
  // No keys on a phone: the hint would only crowd the bottom bar.
  return key ? <kbd className={cn("ml-1 text-xs max-sm:hidden", className)}>{keyLabel(key)}</kbd> : null;
}

const CLOSED_TEXT: Record<ClosedReviewStatus, string> = {
  approved: "Approved",
  rejected: "Rejected",
  reupload_requested: "Re-upload requested",
};

/** Where the buttons sit: atop the fields column from xl up (in view while it scrolls), at the foot of a smaller screen. */
const PLACE = {
  bar: "mb-3 space-y-2 xl:sticky xl:top-0 xl:z-20 xl:-mt-2 xl:bg-slate-50 xl:pt-2 xl:pb-1 dark:xl:bg-slate-950",
  buttons:
    "flex flex-wrap items-center gap-2 max-xl:fixed max-xl:inset-x-0 max-xl:bottom-0 max-xl:z-30 max-xl:border-t max-xl:border-slate-200 max-xl:bg-white max-xl:px-4 max-xl:py-2 max-xl:shadow-lg dark:max-xl:border-slate-800 dark:max-xl:bg-slate-900",
  // What the page scrolls into view (the current row, a focused button) stays clear of the bar.
  scrollRoom: "max-xl:[html:has(&)]:scroll-pb-36 xl:[html:has(&)]:scroll-pt-24",
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
    <div className={PLACE.bar} data-testid="decision-bar">
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
      <div className={cn(PLACE.buttons, PLACE.scrollRoom)} data-testid="decision-buttons">
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
