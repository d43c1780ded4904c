"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import type { SuggestionOptions } from "@/lib/qa/metrics";
import { applySuggestedThresholdAction } from "./actions";
import { documentTypeLabel, fieldLabel } from "@/lib/fields/registry";

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
  const where = `${props.documentType ? documentTypeLabel(props.documentType) : "any type"} · ${fieldLabel(props.documentType, props.fieldPath)}`;

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
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button
          variant="secondary"
          size="xs"
          aria-label={`Apply ${props.threshold.toFixed(2)} to ${where}`}
          className="border-indigo-600 py-0.5 text-indigo-700 hover:bg-indigo-50 dark:border-indigo-600 dark:text-indigo-300 dark:hover:bg-indigo-950"
        >
          Apply
        </Button>
      </DialogTrigger>
      <DialogContent className="w-[min(30rem,90vw)]">
        <DialogTitle className="text-lg">Apply the suggested threshold?</DialogTitle>
        <DialogDescription className="mt-2 text-slate-700 dark:text-slate-300">
          The review threshold for <strong>{where}</strong> changes from{" "}
          <strong>{props.currentThreshold.toFixed(2)}</strong> to{" "}
          <strong>{props.threshold.toFixed(2)}</strong>. Fields read at or above it no longer need review
          unless a validator fails; every document&apos;s needs-review count is recomputed now. The change is
          recorded in the audit trail.
        </DialogDescription>
        {error ? (
          <Alert tone="error" className="mt-3">
            {error}
          </Alert>
        ) : null}
        <DialogFooter className="mt-5">
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button onClick={apply} disabled={pending}>
            {pending ? "Applying…" : "Apply threshold"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
