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
import { Input, Select } from "@/components/ui/field";
import type { RejectReason } from "@/lib/review/reject-reasons";

/**
 * Rejecting needs a reason code from the configured list, plus free text (required for OTHER).
 * Enter rejects, Esc goes back. Nothing is shown as an error before the reviewer has tried.
 */
export function RejectDialog({
  open,
  onOpenChange,
  onReject,
  busy,
  reasons,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onReject: (code: string, reason: string) => void;
  busy: boolean;
  reasons: RejectReason[];
}) {
  const [code, setCode] = useState("");
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const needsText = code === "OTHER";
  const problem = !code
    ? "Choose a reason."
    : needsText && reason.trim().length < 3
      ? "With Other, say why in a few words."
      : null;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) {
          setCode("");
          setReason("");
          setTried(false);
        }
        onOpenChange(next);
      }}
    >
      <DialogContent>
        <DialogTitle>Reject this document</DialogTitle>
        <DialogDescription>
          Choose why, and add a note so the applicant or the branch can fix it. Enter rejects, Esc cancels.
        </DialogDescription>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setTried(true);
            if (!problem) onReject(code, reason.trim());
          }}
        >
          <Select
            id="reject-code"
            label="Reason"
            fieldClassName="mt-4"
            autoFocus
            value={code}
            onChange={(e) => setCode(e.target.value)}
            // A select does not submit its form on Enter by itself; here Enter rejects, as in the note box.
            onKeyDown={(e) => {
              if (e.key !== "Enter") return;
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }}
            error={tried && !code ? problem : undefined}
            className="dark:bg-slate-950"
          >
            <option value="">Choose a reason…</option>
            {reasons.map((r) => (
              <option key={r.code} value={r.code}>
                {r.label} ({r.code})
              </option>
            ))}
          </Select>
          <Input
            id="reject-reason"
            label={needsText ? "Why (required)" : "Note (optional)"}
            fieldClassName="mt-3"
            value={reason}
            maxLength={500}
            onChange={(e) => setReason(e.target.value)}
            placeholder="e.g. Photo page is cut off"
            error={tried && code ? (problem ?? undefined) : undefined}
            className="dark:bg-slate-950"
          />
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" variant="danger" disabled={busy}>
              Reject
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
