import "server-only";
import type { ApplicationSummary } from "./queries";
import { isTerminalMaster, type ApplicationProgress } from "./status";

export function toApplicationProgress(a: ApplicationSummary): ApplicationProgress {
  const terminal = isTerminalMaster(a.masterStatus);
  const sending = a.uploads.some((u) => u.status === "pending" || u.status === "sending");
  const submitted = a.uploads.some((u) => u.status === "submitted");
  return {
    id: a.id,
    started: !!a.flowUuid,
    statuses: {
      uploadStatus: a.uploadStatus,
      processingStatus: a.processingStatus,
      crossheckStatus: a.crossheckStatus,
      masterStatus: a.masterStatus,
    },
    terminal,
    open: sending || (submitted && !terminal),
    lastStatusAt: a.lastStatusAt?.toISOString() ?? null,
    callbackReceivedAt: a.callbackReceivedAt?.toISOString() ?? null,
    resultsByCallback: a.resultsByCallback,
    lastError: a.lastError,
    uploads: a.uploads.map((u) => ({
      id: u.id,
      index: u.chunkIndex,
      status: u.status,
      error: u.errorMessage,
    })),
  };
}
