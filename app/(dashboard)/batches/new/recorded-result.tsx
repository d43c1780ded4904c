import Link from "next/link";
import type { RecordedWarning } from "./use-recorded-elsewhere";
import type { Recorded } from "./post-batch";

/** What the submit recorded, when the form stays on this page (already recorded, rows skipped). */
export function RecordedResult({ recorded }: { recorded: Recorded }) {
  const name = recorded.label ? `“${recorded.label}”` : "";
  return (
    <div
      role="status"
      data-testid="submit-result"
      className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
    >
      {recorded.created ? (
        <p>
          Batch {name} recorded: {recorded.rows.toLocaleString("en-IN")}{" "}
          {recorded.rows === 1 ? "row is" : "rows are"} being sent to Atlas.{" "}
          <Link className="font-medium underline" href={`/batches/${recorded.batchId}`}>
            Open the batch
          </Link>
        </p>
      ) : (
        <p>
          This batch was already recorded ({recorded.rows.toLocaleString("en-IN")} rows,{" "}
          {new Date(recorded.recordedAt).toLocaleString("en-IN")}): nothing was recorded twice.{" "}
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
    </div>
  );
}

/** Rows already recorded in another batch: a warning with links, not a problem. */
export function RecordedElsewhereNotice({ warnings }: { warnings: Map<number, RecordedWarning[]> }) {
  if (warnings.size === 0) return null;
  const batchIds = [...new Set([...warnings.values()].flat().map((w) => w.batchId))];
  return (
    <div
      role="status"
      data-testid="recorded-elsewhere"
      className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200"
    >
      {warnings.size.toLocaleString("en-IN")} row{warnings.size === 1 ? " is" : "s are"} already in another
      batch (marked below); submitting records {warnings.size === 1 ? "it" : "them"} again.{" "}
      {batchIds.slice(0, 5).map((id, i) => (
        <span key={id}>
          {i > 0 ? ", " : ""}
          <Link className="font-medium underline" href={`/batches/${id}`}>
            {batchIds.length === 1 ? "Open that batch" : `batch ${i + 1}`}
          </Link>
        </span>
      ))}
    </div>
  );
}
