/** Longest comment on a document or field (client-safe: the form counts against it too). */
export const MAX_COMMENT_LENGTH = 2000;
