import { Badge, type BadgeTone } from "@/components/ui/badge";
import { BATCH_STATUS_LABEL, type BatchStatus } from "@/lib/batches/status";

const TONE: Record<BatchStatus, BadgeTone> = {
  submitting: "info",
  processing: "accent",
  stalled: "warning",
  complete: "success",
  partly_failed: "danger",
};

export function BatchStatusBadge({ status }: { status: string }) {
  const known = status in TONE ? (status as BatchStatus) : "processing";
  return (
    <Badge data-testid="batch-status" tone={TONE[known]}>
      {BATCH_STATUS_LABEL[known] ?? status}
    </Badge>
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
