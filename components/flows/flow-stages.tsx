import { FLOW_STAGES, stageTone, statusLabel, type FlowStatuses, type StageTone } from "@/lib/flows/status";

const TONE: Record<StageTone, { dot: string; text: string }> = {
  idle: { dot: "bg-slate-300 dark:bg-slate-600", text: "text-slate-600 dark:text-slate-400" },
  running: { dot: "animate-pulse bg-indigo-500", text: "text-indigo-700 dark:text-indigo-300" },
  done: { dot: "bg-emerald-500", text: "text-emerald-700 dark:text-emerald-300" },
  failed: { dot: "bg-red-500", text: "text-red-700 dark:text-red-300" },
  unknown: { dot: "bg-amber-500", text: "text-amber-800 dark:text-amber-300" },
};

/**
 * Atlas's four statuses side by side, in the order work moves through them. The value is shown
 * as Atlas sent it (with its `crossheck_status` spelling in the tooltip), never reinterpreted.
 */
export function FlowStages({ statuses, waiting }: { statuses: FlowStatuses; waiting?: boolean }) {
  return (
    <ol className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label="Atlas statuses">
      {FLOW_STAGES.map((stage, index) => {
        const value = statuses[stage.key];
        const tone = TONE[stageTone(value)];
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
                {value ? statusLabel(value) : waiting ? "Waiting for Atlas" : "Not started"}
              </span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}

export function MasterStatusBadge({ status }: { status: string | null }) {
  const tone = stageTone(status);
  const classes: Record<StageTone, string> = {
    idle: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
    running: "bg-indigo-100 text-indigo-800 dark:bg-indigo-900/60 dark:text-indigo-200",
    done: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/60 dark:text-emerald-200",
    failed: "bg-red-100 text-red-800 dark:bg-red-900/60 dark:text-red-200",
    unknown: "bg-amber-100 text-amber-900 dark:bg-amber-900/60 dark:text-amber-100",
  };
  return (
    <span
      data-testid="master-status"
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${classes[tone]}`}
    >
      {statusLabel(status)}
    </span>
  );
}
