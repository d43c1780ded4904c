"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { BatchProgressBar, BatchStatusBadge } from "@/components/batches/batch-status";
import { Alert, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { useFormatter } from "@/components/format-provider";
import { useLiveProgress } from "@/components/use-live-progress";
import type { BatchProgress } from "@/lib/batches/status";
import { retryFailedChunksAction, syncNowAction } from "./actions";
import { RetryChunksButton } from "./retry-chunks-button";
import { formatNumber } from "@/lib/format";
import Link from "next/link";

/** Live progress: polls our own API (never Atlas) every 2 s, and stops when the batch is done. */
export function BatchLive({
  batchId,
  initial,
  canManage,
}: {
  batchId: string;
  initial: BatchProgress;
  canManage: boolean;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, start] = useTransition();
  const { progress, error } = useLiveProgress({
    queryKey: ["batch", batchId],
    url: `/api/batches/${batchId}`,
    subject: "this batch",
    initial,
    // When results arrive, re-render the server-side documents table too.
    changeKey: (p) =>
      `${p.counts.extracted}/${p.counts.failed}/${p.counts.notSubmitted}/${p.status}/${p.secondReader?.done ?? 0}/${p.secondReader?.rechecking ?? 0}`,
    keepPolling: (p) => (p.secondReader?.queued ?? 0) + (p.secondReader?.rechecking ?? 0) > 0,
  });
  const c = progress.counts;
  const format = useFormatter();

  const failedChunks = progress.chunks.filter((ch) => ch.status === "failed" || ch.status === "unknown");
  const unknownChunks = failedChunks.filter((ch) => ch.status === "unknown");
  const run = (what: "retry" | "sync") =>
    start(async () => {
      const result =
        what === "retry" ? await retryFailedChunksAction({ batchId }) : await syncNowAction({ batchId });
      if (!result.ok) toast.error(result.error.message);
      else if ("message" in result.data) toast.success(result.data.message);
      else toast.success(`Retried ${result.data.requeued} chunk(s).`);
      // A finished batch stops polling; after a retry it may be open again, so read it now
      // (which also restarts the polling) instead of keeping the counts from before the click.
      await queryClient.refetchQueries({ queryKey: ["batch", batchId] });
      router.refresh();
    });

  return (
    <Card asChild>
      <section aria-labelledby="progress-heading">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex items-center gap-3">
            <CardTitle id="progress-heading">Progress</CardTitle>
            <BatchStatusBadge status={progress.status} />
          </div>
          {canManage ? (
            <div className="flex gap-2">
              {failedChunks.length > 0 ? (
                <RetryChunksButton
                  chunks={failedChunks.length}
                  unknownChunks={unknownChunks.length}
                  pending={pending}
                  onConfirm={() => run("retry")}
                />
              ) : null}
              {progress.open ? (
                <Button variant="secondary" disabled={pending} onClick={() => run("sync")}>
                  {pending ? "Syncing…" : "Sync now"}
                </Button>
              ) : null}
            </div>
          ) : null}
        </div>
        <div className="mt-4">
          <BatchProgressBar done={c.extracted} failed={c.failed} total={c.documents} />
        </div>
        <dl
          className="mt-4 grid grid-cols-2 gap-3 text-sm sm:grid-cols-3 lg:grid-cols-6"
          data-testid="batch-counts"
        >
          {[
            ["Documents", c.documents],
            ["Extracted", c.extracted],
            ["Failed", c.failed],
            ["Waiting for Atlas", c.submitted],
            ["Not submitted", c.notSubmitted],
            ["Need review", c.needsReview],
          ].map(([label, value]) => (
            <div key={label as string}>
              <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
              <dd className="text-lg font-semibold tabular-nums">
                {label === "Need review" && Number(value) > 0 ? (
                  // The same definition as the table's "Needs review only" filter: the link shows them.
                  <Link
                    href={`/batches/${batchId}?review=true`}
                    className="underline"
                    title="Show them below"
                  >
                    {formatNumber(Number(value), 0)}
                  </Link>
                ) : (
                  formatNumber(Number(value), 0)
                )}
              </dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-xs text-slate-500 dark:text-slate-400">
          {progress.lastSyncedAt
            ? `Last synced ${format.dateTime(progress.lastSyncedAt, { seconds: true })}.`
            : "Not synced yet."}
          {progress.open ? " Updates every few seconds." : " Finished."}
        </p>
        <SecondReaderLine progress={progress.secondReader} />
        {error ? (
          <p className="mt-2 text-sm text-amber-700 dark:text-amber-300">{(error as Error).message}</p>
        ) : null}
        {progress.lastSyncError ? (
          <Alert tone="warning" role="status" className="mt-2">
            Last sync failed: {progress.lastSyncError}
          </Alert>
        ) : null}
        {failedChunks.length > 0 ? (
          <Alert tone="error" role={undefined} className="mt-3 p-3">
            <AlertTitle>
              {c.notSubmitted} row{c.notSubmitted === 1 ? " was" : "s were"} not submitted:
            </AlertTitle>
            <ul className="mt-1 list-disc pl-5">
              {failedChunks.map((ch) => (
                <li key={ch.index} data-testid={`chunk-${ch.status}`}>
                  Chunk {ch.index + 1}
                  {ch.status === "unknown" ? " (unknown whether Atlas received it)" : ""}: {ch.error}
                  {ch.answer ? (
                    <details className="mt-1">
                      <summary className="cursor-pointer text-xs">What Atlas answered</summary>
                      <pre className="mt-1 whitespace-pre-wrap break-all font-mono text-xs">{ch.answer}</pre>
                    </details>
                  ) : null}
                </li>
              ))}
            </ul>
          </Alert>
        ) : null}
        {progress.unreadable.count > 0 ? (
          <Alert tone="warning" className="mt-3 p-3" data-testid="unreadable-entries">
            <AlertTitle>
              {progress.unreadable.count} answer{progress.unreadable.count === 1 ? "" : "s"} from Atlas could
              not be read. The other results were stored; ask Atlas support about these entries if documents
              stay waiting.
            </AlertTitle>
            <ul className="mt-1 list-disc pl-5">
              {progress.unreadable.entries.map((e) => (
                <li key={e.id}>
                  Atlas batch <span className="font-mono text-xs">{e.atlasBatchId}</span>, page {e.page},
                  entry {e.entryIndex + 1}: {e.reason}
                  {e.seenCount > 1 ? ` (seen ${e.seenCount} times)` : ""}
                  {e.content ? (
                    <pre className="mt-1 whitespace-pre-wrap break-all font-mono text-xs">{e.content}</pre>
                  ) : null}
                </li>
              ))}
            </ul>
            {progress.unreadable.count > progress.unreadable.entries.length ? (
              <p className="mt-1 text-xs">Showing the latest {progress.unreadable.entries.length}.</p>
            ) : null}
          </Alert>
        ) : null}
        {progress.status === "stalled" && progress.missing.length > 0 ? (
          <Alert tone="warning" className="mt-3 p-3">
            <AlertTitle>Nothing new has arrived for a while. Still waiting for:</AlertTitle>
            <p className="mt-1 font-mono text-xs">{progress.missing.join(", ")}</p>
          </Alert>
        ) : null}
      </section>
    </Card>
  );
}

/** The second reader's OCR of this batch's scans, which goes on after Atlas has answered. */
function SecondReaderLine({ progress }: { progress: BatchProgress["secondReader"] }) {
  if (!progress || progress.done + progress.failed + progress.queued === 0) return null;
  const total = progress.done + progress.failed + progress.queued;
  return (
    <p className="mt-1 text-xs text-slate-600 dark:text-slate-300" data-testid="second-reader-progress">
      Second reader: {progress.done} of {total} scans read
      {progress.failed ? `, ${progress.failed} could not be read` : ""}
      {progress.queued
        ? `, ${progress.queued} to go`
        : progress.rechecking
          ? ` — checking ${progress.rechecking} again with the new thresholds`
          : " — done"}
      {progress.flaggedDocuments
        ? `; ${progress.flaggedDocuments} with a value the page reads differently`
        : ""}
      .
    </p>
  );
}
