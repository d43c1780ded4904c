import Link from "next/link";
import { useFormatter } from "@/components/format-provider";
import { Alert } from "@/components/ui/alert";
import { formatNumber } from "@/lib/format";
import type { RecordedWarning } from "./use-recorded-elsewhere";
import type { Recorded } from "./post-batch";

/** What the submit recorded, when the form stays on this page (already recorded, rows skipped). */
export function RecordedResult({ recorded }: { recorded: Recorded }) {
  const name = recorded.label ? `“${recorded.label}”` : "";
  const format = useFormatter();
  return (
    <Alert tone="success" role="status" data-testid="submit-result" className="space-y-2 p-3">
      {recorded.created ? (
        <p>
          Batch {name} recorded: {formatNumber(recorded.rows, 0)}{" "}
          {recorded.rows === 1 ? "row is" : "rows are"} being sent to Atlas.{" "}
          <Link className="font-medium underline" href={`/batches/${recorded.batchId}`}>
            Open the batch
          </Link>
        </p>
      ) : (
        <p>
          This batch was already recorded ({formatNumber(recorded.rows, 0)} rows,{" "}
          {format.dateTime(recorded.recordedAt)}): nothing was recorded twice.{" "}
          <Link className="font-medium underline" href={`/batches/${recorded.batchId}`}>
            Open batch {name}
          </Link>
        </p>
      )}
      {recorded.skipped.count > 0 ? (
        <div className="text-amber-900 dark:text-amber-200">
          <p data-testid="skipped-summary">{recorded.skipped.text}</p>
          <ul className="mt-1 list-inside list-disc text-xs">
            {recorded.skipped.rows.map((r) => (
              <li key={r.line}>
                Line {r.line} ({r.documentId}): {r.reason}
              </li>
            ))}
            {recorded.skipped.count > recorded.skipped.rows.length ? (
              <li>…and {recorded.skipped.count - recorded.skipped.rows.length} more</li>
            ) : null}
          </ul>
        </div>
      ) : null}
    </Alert>
  );
}

/** Rows already recorded in another batch: a warning with links, not a problem. */
export function RecordedElsewhereNotice({ warnings }: { warnings: Map<number, RecordedWarning[]> }) {
  if (warnings.size === 0) return null;
  const batchIds = [...new Set([...warnings.values()].flat().map((w) => w.batchId))];
  return (
    <Alert tone="warning" role="status" data-testid="recorded-elsewhere">
      {formatNumber(warnings.size, 0)} row{warnings.size === 1 ? " is" : "s are"} already in another batch
      (marked below); submitting records {warnings.size === 1 ? "it" : "them"} again.{" "}
      {batchIds.slice(0, 5).map((id, i) => (
        <span key={id}>
          {i > 0 ? ", " : ""}
          <Link className="font-medium underline" href={`/batches/${id}`}>
            {batchIds.length === 1 ? "Open that batch" : `batch ${i + 1}`}
          </Link>
        </span>
      ))}
    </Alert>
  );
}
