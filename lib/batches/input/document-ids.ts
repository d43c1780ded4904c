import { maskAadhaarInText } from "@/lib/masking";
import { hasControlCharacters } from "@/lib/text/control";
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

// Whole code points, so that a cut never splits a surrogate pair.
function truncate(text: string, maxUnits: number): string {
  let out = "";
  for (const ch of text) {
    if (out.length + ch.length > maxUnits) break;
    out += ch;
  }
  return out;
}

// Letters and digits of every script are kept with their combining marks, in NFC; anything else
// (a space, a slash between folders) becomes `-`. The extension goes; an Aadhaar number is masked.
function idFromName(name: string): string {
  // A file named after its holder's Aadhaar (`2345-6789-0127.pdf`) must not make the number an
  // id shown unmasked on every page and export: it becomes `XXXX-XXXX-0127`.
  const sanitised = maskAadhaarInText(name.normalize("NFC"))
    .replace(/\.[A-Za-z0-9]{1,5}$/, "")
    .replace(/[^\p{L}\p{M}\p{N}._-]+/gu, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-._\p{M}]+/u, "");
  return truncate(sanitised, MAX_GENERATED_BASE_LENGTH).replace(/[-._]+$/g, "") || FALLBACK_ID;
}

/**
 * Readable id from the URL's file name: `.../pan-card-0001.jpg?X-Amz-…` → `pan-card-0001`,
 * `आधार कार्ड (1).pdf` → `आधार-कार्ड-1`. Letters and digits of every script are kept with
 * their combining marks (the vowel signs of Indian scripts), in NFC; anything else becomes `-`.
 * An Aadhaar number or VID in the name is masked.
 */
export function baseIdFromUrl(fileUrl: string): string {
  return idFromName(lastPathSegment(fileUrl));
}

/**
 * Readable id for an object listed under an S3 prefix: its key without the prefix and the
 * extension, folders joined by `-` (`app-17/` + `co/pan.jpg` → `co-pan`), by the same rules.
 */
export function baseIdFromKey(keyBelowPrefix: string): string {
  return idFromName(keyBelowPrefix.split("/").filter(Boolean).join("/"));
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
  if (hasControlCharacters(id)) {
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
  return idsFromBases(
    fileUrls.map((url) => (url === null ? null : baseIdFromUrl(url))),
    taken,
  );
}

/** Unique ids from readable bases (null: no id wanted), in order, suffixing `-2`, `-3`… on collision. */
export function idsFromBases(
  bases: readonly (string | null)[],
  taken: ReadonlySet<string>,
): (string | null)[] {
  const used = new Set(taken);
  return bases.map((base) => {
    if (base === null) return null;
    let candidate = base;
    for (let n = 2; used.has(candidate); n++) candidate = `${base}-${n}`;
    used.add(candidate);
    return candidate;
  });
}
