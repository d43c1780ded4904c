import { createLoader, createSerializer, parseAsStringLiteral } from "nuqs/server";
import { parseAsText } from "../../search-text";
import { queueFilters, REVIEW_REASONS, type QueueContext } from "../../review/search-params";

/** How the reviewer got here: from the queue (with its filters) or from a batch. */
export const workspaceParams = {
  from: parseAsStringLiteral(["queue", "batch"] as const),
  batch: parseAsText,
  type: parseAsText,
  reason: parseAsStringLiteral(REVIEW_REASONS),
};

export const loadWorkspaceParams = createLoader(workspaceParams);

const serializeWorkspace = createSerializer(workspaceParams);

/** A document's workspace opened from the queue: the queue's filters ride along for "next". */
export function queueDocumentHref(documentId: string, context: QueueContext): string {
  return serializeWorkspace(`/documents/${documentId}`, { from: "queue", ...queueFilters(context) });
}
