import { Badge } from "@/components/ui/badge";

/** Confidence as a coloured band; below the threshold it is marked for review. */
export function ConfidenceBadge({ value, threshold }: { value: number | null; threshold: number }) {
  if (value === null) return <span className="text-xs text-slate-500 dark:text-slate-400">—</span>;
  const tone = value < threshold ? (value < threshold - 0.15 ? "danger" : "warning") : "success";
  return (
    <Badge
      tone={tone}
      shape="tag"
      className="font-mono tabular-nums"
      title={
        value < threshold
          ? `Below the review threshold (${threshold.toFixed(2)})`
          : `At or above the threshold (${threshold.toFixed(2)})`
      }
    >
      {value.toFixed(2)}
    </Badge>
  );
}
