"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { ApplicationStages, MasterStatusBadge } from "@/components/applications/application-stages";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { useFormatter } from "@/components/format-provider";
import { useLiveProgress } from "@/components/use-live-progress";
import type { ApplicationProgress } from "@/lib/applications/status";
import { checkNowAction, retryFailedUploadsAction, startApplicationAction } from "./actions";

type ActionOutcome = { ok: true; data: unknown } | { ok: false; error: { message: string } };

/** The four Atlas statuses, polled from our own API (never Atlas) every 2 s until the flow is done. */
export function ApplicationLive({
  applicationId,
  initial,
  canManage,
  belowPassMark,
}: {
  applicationId: string;
  initial: ApplicationProgress;
  canManage: boolean;
  /** Cross-checks below the pass mark (the page re-renders when results change). */
  belowPassMark: number;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const format = useFormatter();
  const [pending, start] = useTransition();
  const { progress, error } = useLiveProgress({
    queryKey: ["application", applicationId],
    url: `/api/applications/${applicationId}`,
    subject: "this application",
    initial,
    // New statuses or results: re-render the server-side documents and cross-checks too.
    changeKey: (p) =>
      `${p.statuses.uploadStatus}/${p.statuses.processingStatus}/${p.statuses.crossheckStatus}/${p.statuses.masterStatus}/${p.callbackReceivedAt}/${p.uploads.map((u) => u.status).join(",")}`,
  });
  const s = progress.statuses;
  const time = (iso: string) => format.dateTime(iso, { seconds: true });

  const failedUploads = progress.uploads.filter((u) => u.status === "failed");
  const run = (action: () => Promise<ActionOutcome>) =>
    start(async () => {
      const result = await action();
      if (!result.ok) toast.error(result.error.message);
      else {
        const message = (result.data as { message?: string }).message;
        if (message) toast.success(message);
      }
      await queryClient.invalidateQueries({ queryKey: ["application", applicationId] });
      router.refresh();
    });

  return (
    <Card asChild>
      <section aria-labelledby="status-heading">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex items-center gap-3">
            <CardTitle id="status-heading">Status</CardTitle>
            {progress.started ? (
              <MasterStatusBadge status={s.masterStatus} belowPassMark={belowPassMark} />
            ) : null}
          </div>
          {canManage ? (
            <div className="flex gap-2">
              {!progress.started ? (
                <Button
                  variant="secondary"
                  disabled={pending}
                  onClick={() => run(() => startApplicationAction({ applicationId }))}
                >
                  Start on Atlas
                </Button>
              ) : null}
              {failedUploads.length > 0 ? (
                <Button
                  disabled={pending}
                  onClick={() => run(() => retryFailedUploadsAction({ applicationId }))}
                >
                  Retry {failedUploads.length} failed upload{failedUploads.length === 1 ? "" : "s"}
                </Button>
              ) : null}
              {progress.started && progress.uploads.length > 0 ? (
                <Button
                  variant="secondary"
                  disabled={pending}
                  onClick={() => run(() => checkNowAction({ applicationId }))}
                >
                  {pending ? "Checking…" : "Check Atlas now"}
                </Button>
              ) : null}
            </div>
          ) : null}
        </div>
        <div className="mt-4">
          {progress.started ? (
            <ApplicationStages statuses={s} waiting={progress.open} belowPassMark={belowPassMark} />
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
          <Alert tone="error" data-testid="application-error" className="mt-3">
            {progress.lastError}
          </Alert>
        ) : null}
      </section>
    </Card>
  );
}
