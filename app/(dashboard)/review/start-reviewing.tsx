"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { queueDocumentHref } from "../documents/[id]/search-params";
import { nextDocumentAction } from "./actions";
import type { QueueContext } from "./search-params";

/** Claims the next document of the (filtered) queue and opens it. */
export function StartReviewing({ context, disabled }: { context: QueueContext; disabled: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Button
      size="lg"
      className="font-semibold shadow-sm"
      disabled={disabled || pending}
      // The page's one thing to do: a reviewer landing here after signing in starts with Enter.
      autoFocus={!disabled}
      onClick={() =>
        start(async () => {
          const result = await nextDocumentAction({
            batch: context.batch,
            type: context.type,
            reason: context.reason,
          });
          if (!result.ok) toast.error(result.error.message);
          else if (!result.data.documentId)
            toast.info(
              "Nothing left to hand out: every document here is reviewed or being reviewed by someone.",
            );
          else router.push(queueDocumentHref(result.data.documentId, context));
        })
      }
    >
      {pending ? "Finding a document…" : "Start reviewing"}
    </Button>
  );
}
