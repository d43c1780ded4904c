import { formatS3Url, parseS3Url } from "@/lib/s3/location";
import { checkPresignedExpiry, isPresigned } from "./presigned";
import { problem, type RowProblem } from "./problems";

export type FileUrlOptions = { allowHttp: boolean; now: Date };

export type FileUrlCheck = {
  problems: RowProblem[];
  /** What makes two rows "the same file"; null when the URL is unusable. */
  identity: string | null;
};

// Pre-signed links to the same object differ only in their signature: compare without the query.
function identityOf(url: URL): string {
  return isPresigned(url) ? `${url.origin}${url.pathname}` : url.href;
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

/**
 * What makes two links "the same file" (a pre-signed link without its signature, an `s3://`
 * location written the one way); null if not a link.
 */
export function fileIdentity(raw: string): string | null {
  const s3 = /^\s*s3:/i.test(raw) ? parseS3Url(raw) : null;
  if (s3) return formatS3Url(s3);
  try {
    const url = new URL(raw.trim());
    return /^https?:$/.test(url.protocol) ? identityOf(url) : null;
  } catch {
    return null;
  }
}

/** The part of a link before its query string, as stored: what the recorded-files lookup indexes. */
export const fileUrlBase = (raw: string) => raw.trim().split("?")[0]!;

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
