"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useState } from "react";

/** Rejecting needs a reason, typed here; Enter rejects, Esc goes back. */
export function RejectDialog({
  open,
  onOpenChange,
  onReject,
  busy,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onReject: (reason: string) => void;
  busy: boolean;
}) {
  const [reason, setReason] = useState("");
  const ready = reason.trim().length >= 3;
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        if (!next) setReason("");
        onOpenChange(next);
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-950/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 w-[min(28rem,92vw)] -translate-x-1/2 -translate-y-1/2 rounded-lg border border-slate-200 bg-white p-5 shadow-xl dark:border-slate-700 dark:bg-slate-900">
          <Dialog.Title className="text-base font-semibold">Reject this document</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            Say why, so the applicant or the branch can fix it. Enter rejects, Esc cancels.
          </Dialog.Description>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (ready) onReject(reason.trim());
            }}
          >
            <label className="mt-4 block text-sm font-medium" htmlFor="reject-reason">
              Reason
            </label>
            <input
              id="reject-reason"
              autoFocus
              value={reason}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
              placeholder="e.g. Photo page is cut off"
              className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950"
            />
            <div className="mt-4 flex justify-end gap-2">
              <Dialog.Close className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
                Cancel
              </Dialog.Close>
              <button
                type="submit"
                disabled={!ready || busy}
                className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-500 disabled:opacity-60"
              >
                Reject
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
