/**
 * What a status word from Atlas means. Atlas documents upper-case words (atlas-api.md 4.1:
 * SUCCESS, FAILED, COMPLETED, IN_PROGRESS, PENDING, NOT_STARTED), but nothing promises the case
 * or the exact vocabulary, so words are compared case-insensitively, ignoring separators, against
 * this table. A word not in the table is "unknown": kept and shown verbatim, never guessed.
 * Pure and client-safe.
 */
export type StatusMeaning = "idle" | "running" | "finished" | "failed" | "unknown";

const WORDS: Record<Exclude<StatusMeaning, "unknown">, readonly string[]> = {
  finished: [
    "SUCCESS",
    "SUCCEEDED",
    "SUCCESSFUL",
    "COMPLETED",
    "COMPLETE",
    "DONE",
    "FINISHED",
    "PROCESSED",
    "PROCESSING_SUCCESS",
    "OK",
  ],
  failed: [
    "FAILED",
    "FAILURE",
    "FAIL",
    "ERROR",
    "ERRORED",
    "REJECTED",
    "CANCELLED",
    "CANCELED",
    "ABORTED",
    "TIMED_OUT",
    "TIMEOUT",
    "EXPIRED",
    "PROCESSING_FAILED",
  ],
  running: [
    "IN_PROGRESS",
    "INPROGRESS",
    "PENDING",
    "PROCESSING",
    "RUNNING",
    "QUEUED",
    "STARTED",
    "SUBMITTED",
    "UPLOADED",
    "UPLOAD_SUCCESS",
    "ACCEPTED",
    "WAITING",
  ],
  idle: ["NOT_STARTED", "NOTSTARTED", "NEW", "CREATED", "INITIATED", "INITIALIZED", "INITIALISED"],
};

const TABLE = new Map<string, Exclude<StatusMeaning, "unknown">>(
  Object.entries(WORDS).flatMap(([meaning, words]) =>
    words.map((w) => [w, meaning as Exclude<StatusMeaning, "unknown">] as const),
  ),
);

/** "in progress", "In-Progress", " in_progress ", "Success." → "IN_PROGRESS", "SUCCESS". */
export const canonicalStatus = (status: string) =>
  status
    .trim()
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");

export function statusMeaning(status: string | null | undefined): StatusMeaning {
  if (status === null || status === undefined || status.trim() === "") return "idle";
  return TABLE.get(canonicalStatus(status)) ?? "unknown";
}

/** master_status finished or failed: stop polling and read the results. */
export const isTerminalStatus = (status: string | null | undefined) => {
  const meaning = statusMeaning(status);
  return meaning === "finished" || meaning === "failed";
};

/** Every word of one meaning, upper case (for SQL comparisons on upper(column)). */
export const statusWords = (meaning: Exclude<StatusMeaning, "unknown">): string[] => [...WORDS[meaning]];
