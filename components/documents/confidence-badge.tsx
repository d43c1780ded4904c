/** Confidence as a coloured band; below the threshold it is marked for review. */
export function ConfidenceBadge({ value, threshold }: { value: number | null; threshold: number }) {
  if (value === null) return <span className="text-xs text-slate-400">—</span>;
  const tone =
    value < threshold
      ? value < threshold - 0.15
        ? "bg-red-100 text-red-800 dark:bg-red-900/60 dark:text-red-200"
        : "bg-amber-100 text-amber-900 dark:bg-amber-900/60 dark:text-amber-200"
      : "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/60 dark:text-emerald-200";
  return (
    <span
      className={`inline-flex rounded px-1.5 py-0.5 font-mono text-xs tabular-nums ${tone}`}
      title={
        value < threshold
          ? `Below the review threshold (${threshold.toFixed(2)})`
          : `At or above the threshold (${threshold.toFixed(2)})`
      }
    >
      {value.toFixed(2)}
    </span>
  );
}
