import { formatS3Url, isS3Prefix, parseS3Url, s3UrlProblem, type S3Location } from "@/lib/s3/location";
import { formatNumber } from "@/lib/format";
import { problem, type RowProblem } from "./problems";

/** An object the server listed (or checked) in a bucket. */
export type S3Object = { key: string; size: number };

/**
 * What the server found for one `s3://` row: the objects under a prefix (after the include
 * filter), the one object a key names, or why it could not look (the message says what to do).
 */
export type S3Lookup = { ok: true; objects: S3Object[]; truncated: boolean } | { ok: false; message: string };

export type S3InputOptions = {
  /** S3 input is configured (S3_ALLOWED_BUCKETS); otherwise an `s3://` row says how to enable it. */
  enabled: boolean;
  /** The server's answers by the row's `s3://` location (`s3LookupKey`); missing: not asked yet. */
  lookups?: ReadonlyMap<string, S3Lookup>;
  /** The include filter prefixes were listed with, for the messages. */
  extensions?: readonly string[];
};

/** One object of an expanded prefix row, as it will be submitted. */
export type ExpandedObject = { documentId: string; fileUrl: string; size: number };

/** How an `s3://` row stands: a key (one document) or a prefix (the objects listed under it). */
export type S3RowInfo = {
  location: S3Location;
  prefix: boolean;
  /** pending: the server has not answered yet (a prefix cannot be submitted until listed). */
  state: "pending" | "listed" | "failed";
  /** A prefix's objects (not already on an earlier row), in key order; empty for a key. */
  objects: ExpandedObject[];
  /** Total size of the objects (a key: its size) once known. */
  totalBytes: number | null;
  /** Objects under a prefix left out because an earlier row already has them. */
  leftOut: number;
  /** A prefix whose listing stopped at the row limit: it holds more than this many files (else null). */
  moreThan: number | null;
};

export const isS3Text = (text: string) => /^s3:/i.test(text.trim());

export const isPrefix = isS3Prefix;

/** The key a lookup is filed under: the row's location written the one canonical way. */
export const s3LookupKey = (location: S3Location) => formatS3Url(location);

/** The readable part of a listed object's key for its document id: the key below the prefix. */
export const keyBelow = (location: S3Location, key: string) =>
  key.startsWith(location.key) ? key.slice(location.key.length) : key;

/** The object's own file name (the last segment of its key). */
export const fileNameOf = (key: string) => key.split("/").filter(Boolean).at(-1) ?? "";

export type S3Check = { location: S3Location | null; problems: RowProblem[]; lookup?: S3Lookup };

const plain = (n: number) => formatNumber(n, 0);

/** Checks an `s3://` row's text: a location S3 input may use, and the server's answer for it. */
export function checkS3Url(raw: string, options: S3InputOptions | undefined): S3Check {
  if (!options?.enabled) {
    const message =
      "s3:// rows need S3 access, which is not configured — an administrator sets S3_ALLOWED_BUCKETS (README: S3 input), or paste a pre-signed https:// link";
    return { location: null, problems: [problem("s3_not_configured", message)] };
  }
  const location = parseS3Url(raw.trim());
  if (!location) {
    const why = s3UrlProblem(raw) ?? "it cannot be read";
    const message = `Not an S3 location (${why}) — write s3://bucket/key for a file or s3://bucket/folder/ for a folder`;
    return { location: null, problems: [problem("s3_not_a_location", message)] };
  }
  const lookup = options.lookups?.get(s3LookupKey(location));
  if (lookup && !lookup.ok) return { location, lookup, problems: [problem("s3_error", lookup.message)] };
  return { location, lookup, problems: [] };
}

/** Problems of a prefix row once its objects are known (none found, more than a batch holds). */
export function prefixProblems(
  info: S3RowInfo,
  lookup: S3Lookup | undefined,
  options: { extensions?: readonly string[]; maxRows: number },
): RowProblem[] {
  const where = formatS3Url(info.location);
  if (!lookup) return [problem("s3_pending", `Listing ${where} — wait for the count before submitting`)];
  if (!lookup.ok) return [];
  if (lookup.truncated) {
    const message = `${where} holds more than ${plain(options.maxRows)} files, over the ${plain(options.maxRows)}-row limit — pick a smaller folder, or split it over several submissions`;
    return [problem("over_limit", message)];
  }
  if (lookup.objects.length === 0) {
    const filter = options.extensions?.length ? ` with the extensions ${options.extensions.join(", ")}` : "";
    const message = `No files under ${where}${filter} — check the folder, or change the include filter`;
    return [problem("s3_empty_prefix", message)];
  }
  if (info.objects.length === 0) {
    const message = `Every file under ${where} is already on an earlier row — remove this row`;
    return [problem("duplicate_url", message)];
  }
  return [];
}

/** The over-limit message of a prefix whose files do not all fit in the batch. */
export function prefixOverLimit(info: S3RowInfo, before: number, maxRows: number): RowProblem {
  const message = `${formatS3Url(info.location)} holds ${plain(info.objects.length)} files; with the ${plain(before)} before it that is ${plain(before + info.objects.length)}, over the ${plain(maxRows)}-row limit — pick a smaller folder, or submit it in another batch`;
  return problem("over_limit", message);
}

/** "12.4 MB", "830 KB", "512 B" */
export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000_000) return `${(bytes / 1_000_000_000).toFixed(1)} GB`;
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  if (bytes >= 1_000) return `${Math.round(bytes / 1_000)} KB`;
  return `${bytes} B`;
}
