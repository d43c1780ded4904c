import { BATCH_STATUS_LABEL, type BatchStatus } from "@/lib/batches/status";

const TONE: Record<BatchStatus, string> = {
  submitting: "bg-sky-100 text-sky-800 dark:bg-sky-900/60 dark:text-sky-200",
  processing: "bg-indigo-100 text-indigo-800 dark:bg-indigo-900/60 dark:text-indigo-200",
  stalled: "bg-amber-100 text-amber-900 dark:bg-amber-900/60 dark:text-amber-200",
  complete: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/60 dark:text-emerald-200",
  partly_failed: "bg-red-100 text-red-800 dark:bg-red-900/60 dark:text-red-200",
};

export function BatchStatusBadge({ status }: { status: string }) {
  const known = status in TONE ? (status as BatchStatus) : "processing";
  return (
    <span
      data-testid="batch-status"
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${TONE[known]}`}
    >
      {BATCH_STATUS_LABEL[known] ?? status}
    </span>
  );
}

export function BatchProgressBar({ done, failed, total }: { done: number; failed: number; total: number }) {
  const pct = (n: number) => (total ? Math.round((n / total) * 1000) / 10 : 0);
  return (
    <div
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={done + failed}
      aria-label={`${done + failed} of ${total} documents have a result`}
      className="flex h-2 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
    >
      <div className="bg-emerald-500" style={{ width: `${pct(done)}%` }} />
      <div className="bg-red-500" style={{ width: `${pct(failed)}%` }} />
    </div>
  );
}
