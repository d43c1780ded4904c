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
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/field";

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
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) setReason("");
        onOpenChange(next);
      }}
    >
      <DialogContent>
        <DialogTitle>Reject this document</DialogTitle>
        <DialogDescription>
          Say why, so the applicant or the branch can fix it. Enter rejects, Esc cancels.
        </DialogDescription>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (ready) onReject(reason.trim());
          }}
        >
          <Input
            id="reject-reason"
            label="Reason"
            fieldClassName="mt-4"
            autoFocus
            value={reason}
            maxLength={500}
            onChange={(e) => setReason(e.target.value)}
            placeholder="e.g. Photo page is cut off"
            className="dark:bg-slate-950"
          />
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" variant="danger" disabled={!ready || busy}>
              Reject
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
