"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import type { SuggestionOptions } from "@/lib/qa/metrics";
import { applySuggestedThresholdAction } from "./actions";

type Props = {
  documentType: string | null;
  fieldPath: string;
  threshold: number;
  currentThreshold: number;
  options: SuggestionOptions;
  sampleId: string | null;
};

/** One button per suggestion → a confirmation → the threshold is set (audited). Admins only. */
export function ApplyThresholdDialog(props: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const where = `${props.documentType ?? "any type"} · ${props.fieldPath}`;

  function apply() {
    setError(null);
    start(async () => {
      const result = await applySuggestedThresholdAction({
        documentType: props.documentType,
        fieldPath: props.fieldPath,
        threshold: props.threshold,
        options: props.options,
        sampleId: props.sampleId,
      });
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      toast.success(`Review threshold for ${where} is now ${result.data.threshold.toFixed(2)}.`);
      setOpen(false);
      router.refresh();
    });
  }

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger
        aria-label={`Apply ${props.threshold.toFixed(2)} to ${where}`}
        className="rounded-md border border-indigo-600 px-2 py-0.5 text-xs font-medium text-indigo-700 hover:bg-indigo-50 dark:text-indigo-300 dark:hover:bg-indigo-950"
      >
        Apply
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-black/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 w-[min(30rem,90vw)] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-5 shadow-xl dark:bg-slate-900">
          <Dialog.Title className="text-lg font-semibold">Apply the suggested threshold?</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-slate-700 dark:text-slate-300">
            The review threshold for <strong>{where}</strong> changes from{" "}
            <strong>{props.currentThreshold.toFixed(2)}</strong> to{" "}
            <strong>{props.threshold.toFixed(2)}</strong>. Fields read at or above it no longer need review
            unless a validator fails; every document&apos;s needs-review count is recomputed now. The change
            is recorded in the audit trail.
          </Dialog.Description>
          {error ? (
            <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-300">
              {error}
            </p>
          ) : null}
          <div className="mt-5 flex justify-end gap-2">
            <Dialog.Close className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
              Cancel
            </Dialog.Close>
            <button
              type="button"
              onClick={apply}
              disabled={pending}
              className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
            >
              {pending ? "Applying…" : "Apply threshold"}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
