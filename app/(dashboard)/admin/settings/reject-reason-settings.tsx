"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { Textarea } from "@/components/ui/field";
import { parseRejectReasonsText, rejectReasonsText, type RejectReason } from "@/lib/review/reject-reasons";
import { setRejectReasonsAction } from "./actions";

/** The reject reason codes reviewers choose from, one `CODE: label` a line; saved and audited. */
export function RejectReasonSettings({ reasons }: { reasons: RejectReason[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [text, setText] = useState(() => rejectReasonsText(reasons));
  const [error, setError] = useState<string | null>(null);
  return (
    <Card asChild className="mt-6">
      <form
        aria-label="Reject reasons"
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = parseRejectReasonsText(text);
          if (!parsed.ok) return setError(parsed.message);
          setError(null);
          start(async () => {
            const result = await setRejectReasonsAction(parsed.reasons);
            if (!result.ok) return setError(result.error.message);
            toast.success(`Saved ${parsed.reasons.length} reject reasons`);
            router.refresh();
          });
        }}
      >
        <CardTitle>Reject reasons</CardTitle>
        <CardDescription className="mt-0">
          The codes a reviewer chooses from when rejecting a document (stored, audited and exported with the
          rejection), one a line as <code>CODE: label</code>. A code named OTHER asks for a written reason.
          Documents already rejected keep their code.
        </CardDescription>
        <Textarea
          id="reject-reasons"
          label="Reasons"
          fieldClassName="mt-3"
          rows={Math.min(14, Math.max(4, text.split("\n").length + 1))}
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={error ?? undefined}
          className="font-mono text-xs dark:bg-slate-950"
        />
        <Button type="submit" className="mt-3" disabled={pending}>
          Save reasons
        </Button>
      </form>
    </Card>
  );
}
