/**
 * Simulator profiles: named, lasting behaviours for the answers Atlas's public docs allow but its
 * usual answers never show (issue 12). A profile arms its faults for every request
 * (`SIM_PROFILE=short-pages,nan` for `npm run sim` and the embedded simulator, the `profile`
 * option, or `POST /__sim/profile {"name": "…"}` at run time); `POST /__sim/reset` keeps the
 * profiles given at start-up. One-off faults go through `POST /__sim/faults` as before.
 */
import type { SimFault } from "./faults";

const ALWAYS = Number.MAX_SAFE_INTEGER;

export const SIM_PROFILES: Record<string, { description: string; faults: SimFault[] }> = {
  "unreadable-entries": {
    description: "every extracts page carries one more entry without a document_id",
    faults: [{ kind: "unreadable_entry", variant: "no_document_id" }],
  },
  "pending-entries": {
    description: "documents still processing are listed (file_data null or {}, status PROCESSING/queued)",
    faults: [{ kind: "pending_entries" }],
  },
  "duplicate-entries": {
    description: "every result also appears as an empty entry for the same document, before or after it",
    faults: [{ kind: "duplicate_entries" }],
  },
  "short-pages": {
    description: "pages of 20 whatever per_page asks, without has_next, total_pages or total_items",
    faults: [{ kind: "short_pages", pageSize: 20, totalItems: "omit" }],
  },
  "short-pages-results-total": {
    description: "pages of 20 without has_next/total_pages; total_items counts the results so far",
    faults: [{ kind: "short_pages", pageSize: 20, totalItems: "results" }],
  },
  "short-pages-documents-total": {
    description: "pages of 20 without has_next/total_pages; total_items counts the batch's documents",
    faults: [{ kind: "short_pages", pageSize: 20, totalItems: "documents" }],
  },
  "short-pages-lying": {
    description: "pages of 20 without total_pages or total_items, each saying has_next: false",
    faults: [{ kind: "short_pages", pageSize: 20, totalItems: "omit", hasNext: "false" }],
  },
  "endless-pages": {
    description:
      "pages of 20 without total_pages or total_items, each saying has_next: true (past the end too)",
    faults: [{ kind: "short_pages", pageSize: 20, totalItems: "omit", hasNext: "true" }],
  },
  "odd-entry-shapes": {
    description:
      "results in other shapes: fields next to document_id, wrapped in result/data, file_data as a JSON string, numeric error codes, processing entries marked by other words or flags",
    faults: [{ kind: "odd_entry_shapes" }],
  },
  nan: {
    description: "bodies written like Python's json module: NaN and Infinity for some scores",
    faults: [{ kind: "nan_tokens" }],
  },
  "confidence-mixed": {
    description: 'scores as "0.95", ".95", "95%", "0,95", on a 0–100 scale or missing (one form per answer)',
    faults: [{ kind: "confidence_format", format: "mixed" }],
  },
  "confidence-hundred": {
    description: "scores on a 0–100 scale",
    faults: [{ kind: "confidence_format", format: "hundred" }],
  },
  "confidence-missing": {
    description: "every other field comes without a confidence_score",
    faults: [{ kind: "confidence_format", format: "missing" }],
  },
  "split-batches": {
    description: "each upload's files are spread over two Atlas batches (two batch_ids in one answer)",
    faults: [{ kind: "split_batch" }],
  },
  "lost-upload-answers": {
    description: "every upload is processed but answered with a proxy's HTML 502",
    faults: [{ kind: "lost_upload_answer", answer: "502_html" }],
  },
  "python-backend": {
    description:
      "all of the read-side behaviours at once: short pages, NaN, processing and duplicate entries, unreadable entries, mixed scores",
    faults: [
      { kind: "short_pages", pageSize: 20, totalItems: "results" },
      { kind: "nan_tokens" },
      { kind: "pending_entries" },
      { kind: "duplicate_entries" },
      { kind: "unreadable_entry", variant: "no_document_id" },
      { kind: "confidence_format", format: "mixed" },
    ],
  },
};

export const SIM_PROFILE_NAMES = Object.keys(SIM_PROFILES);

/** "a,b" or ["a", "b"] → names; throws, listing the known profiles, on an unknown name. */
export function parseProfiles(raw: string | string[] | undefined): string[] {
  const names = (Array.isArray(raw) ? raw : (raw ?? "").split(","))
    .map((n) => n.trim())
    .filter((n) => n !== "" && n !== "none");
  const unknown = names.filter((n) => !(n in SIM_PROFILES));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown simulator profile ${unknown.map((n) => `"${n}"`).join(", ")}; known: ${SIM_PROFILE_NAMES.join(", ")}`,
    );
  }
  return names;
}

/** The faults of these profiles, armed for every request. */
export function profileFaults(names: string[]): SimFault[] {
  return names.flatMap((n) => SIM_PROFILES[n]!.faults.map((f) => ({ ...f, count: ALWAYS })));
}
