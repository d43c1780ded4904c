"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { FlowStages, MasterStatusBadge } from "@/components/flows/flow-stages";
import { useLiveProgress } from "@/components/use-live-progress";
import type { ApplicationProgress } from "@/lib/flows/status";
import { checkNowAction, retryFailedUploadsAction, startApplicationAction } from "./actions";

type ActionOutcome = { ok: true; data: unknown } | { ok: false; error: { message: string } };

const time = (iso: string) => new Date(iso).toLocaleTimeString();

/** The four Atlas statuses, polled from our own API (never Atlas) every 2 s until the flow is done. */
export function ApplicationLive({
  flowId,
  initial,
  canManage,
}: {
  flowId: string;
  initial: ApplicationProgress;
  canManage: boolean;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, start] = useTransition();
  const { progress, error } = useLiveProgress({
    queryKey: ["application", flowId],
    url: `/api/flows/${flowId}`,
    subject: "this application",
    initial,
    // New statuses or results: re-render the server-side documents and cross-checks too.
    changeKey: (p) =>
      `${p.statuses.uploadStatus}/${p.statuses.processingStatus}/${p.statuses.crossheckStatus}/${p.statuses.masterStatus}/${p.callbackReceivedAt}/${p.uploads.map((u) => u.status).join(",")}`,
  });
  const s = progress.statuses;

  const failedUploads = progress.uploads.filter((u) => u.status === "failed");
  const run = (action: () => Promise<ActionOutcome>) =>
    start(async () => {
      const result = await action();
      if (!result.ok) toast.error(result.error.message);
      else {
        const message = (result.data as { message?: string }).message;
        if (message) toast.success(message);
      }
      await queryClient.invalidateQueries({ queryKey: ["application", flowId] });
      router.refresh();
    });
  const button =
    "rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800";

  return (
    <section
      aria-labelledby="status-heading"
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-3">
          <h2 id="status-heading" className="text-base font-semibold">
            Status
          </h2>
          {progress.started ? <MasterStatusBadge status={s.masterStatus} /> : null}
        </div>
        {canManage ? (
          <div className="flex gap-2">
            {!progress.started ? (
              <button
                type="button"
                disabled={pending}
                className={button}
                onClick={() => run(() => startApplicationAction({ flowId }))}
              >
                Start on Atlas
              </button>
            ) : null}
            {failedUploads.length > 0 ? (
              <button
                type="button"
                disabled={pending}
                className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
                onClick={() => run(() => retryFailedUploadsAction({ flowId }))}
              >
                Retry {failedUploads.length} failed upload{failedUploads.length === 1 ? "" : "s"}
              </button>
            ) : null}
            {progress.started && progress.uploads.length > 0 ? (
              <button
                type="button"
                disabled={pending}
                className={button}
                onClick={() => run(() => checkNowAction({ flowId }))}
              >
                {pending ? "Checking…" : "Check Atlas now"}
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      <div className="mt-4">
        {progress.started ? (
          <FlowStages statuses={s} waiting={progress.open} />
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Atlas has not started this application yet.
          </p>
        )}
      </div>
      <p className="mt-3 text-xs text-slate-500 dark:text-slate-400" data-testid="results-source">
        {progress.resultsByCallback && progress.callbackReceivedAt
          ? `Results received by callback at ${time(progress.callbackReceivedAt)}.`
          : progress.terminal
            ? "Results fetched by polling (no callback has arrived)."
            : progress.open
              ? "Waiting for Atlas. Updates every few seconds."
              : progress.uploads.length === 0 && progress.started
                ? "Add documents to start processing."
                : ""}
        {progress.lastStatusAt ? ` Last status from Atlas at ${time(progress.lastStatusAt)}.` : ""}
      </p>
      {error ? (
        <p className="mt-2 text-sm text-amber-700 dark:text-amber-300">{(error as Error).message}</p>
      ) : null}
      {progress.lastError ? (
        <p
          role="alert"
          data-testid="application-error"
          className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-200"
        >
          {progress.lastError}
        </p>
      ) : null}
    </section>
  );
}
