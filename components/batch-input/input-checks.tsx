import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
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
    <Alert tone="error" className="p-3">
      <ul className="space-y-1">
        {sizeError}
        {errors.map((e) => (
          <li key={e.code}>{e.message}</li>
        ))}
      </ul>
    </Alert>
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
  documents = valid,
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
  /** Documents the valid rows stand for, when an `s3://` folder row counts its files. */
  documents?: number;
  disabled: boolean;
  summaryTestId: string;
}) {
  const invalid = total - valid;
  if (documents !== valid) {
    return (
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" size="lg" disabled={pending || documents === 0 || disabled}>
          {pending
            ? pendingText
            : `${verb} ${plural(documents, "document")}${invalid > 0 ? ` (skip ${plural(invalid, "row")})` : ""}`}
        </Button>
        <p
          className="text-sm text-slate-600 dark:text-slate-400"
          aria-live="polite"
          data-testid={summaryTestId}
        >
          {plural(total, "row")} ({plural(documents, "document")}): {valid} valid, {invalid} with problems
        </p>
      </div>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-4">
      <Button type="submit" size="lg" disabled={pending || valid === 0 || disabled}>
        {pending
          ? pendingText
          : invalid > 0
            ? `${verb} ${plural(valid, "valid row")} (skip ${invalid})`
            : `${verb} ${plural(valid, noun)}`}
      </Button>
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
