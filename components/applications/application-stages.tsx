import { Badge, type BadgeTone } from "@/components/ui/badge";
import {
  FLOW_STAGES,
  honestStatus,
  stageTone,
  type ApplicationStatuses,
  type StageTone,
} from "@/lib/applications/status";

const TONE: Record<StageTone, { dot: string; text: string }> = {
  idle: { dot: "bg-slate-300 dark:bg-slate-600", text: "text-slate-600 dark:text-slate-400" },
  running: { dot: "animate-pulse bg-indigo-500", text: "text-indigo-700 dark:text-indigo-300" },
  done: { dot: "bg-emerald-500", text: "text-emerald-700 dark:text-emerald-300" },
  failed: { dot: "bg-red-500", text: "text-red-700 dark:text-red-300" },
  unknown: { dot: "bg-amber-500", text: "text-amber-800 dark:text-amber-300" },
  attention: { dot: "bg-amber-500", text: "text-amber-800 dark:text-amber-300" },
};

/**
 * Atlas's four statuses side by side, in the order work moves through them. The value is shown
 * as Atlas sent it (with its `crossheck_status` spelling in the tooltip), never reinterpreted.
 */
export function ApplicationStages({
  statuses,
  waiting,
  belowPassMark = 0,
}: {
  statuses: ApplicationStatuses;
  waiting?: boolean;
  /** Cross-checks below the pass mark: the cross-check and overall stages then say so. */
  belowPassMark?: number;
}) {
  return (
    <ol className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label="Atlas statuses">
      {FLOW_STAGES.map((stage, index) => {
        const value = statuses[stage.key];
        const honest = honestStatus(
          value,
          stage.key === "crossheckStatus" || stage.key === "masterStatus" ? belowPassMark : 0,
        );
        const tone = TONE[honest.tone];
        return (
          <li
            key={stage.key}
            data-testid={`stage-${stage.atlasName}`}
            title={`${stage.atlasName}: ${value ?? "unknown yet"}${stageTone(value) === "unknown" ? " (a value the dashboard does not know, shown as Atlas sent it)" : ""}`}
            className="rounded-md border border-slate-200 px-3 py-2 dark:border-slate-800"
          >
            <span className="text-xs text-slate-500 dark:text-slate-400">
              {index + 1}. {stage.label}
            </span>
            <span className={`mt-1 flex items-center gap-2 text-sm font-semibold ${tone.text}`}>
              <span aria-hidden className={`inline-block h-2.5 w-2.5 rounded-full ${tone.dot}`} />
              <span data-testid="stage-value">
                {value ? honest.label : waiting ? "Waiting for Atlas" : "Not started"}
              </span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}

const BADGE: Record<StageTone, BadgeTone> = {
  idle: "neutral",
  running: "accent",
  done: "success",
  failed: "danger",
  unknown: "warning",
  attention: "warning",
};

/** The overall status; "Success · 1 cross-check below pass mark" (warning) when checks fell short. */
export function MasterStatusBadge({
  status,
  belowPassMark = 0,
}: {
  status: string | null;
  belowPassMark?: number;
}) {
  const honest = honestStatus(status, belowPassMark);
  return (
    <Badge data-testid="master-status" tone={BADGE[honest.tone]}>
      {honest.label}
    </Badge>
  );
}
