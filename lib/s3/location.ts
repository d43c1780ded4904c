/**
 * `s3://bucket/key` locations: parsing, formatting and the allow-list match. Pure and
 * client-safe (the batch form's preview reads rows with it); the server-side checks that use the
 * configured allow-list live in lib/s3/allow-list.ts.
 *
 * A key is what S3 stores, byte for byte; S3 itself never resolves `..`. But an S3-compatible
 * server or a proxy in front of one may normalise the request path, so a key with a `.`/`..`
 * segment (also spelt `%2e`), an empty segment (`a//b`), a backslash or a control character is
 * refused here: none of them can then step out of an allowed bucket or prefix.
 */

export type S3Location = { bucket: string; key: string };

/** One allow-list entry: a bucket, optionally only the keys under `prefix` (ending in "/"). */
export type S3AllowEntry = { bucket: string; prefix: string };

export const DEFAULT_S3_EXTENSIONS = ["jpg", "jpeg", "png", "pdf", "tif", "tiff"] as const;

/**
 * Why a bucket name breaks S3's naming rules (general purpose buckets), or undefined when it is
 * valid. https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return "a bucket name has 3 to 63 characters";
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name))
    return "a bucket name has only lowercase letters, digits, dots and hyphens, and starts and ends with a letter or digit";
  if (name.includes("..") || name.includes(".-") || name.includes("-."))
    return "a bucket name has no two adjacent dots and no dot beside a hyphen";
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return "a bucket name is not an IP address";
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name) || /(-s3alias|--ol-s3|--x-s3|--table-s3)$/.test(name))
    return "a bucket name does not use a prefix or suffix S3 reserves";
  return undefined;
}

function decodeLoosely(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Why a key (or prefix) could escape its folder, or undefined when it is safe. A trailing "/"
 * (a folder) is allowed; "" is the bucket's root.
 */
export function keyProblem(key: string): string | undefined {
  if (key === "") return undefined;
  if (new TextEncoder().encode(key).length > 1024) return "an S3 key has at most 1,024 bytes";
  if (/[\u0000-\u001f\u007f\\]/.test(key)) return "the key holds a control character or a backslash";
  if (key.startsWith("/")) return "the key starts with “/” (write s3://bucket/key)";
  const segments = (key.endsWith("/") ? key.slice(0, -1) : key).split("/");
  for (const segment of segments) {
    if (segment === "") return "the key holds an empty folder (“//”)";
    const decoded = decodeLoosely(segment);
    if (decoded === "." || decoded === ".." || /[/\\]/.test(decoded))
      return "the key holds a “.” or “..” folder, which could step out of its folder";
  }
  return undefined;
}

/** Why `text` is not an `s3://bucket/key` location, or undefined when it is one. */
export function s3UrlProblem(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^s3:\/\//i.test(trimmed)) return "an S3 location starts with s3://";
  const rest = trimmed.slice(5);
  const slash = rest.indexOf("/");
  const bucket = slash === -1 ? rest : rest.slice(0, slash);
  if (bucket === "") return "the S3 location names no bucket (s3://bucket/key)";
  const bucketProblem = bucketNameProblem(bucket);
  if (bucketProblem) return `“${bucket}” is not a bucket name: ${bucketProblem}`;
  return keyProblem(slash === -1 ? "" : rest.slice(slash + 1));
}

/** `s3://bucket/key` (scheme in any case, surrounding spaces ignored), or null when not one. */
export function parseS3Url(text: string): S3Location | null {
  if (s3UrlProblem(text) !== undefined) return null;
  const rest = text.trim().slice(5);
  const slash = rest.indexOf("/");
  return slash === -1
    ? { bucket: rest, key: "" }
    : { bucket: rest.slice(0, slash), key: rest.slice(slash + 1) };
}

export function formatS3Url(loc: S3Location): string {
  return `s3://${loc.bucket}/${loc.key}`;
}

/** True for a text that is meant as an S3 location (valid or not). */
export function looksLikeS3Url(text: string): boolean {
  return /^\s*s3:\/\//i.test(text);
}

/** A prefix (folder) rather than one object: the bucket root or a key ending in "/". */
export function isS3Prefix(loc: S3Location): boolean {
  return loc.key === "" || loc.key.endsWith("/");
}

/**
 * One entry of S3_ALLOWED_BUCKETS: `bucket` or `bucket/prefix/` (a prefix without the trailing
 * "/" is read as that folder, so `kyc/in` never admits `kyc/india-old/…`). Throws a message.
 */
export function parseAllowEntry(text: string): S3AllowEntry {
  const trimmed = text.trim().replace(/^s3:\/\//i, "");
  const slash = trimmed.indexOf("/");
  const bucket = slash === -1 ? trimmed : trimmed.slice(0, slash);
  const problem = bucketNameProblem(bucket);
  if (problem) throw new Error(`“${text.trim()}”: ${problem}`);
  let prefix = slash === -1 ? "" : trimmed.slice(slash + 1);
  if (prefix !== "" && !prefix.endsWith("/")) prefix += "/";
  if (prefix === "/") prefix = "";
  const keyIssue = keyProblem(prefix);
  if (keyIssue) throw new Error(`“${text.trim()}”: ${keyIssue}`);
  return { bucket, prefix };
}

/** The allow-list entry that admits `loc`, if any (exact bucket, key under the entry's prefix). */
export function matchAllowEntry(entries: readonly S3AllowEntry[], loc: S3Location): S3AllowEntry | undefined {
  if (bucketNameProblem(loc.bucket) !== undefined || keyProblem(loc.key) !== undefined) return undefined;
  return entries.find((e) => e.bucket === loc.bucket && loc.key.startsWith(e.prefix));
}

/**
 * A listing may start above an entry's prefix (browsing `s3://bucket/` when only `kyc/` is
 * allowed): true when `prefix` leads towards an allowed prefix, so the browser can descend.
 */
export function leadsToAllowed(entries: readonly S3AllowEntry[], loc: S3Location): boolean {
  if (bucketNameProblem(loc.bucket) !== undefined || keyProblem(loc.key) !== undefined) return false;
  return entries.some((e) => e.bucket === loc.bucket && e.prefix.startsWith(loc.key));
}

export const S3_NOT_CONFIGURED =
  "S3 input is not configured on this server: an administrator sets S3_ALLOWED_BUCKETS (bucket or bucket/prefix/, comma-separated).";

/** The allow-list as people write it in S3_ALLOWED_BUCKETS ("kyc/in, loans"). */
export function describeAllowEntries(entries: readonly S3AllowEntry[]): string {
  return entries.map((e) => `${e.bucket}/${e.prefix}`.replace(/\/$/, "")).join(", ");
}

/**
 * Why an `s3://` row cannot be used, or undefined when it can: S3 input off (no entries), not an
 * S3 location, or outside the allow-list. The same words as the server's checks, so the batch
 * form's preview (given the entries) and the submit agree.
 */
export function s3RowProblem(text: string, allowed: readonly S3AllowEntry[]): string | undefined {
  if (allowed.length === 0) return S3_NOT_CONFIGURED;
  const problem = s3UrlProblem(text);
  if (problem) return `${text.trim()} cannot be used: ${problem}.`;
  const loc = parseS3Url(text)!;
  if (matchAllowEntry(allowed, loc)) return undefined;
  return `${formatS3Url(loc)} is not in a bucket or folder this server may read. S3_ALLOWED_BUCKETS allows: ${describeAllowEntries(allowed)}.`;
}

/** The extension of a key, lowercased, without the dot ("" when it has none). */
export function keyExtension(key: string): string {
  const name = key.slice(key.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot <= 0 ? "" : name.slice(dot + 1).toLowerCase();
}
