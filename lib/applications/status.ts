/**
 * Atlas's four flow statuses (atlas-api.md 4.1), as the dashboard shows them. Client-safe.
 * Values are kept verbatim from Atlas; unknown ones are shown as sent.
 */
import { isTerminalStatus, statusMeaning } from "@/lib/atlas/status-words";

export { statusMeaning } from "@/lib/atlas/status-words";

export const FLOW_STAGES = [
  { key: "uploadStatus", atlasName: "upload_status", label: "Upload" },
  { key: "processingStatus", atlasName: "processing_status", label: "Processing" },
  // Atlas's spelling, missing a "c".
  { key: "crossheckStatus", atlasName: "crossheck_status", label: "Cross-checks" },
  { key: "masterStatus", atlasName: "master_status", label: "Overall" },
] as const;

export type ApplicationStageKey = (typeof FLOW_STAGES)[number]["key"];
export type ApplicationStatuses = Record<ApplicationStageKey, string | null>;

export const APPLICATION_SORTS = ["newest", "oldest", "application"] as const;
/** List filter on master_status; "not_started" also covers applications Atlas has not answered yet. */
export const APPLICATION_STATUS_FILTERS = ["not_started", "in_progress", "success", "failed"] as const;

/** Finished or failed, in any case or spelling of the status-word table (lib/atlas/status-words.ts). */
export const isTerminalMaster = (status: string | null | undefined) => isTerminalStatus(status);

/** `attention`: finished, but with something a person must look at (cross-checks below the pass mark). */
export type StageTone = "idle" | "running" | "done" | "failed" | "unknown" | "attention";

export function stageTone(status: string | null | undefined): StageTone {
  const meaning = statusMeaning(status);
  return meaning === "finished" ? "done" : meaning;
}

/** A known word reads as words ("In progress"); an unknown one is shown exactly as Atlas sent it. */
export function statusLabel(status: string | null | undefined): string {
  if (!status) return "Not started";
  if (statusMeaning(status) === "unknown") return status;
  return status
    .trim()
    .toLowerCase()
    .replace(/[_-]+/g, " ")
    .replace(/^./, (c) => c.toUpperCase());
}

/**
 * A cross-check stored from an item whose keys the dashboard does not know (no field name or
 * document ids): its field name carries a content key (lib/applications/results.ts) and it is shown raw.
 */
export const isGenericCrossCheck = (fieldName: string) => fieldName.includes("#raw:");

/** Cross-check similarity is on Atlas's 0–100 scale; the pass mark is a setting. */
export const DEFAULT_PASS_MARK = 80;

export function crossCheckVerdict(score: number | null, passMark: number): "pass" | "mismatch" | "unknown" {
  if (score === null || !Number.isFinite(score)) return "unknown";
  return score >= passMark ? "pass" : "mismatch";
}

/**
 * A status as people should read it: a finished flow (or cross-check stage) whose cross-checks
 * fall below the pass mark is not a plain green "Success" but "Success · 1 cross-check below
 * pass mark", in a warning tone. Anything else reads as `statusLabel`/`stageTone` say.
 */
export function honestStatus(
  status: string | null | undefined,
  belowPassMark: number,
): { label: string; tone: StageTone } {
  const tone = stageTone(status);
  if (tone !== "done" || belowPassMark <= 0) return { label: statusLabel(status), tone };
  const checks = `${belowPassMark} cross-check${belowPassMark === 1 ? "" : "s"} below pass mark`;
  return { label: `${statusLabel(status)} · ${checks}`, tone: "attention" };
}

/** What the application page polls (GET /api/applications/<id>). */
export type ApplicationProgress = {
  id: string;
  started: boolean;
  statuses: ApplicationStatuses;
  terminal: boolean;
  /** Whether the page should keep polling. */
  open: boolean;
  lastStatusAt: string | null;
  callbackReceivedAt: string | null;
  resultsByCallback: boolean;
  lastError: string | null;
  uploads: { id: string; index: number; status: string; error: string | null }[];
};
