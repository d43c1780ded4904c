"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useState } from "react";

const primary =
  "rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60";

/**
 * "Retry N chunks". When some of them may already be with Atlas (their answer was lost), a
 * confirmation first says that Atlas may process those rows twice.
 */
export function RetryChunksButton({
  chunks,
  unknownChunks,
  pending,
  onConfirm,
}: {
  chunks: number;
  /** How many of the chunks are "unknown whether Atlas received it". */
  unknownChunks: number;
  pending: boolean;
  onConfirm: () => void;
}) {
  const [open, setOpen] = useState(false);
  const label = `Retry ${chunks} failed chunk${chunks === 1 ? "" : "s"}`;
  if (unknownChunks === 0) {
    return (
      <button type="button" disabled={pending} onClick={onConfirm} className={primary}>
        {label}
      </button>
    );
  }
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger disabled={pending} className={primary}>
        {label}
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-black/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 w-[min(32rem,90vw)] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-5 shadow-xl dark:bg-slate-900">
          <Dialog.Title className="text-lg font-semibold">Atlas may process these rows twice</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-slate-700 dark:text-slate-300">
            {unknownChunks === 1 ? "One chunk was" : `${unknownChunks} chunks were`} sent, but Atlas&apos;s
            answer was lost or could not be read, so it is unknown whether Atlas received those rows. Sending
            them again may make Atlas process (and bill) them twice; the dashboard will still store each
            document once. Check with Atlas first if that matters.
          </Dialog.Description>
          <div className="mt-5 flex justify-end gap-2">
            <Dialog.Close className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
              Cancel
            </Dialog.Close>
            <button
              type="button"
              disabled={pending}
              onClick={() => {
                setOpen(false);
                onConfirm();
              }}
              className={primary}
            >
              Send them again
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
