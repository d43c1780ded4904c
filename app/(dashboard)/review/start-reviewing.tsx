"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { nextDocumentAction } from "./actions";
import { queueQuery, type QueueContext } from "./search-params";

/** Claims the next document of the (filtered) queue and opens it. */
export function StartReviewing({ context, disabled }: { context: QueueContext; disabled: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <button
      type="button"
      disabled={disabled || pending}
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
          else router.push(`/documents/${result.data.documentId}?${queueQuery(context)}`);
        })
      }
      className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60"
    >
      {pending ? "Finding a document…" : "Start reviewing"}
    </button>
  );
}
