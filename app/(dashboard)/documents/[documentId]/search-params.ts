import { createLoader, parseAsString, parseAsStringLiteral } from "nuqs/server";
import { REVIEW_REASONS } from "../../review/search-params";

/** How the reviewer got here: from the queue (with its filters) or from a batch. */
export const workspaceParams = {
  from: parseAsStringLiteral(["queue", "batch"] as const),
  batch: parseAsString,
  type: parseAsString,
  reason: parseAsStringLiteral(REVIEW_REASONS),
};

export const loadWorkspaceParams = createLoader(workspaceParams);
