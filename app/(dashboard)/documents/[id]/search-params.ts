import { createLoader, createSerializer, parseAsString, parseAsStringLiteral } from "nuqs/server";
import { queueFilters, REVIEW_REASONS, type QueueContext } from "../../review/search-params";

/** How the reviewer got here: from the queue (with its filters) or from a batch. */
export const workspaceParams = {
  from: parseAsStringLiteral(["queue", "batch"] as const),
  batch: parseAsString,
  type: parseAsString,
  reason: parseAsStringLiteral(REVIEW_REASONS),
};

export const loadWorkspaceParams = createLoader(workspaceParams);

const serializeWorkspace = createSerializer(workspaceParams);

/** A document's workspace opened from the queue: the queue's filters ride along for "next". */
export function queueDocumentHref(documentId: string, context: QueueContext): string {
  return serializeWorkspace(`/documents/${documentId}`, { from: "queue", ...queueFilters(context) });
}
