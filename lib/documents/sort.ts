/** Client-safe: the sorts the documents table offers. */
export const DOCUMENT_SORTS = ["confidence", "document_id", "needs_review", "type"] as const;
export type DocumentSort = (typeof DOCUMENT_SORTS)[number];

export const DOCUMENT_SORT_LABEL: Record<DocumentSort, string> = {
  confidence: "Lowest confidence first",
  document_id: "Document id",
  needs_review: "Most fields needing review",
  type: "Document type",
};
