/**
 * Atlas's four flow statuses (atlas-api.md 4.1), as the dashboard shows them. Client-safe.
 * Values are kept verbatim from Atlas; unknown ones are shown as sent.
 */
export const FLOW_STAGES = [
  { key: "uploadStatus", atlasName: "upload_status", label: "Upload" },
  { key: "processingStatus", atlasName: "processing_status", label: "Processing" },
  // Atlas's spelling, missing a "c".
  { key: "crossheckStatus", atlasName: "crossheck_status", label: "Cross-checks" },
  { key: "masterStatus", atlasName: "master_status", label: "Overall" },
] as const;

export type FlowStageKey = (typeof FLOW_STAGES)[number]["key"];
export type FlowStatuses = Record<FlowStageKey, string | null>;

export const APPLICATION_SORTS = ["newest", "oldest", "application"] as const;
/** List filter on master_status; "not_started" also covers applications Atlas has not answered yet. */
export const APPLICATION_STATUS_FILTERS = ["not_started", "in_progress", "success", "failed"] as const;

export const isTerminalMaster = (status: string | null | undefined) =>
  status === "SUCCESS" || status === "FAILED";

export type StageTone = "idle" | "running" | "done" | "failed";

export function stageTone(status: string | null | undefined): StageTone {
  if (status === "SUCCESS" || status === "COMPLETED") return "done";
  if (status === "FAILED") return "failed";
  if (status === "IN_PROGRESS" || status === "PENDING") return "running";
  return "idle";
}

export function statusLabel(status: string | null | undefined): string {
  if (!status) return "Not started";
  return status
    .toLowerCase()
    .replace(/_/g, " ")
    .replace(/^./, (c) => c.toUpperCase());
}

/** Cross-check similarity is on Atlas's 0–100 scale; the pass mark is a setting. */
export const DEFAULT_PASS_MARK = 80;

export function crossCheckVerdict(score: number | null, passMark: number): "pass" | "mismatch" | "unknown" {
  if (score === null || !Number.isFinite(score)) return "unknown";
  return score >= passMark ? "pass" : "mismatch";
}

/** What the application page polls (GET /api/flows/<id>). */
export type ApplicationProgress = {
  id: string;
  started: boolean;
  statuses: FlowStatuses;
  terminal: boolean;
  /** Whether the page should keep polling. */
  open: boolean;
  lastStatusAt: string | null;
  callbackReceivedAt: string | null;
  resultsByCallback: boolean;
  lastError: string | null;
  uploads: { id: string; index: number; status: string; error: string | null }[];
};
