/**
 * Fault injection. Every fault applies to "the next N matching requests" (default 1), so tests
 * stay deterministic. `endpoint` is a path without the base path, e.g. "/v1/bulk/extracts";
 * leave it out to match every Atlas API request (never the /__sim, /specimens or /files routes).
 */
export type SimFault =
  | {
      kind: "status";
      status: 429 | 500 | 502 | 503 | 504;
      count?: number;
      endpoint?: string;
      retryAfterSeconds?: number;
    }
  /** Protected calls answer 401 "Invalid token" (the token endpoints keep working). */
  | { kind: "token_revoked"; count?: number; endpoint?: string }
  /** Wait before answering, e.g. to exceed the client's timeout. The request is still processed. */
  | { kind: "slow"; delayMs: number; count?: number; endpoint?: string }
  /** The request is processed, but the response body is cut off mid-JSON. */
  | { kind: "malformed_json"; count?: number; endpoint?: string }
  /** Bulk extracts report the opposite `has_next` of the truth. */
  | { kind: "lie_has_next"; count?: number }
  /** The next N uploaded documents stay invisible until the following extracts call of their batch. */
  | { kind: "hold_documents"; count?: number }
  /** The next N auth_url checks on v3 multiupload fail (422), regardless of the real receiver. */
  | { kind: "auth_url_unreachable"; count?: number }
  // ---- Bulk answers the public docs allow but Atlas's usual answers never show (issue 12).
  /** The next N extracts answers carry one more entry that cannot be read (the rest are intact). */
  | { kind: "unreadable_entry"; variant?: UnreadableVariant; count?: number }
  /** In the next N extracts answers, documents still processing are listed as processing entries. */
  | { kind: "pending_entries"; count?: number }
  /** In the next N extracts answers, every result also appears as an empty entry for the same document. */
  | { kind: "duplicate_entries"; count?: number }
  /**
   * The next N extracts answers page by `pageSize` whatever `per_page` asked, send neither
   * `has_next` nor `total_pages`, and send `total_items` as the results so far, the documents
   * of the batch, or not at all.
   */
  | {
      kind: "short_pages";
      pageSize?: number;
      totalItems?: "omit" | "results" | "documents";
      /** `has_next` left out (default), or always false / always true whatever the truth (a lie). */
      hasNext?: "omit" | "false" | "true";
      count?: number;
    }
  /**
   * The next N extracts answers write results in other shapes (fields next to document_id,
   * wrapped in `result`/`data`, file_data as a JSON string, numeric error codes) and list the
   * documents still processing with their type already set but marked by other words or flags.
   */
  | { kind: "odd_entry_shapes"; count?: number }
  /** The next N extracts answers are written the way Python's json module does: NaN, Infinity. */
  | { kind: "nan_tokens"; count?: number }
  /** The next N extracts answers write confidence scores in another form (one form per answer). */
  | { kind: "confidence_format"; format?: ConfidenceFormat; count?: number }
  /** The next N uploads spread their files over two Atlas batches (two batch_ids in one answer). */
  | { kind: "split_batch"; count?: number }
  /**
   * The next N uploads are processed, but their answer is lost: a proxy's HTML 502, a 500/504,
   * or a 2xx that cannot be read.
   */
  | { kind: "lost_upload_answer"; answer?: LostAnswer; count?: number };

export const UNREADABLE_VARIANTS = [
  "no_document_id",
  "not_an_object",
  "bad_file_data",
  "empty_document_id",
] as const;
export type UnreadableVariant = (typeof UNREADABLE_VARIANTS)[number];
export const CONFIDENCE_FORMATS = [
  "string",
  "leading_dot",
  "percent",
  "comma",
  "hundred",
  "missing",
  "out_of_range",
  "mixed",
] as const;
export type ConfidenceFormat = (typeof CONFIDENCE_FORMATS)[number];
export const LOST_ANSWERS = [
  "502_html",
  "500",
  "504",
  "408_html",
  "499",
  "unreadable_2xx",
  "empty_2xx",
] as const;
export type LostAnswer = (typeof LOST_ANSWERS)[number];

export type SimFaultKind = SimFault["kind"];

interface ActiveFault {
  fault: SimFault;
  remaining: number;
}

const VALID_KINDS: ReadonlySet<string> = new Set<SimFaultKind>([
  "status",
  "token_revoked",
  "slow",
  "malformed_json",
  "lie_has_next",
  "hold_documents",
  "auth_url_unreachable",
  "unreadable_entry",
  "pending_entries",
  "duplicate_entries",
  "short_pages",
  "nan_tokens",
  "odd_entry_shapes",
  "confidence_format",
  "split_batch",
  "lost_upload_answer",
]);

/** Optional enumerated options per kind, checked by `parseFaults`. */
const CHOICES: Record<string, [string, readonly string[]]> = {
  unreadable_entry: ["variant", UNREADABLE_VARIANTS],
  confidence_format: ["format", CONFIDENCE_FORMATS],
  lost_upload_answer: ["answer", LOST_ANSWERS],
  short_pages: ["totalItems", ["omit", "results", "documents"]],
};

export class FaultBoard {
  private active: ActiveFault[] = [];

  add(fault: SimFault): void {
    this.active.push({ fault, remaining: Math.max(1, fault.count ?? 1) });
  }

  clear(): void {
    this.active = [];
  }

  list(): Array<SimFault & { remaining: number }> {
    return this.active.map(({ fault, remaining }) => ({ ...fault, remaining }));
  }

  /** Uses up one occurrence of the first matching fault of this kind, and returns it. */
  take<K extends SimFaultKind>(kind: K, endpoint?: string): Extract<SimFault, { kind: K }> | undefined {
    const match = this.active.find(
      ({ fault }) =>
        fault.kind === kind &&
        (!("endpoint" in fault) || !fault.endpoint || endpoint === undefined || fault.endpoint === endpoint),
    );
    if (!match) return undefined;
    match.remaining -= 1;
    if (match.remaining <= 0) this.active = this.active.filter((a) => a !== match);
    return match.fault as Extract<SimFault, { kind: K }>;
  }

  /** How many occurrences of a kind are still armed (e.g. how many documents to hold back). */
  remaining(kind: SimFaultKind): number {
    return this.active.filter((a) => a.fault.kind === kind).reduce((sum, a) => sum + a.remaining, 0);
  }
}

/** Validates faults posted to the control endpoint. Returns an error message or the faults. */
export function parseFaults(body: unknown): SimFault[] | string {
  const list = Array.isArray(body)
    ? body
    : body && typeof body === "object" && "faults" in body && Array.isArray(body.faults)
      ? (body.faults as unknown[])
      : [body];
  for (const item of list) {
    if (!item || typeof item !== "object" || !("kind" in item) || !VALID_KINDS.has(String(item.kind))) {
      return `Each fault needs a "kind", one of: ${[...VALID_KINDS].join(", ")}`;
    }
    if (
      item.kind === "status" &&
      !("status" in item && [429, 500, 502, 503, 504].includes(Number(item.status)))
    ) {
      return 'A "status" fault needs "status": 429, 500, 502, 503 or 504';
    }
    if (item.kind === "slow" && !("delayMs" in item && Number(item.delayMs) >= 0)) {
      return 'A "slow" fault needs "delayMs"';
    }
    const choice = CHOICES[String(item.kind)];
    if (choice) {
      const [key, allowed] = choice;
      const value = (item as Record<string, unknown>)[key];
      if (value !== undefined && !allowed.includes(String(value))) {
        return `A "${String(item.kind)}" fault's "${key}" must be one of: ${allowed.join(", ")}`;
      }
    }
    const hasNext = (item as Record<string, unknown>).hasNext;
    if (
      item.kind === "short_pages" &&
      hasNext !== undefined &&
      !["omit", "false", "true"].includes(String(hasNext))
    ) {
      return 'A "short_pages" fault\'s "hasNext" must be one of: omit, false, true';
    }
    if (
      item.kind === "short_pages" &&
      "pageSize" in item &&
      !(Number.isInteger(item.pageSize) && Number(item.pageSize) >= 1)
    ) {
      return 'A "short_pages" fault\'s "pageSize" must be a whole number of at least 1';
    }
  }
  return list as SimFault[];
}
