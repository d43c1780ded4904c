import { problem, type RowProblem } from "./problems";

export const MAX_DOCUMENT_ID_LENGTH = 128;
// Leaves room for a "-NNNN" de-duplication suffix within the limit.
const MAX_GENERATED_BASE_LENGTH = 100;
const FALLBACK_ID = "document";

function lastPathSegment(fileUrl: string): string {
  try {
    const segment = new URL(fileUrl.trim()).pathname.split("/").filter(Boolean).at(-1) ?? "";
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  } catch {
    return "";
  }
}

/** Readable id from the URL's file name: `.../pan-card-0001.jpg?X-Amz-…` → `pan-card-0001`. */
export function baseIdFromUrl(fileUrl: string): string {
  const sanitised = lastPathSegment(fileUrl)
    .replace(/\.[A-Za-z0-9]{1,5}$/, "")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .slice(0, MAX_GENERATED_BASE_LENGTH)
    .replace(/^[-._]+|[-._]+$/g, "");
  return sanitised || FALLBACK_ID;
}

/** Problems with a document_id the user supplied. */
export function checkDocumentId(id: string): RowProblem[] {
  const problems: RowProblem[] = [];
  if (id.length > MAX_DOCUMENT_ID_LENGTH) {
    problems.push(
      problem(
        "document_id_too_long",
        `document_id is ${id.length} characters; the limit is ${MAX_DOCUMENT_ID_LENGTH} — shorten it`,
      ),
    );
  }
  if (/[\u0000-\u001F\u007F-\u009F]/.test(id)) {
    problems.push(
      problem(
        "document_id_control_chars",
        "document_id contains control characters (tab, newline…) — remove them",
      ),
    );
  }
  return problems;
}

/**
 * Ids for rows without one, in row order: the URL's file name, then `-2`, `-3`… when taken by
 * a supplied id, an existing id or an earlier generated one. The same input gives the same ids.
 */
export function generateIds(
  fileUrls: readonly (string | null)[],
  taken: ReadonlySet<string>,
): (string | null)[] {
  const used = new Set(taken);
  return fileUrls.map((fileUrl) => {
    if (fileUrl === null) return null;
    const base = baseIdFromUrl(fileUrl);
    let candidate = base;
    for (let n = 2; used.has(candidate); n++) candidate = `${base}-${n}`;
    used.add(candidate);
    return candidate;
  });
}
