import { problem, type RowProblem } from "./problems";

export type FileUrlOptions = { allowHttp: boolean; now: Date };

export type FileUrlCheck = {
  problems: RowProblem[];
  /** What makes two rows "the same file"; null when the URL is unusable. */
  identity: string | null;
};

/** AWS caps pre-signed SigV4 URLs at seven days. */
const MAX_SIGV4_EXPIRES_SECONDS = 604_800;
const IST_OFFSET_MS = 330 * 60_000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function formatIst(at: Date): string {
  const t = new Date(at.getTime() + IST_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, "0");
  const month = MONTHS[t.getUTCMonth()];
  return `${t.getUTCDate()} ${month} ${t.getUTCFullYear()}, ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())} IST`;
}

function formatAgo(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

function lowerCaseParams(url: URL): Map<string, string> {
  const params = new Map<string, string>();
  for (const [key, value] of url.searchParams) params.set(key.toLowerCase(), value);
  return params;
}

const SIGV4_PARAMS = [
  "x-amz-algorithm",
  "x-amz-credential",
  "x-amz-date",
  "x-amz-expires",
  "x-amz-signature",
];

function isSigV4(params: Map<string, string>): boolean {
  return SIGV4_PARAMS.some((name) => params.has(name));
}

// SigV2 S3 links and CloudFront signed links both carry `Expires=<epoch seconds>`.
function isSigV2(params: Map<string, string>): boolean {
  return params.has("expires") && ["signature", "awsaccesskeyid", "key-pair-id"].some((n) => params.has(n));
}

const REGENERATE = "re-generate the pre-signed link";

function sigV4ExpiresAt(params: Map<string, string>): Date | RowProblem {
  const date = params.get("x-amz-date") ?? "";
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
  const signedAt = m && new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  if (!m || !signedAt || signedAt.toISOString().replace(/[-:]|\.\d{3}/g, "") !== date) {
    const seen = date ? `"${date}"` : "missing";
    return problem("url_signature_malformed", `X-Amz-Date is ${seen}, not YYYYMMDDTHHMMSSZ — ${REGENERATE}`);
  }
  const expires = params.get("x-amz-expires") ?? "";
  const seconds = /^\d{1,7}$/.test(expires) ? Number(expires) : NaN;
  if (!(seconds >= 1 && seconds <= MAX_SIGV4_EXPIRES_SECONDS)) {
    const seen = expires ? `"${expires}"` : "missing";
    return problem(
      "url_signature_malformed",
      `X-Amz-Expires is ${seen}, not a number of seconds from 1 to ${MAX_SIGV4_EXPIRES_SECONDS} — ${REGENERATE}`,
    );
  }
  return new Date(signedAt.getTime() + seconds * 1000);
}

function sigV2ExpiresAt(params: Map<string, string>): Date | RowProblem {
  const expires = params.get("expires") ?? "";
  if (!/^\d{1,12}$/.test(expires)) {
    return problem(
      "url_signature_malformed",
      `Expires is "${expires}", not a Unix time in seconds — ${REGENERATE}`,
    );
  }
  return new Date(Number(expires) * 1000);
}

/** Expiry problems of a pre-signed S3 (SigV4 or SigV2) or CloudFront link; none for other links. */
export function checkPresignedExpiry(url: URL, now: Date): RowProblem[] {
  const params = lowerCaseParams(url);
  const expiresAt = isSigV4(params)
    ? sigV4ExpiresAt(params)
    : isSigV2(params)
      ? sigV2ExpiresAt(params)
      : null;
  if (expiresAt === null) return [];
  if (!(expiresAt instanceof Date)) return [expiresAt];
  if (now.getTime() < expiresAt.getTime()) return [];
  const when = `${formatIst(expiresAt)} (${formatAgo(now.getTime() - expiresAt.getTime())})`;
  return [problem("url_expired", `Link expired ${when} — ${REGENERATE} and paste it again`)];
}

// Pre-signed links to the same object differ only in their signature: compare without the query.
function identityOf(url: URL): string {
  const params = lowerCaseParams(url);
  return isSigV4(params) || isSigV2(params) ? `${url.origin}${url.pathname}` : url.href;
}

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const KNOWN_SCHEMES = [
  "javascript",
  "data",
  "file",
  "ftp",
  "ftps",
  "blob",
  "vbscript",
  "mailto",
  "s3",
  "sftp",
];

/** "scheme://…" or one of the schemes that never have "//" (javascript:, data:…). */
export function looksLikeUrl(text: string): boolean {
  const scheme = SCHEME.exec(text)?.[1]?.toLowerCase();
  return (
    scheme !== undefined && (text.slice(scheme.length).startsWith("://") || KNOWN_SCHEMES.includes(scheme))
  );
}

export function checkFileUrl(raw: string, options: FileUrlOptions): FileUrlCheck {
  const text = raw.trim();
  if (text === "") {
    return {
      identity: null,
      problems: [problem("missing_url", "No file URL — add the link, or delete the row")],
    };
  }
  const scheme = SCHEME.exec(text)?.[1]?.toLowerCase();
  if (scheme && scheme !== "http" && scheme !== "https" && looksLikeUrl(text)) {
    const hint =
      scheme === "s3" ? "use a pre-signed https:// link to the object" : "use an https:// link to the file";
    return {
      identity: null,
      problems: [problem("scheme_refused", `${scheme}: links are refused — ${hint}`)],
    };
  }
  let url: URL | null = null;
  try {
    url = /^https?:\/\//i.test(text) ? new URL(text) : null;
  } catch {
    url = null;
  }
  if (!url || url.hostname === "") {
    return {
      identity: null,
      problems: [problem("not_a_url", "Not a URL — paste the full link, starting with https://")],
    };
  }
  const problems: RowProblem[] = [];
  if (url.protocol === "http:" && !options.allowHttp) {
    problems.push(problem("http_not_allowed", "http:// links are not accepted — use the https:// link"));
  }
  if (url.username || url.password) {
    problems.push(problem("url_has_credentials", "Link contains a user name or password — remove them"));
  }
  problems.push(...checkPresignedExpiry(url, options.now));
  return { identity: identityOf(url), problems };
}
