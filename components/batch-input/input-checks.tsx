import type { ReactNode } from "react";
import type { FileLevelError } from "@/lib/batches/input";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** What is wrong with the list as a whole (too large, too many rows, unreadable): one alert. */
export function InputProblems({
  sizeError,
  errors,
}: {
  /** The size message, with its own test id; null when the list fits. */
  sizeError: ReactNode;
  errors: readonly FileLevelError[];
}) {
  if (!sizeError && errors.length === 0) return null;
  return (
    <ul
      role="alert"
      className="space-y-1 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
    >
      {sizeError}
      {errors.map((e) => (
        <li key={e.code}>{e.message}</li>
      ))}
    </ul>
  );
}

/** The submit button beside the live count of rows: valid rows go, the others are skipped. */
export function SubmitBar({
  pending,
  pendingText,
  verb,
  noun,
  total,
  valid,
  disabled,
  summaryTestId,
}: {
  pending: boolean;
  pendingText: string;
  verb: string;
  /** What a clean list is counted in ("row", "document"). */
  noun: string;
  total: number;
  valid: number;
  disabled: boolean;
  summaryTestId: string;
}) {
  const invalid = total - valid;
  return (
    <div className="flex flex-wrap items-center gap-4">
      <button
        type="submit"
        disabled={pending || valid === 0 || disabled}
        className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-50"
      >
        {pending
          ? pendingText
          : invalid > 0
            ? `${verb} ${plural(valid, "valid row")} (skip ${invalid})`
            : `${verb} ${plural(valid, noun)}`}
      </button>
      <p
        className="text-sm text-slate-600 dark:text-slate-400"
        aria-live="polite"
        data-testid={summaryTestId}
      >
        {plural(total, "row")}: {valid} valid, {invalid} with problems
      </p>
    </div>
  );
}
