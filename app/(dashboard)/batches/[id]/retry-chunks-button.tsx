"use client";

import { useState } from "react";
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
      <Button disabled={pending} onClick={onConfirm}>
        {label}
      </Button>
    );
  }
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button disabled={pending}>{label}</Button>
      </DialogTrigger>
      <DialogContent className="w-[min(32rem,90vw)]">
        <DialogTitle className="text-lg">Atlas may process these rows twice</DialogTitle>
        <DialogDescription className="mt-2 text-slate-700 dark:text-slate-300">
          {unknownChunks === 1 ? "One chunk was" : `${unknownChunks} chunks were`} sent, but Atlas&apos;s
          answer was lost or could not be read, so it is unknown whether Atlas received those rows. Sending
          them again may make Atlas process (and bill) them twice; the dashboard will still store each
          document once. Check with Atlas first if that matters.
        </DialogDescription>
        <DialogFooter className="mt-5">
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button
            disabled={pending}
            onClick={() => {
              setOpen(false);
              onConfirm();
            }}
          >
            Send them again
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
