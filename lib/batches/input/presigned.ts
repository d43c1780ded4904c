/**
 * When a pre-signed link lapses, read from its query string for every signing scheme we know
 * (S3 SigV4/SigV2, CloudFront, GCS, Azure SAS, Alibaba OSS, Tencent COS), and the problem a row
 * gets when it has lapsed. Times are shown in IST.
 */
import { createFormatter, DEFAULT_TIME_ZONE } from "@/lib/format";
import { problem, type RowProblem } from "./problems";

const ist = createFormatter(DEFAULT_TIME_ZONE);

/** "21/11/2025, 14:30 IST" (lib/format; the preview runs in the browser, so always IST here). */
export function formatIst(at: Date): string {
  return ist.dateTime(at);
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

type Params = Map<string, string>;

/** Each signed-URL scheme: how to recognise it and when it lapses. Parameter names in any case. */
type Scheme = { name: string; matches: (p: Params) => boolean; expiresAt: (p: Params) => Date | RowProblem };

const REGENERATE = "re-generate the pre-signed link";

/** AWS SigV4 and Google V4 both cap a signed URL at seven days. */
const MAX_V4_EXPIRES_SECONDS = 604_800;

const malformed = (what: string) => problem("url_signature_malformed", `${what} — ${REGENERATE}`);

function compactUtc(value: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return null;
  const at = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  return at.toISOString().replace(/[-:]|\.\d{3}/g, "") === value ? at : null;
}

/**
 * S3 SigV4 (`X-Amz-Date` + `X-Amz-Expires`), GCS V4 (`X-Goog-Date` + `X-Goog-Expires`) and
 * Alibaba Cloud OSS V4 (`x-oss-date` + `x-oss-expires`).
 */
function v4ExpiresAt(prefix: "X-Amz" | "X-Goog" | "x-oss") {
  return (params: Params): Date | RowProblem => {
    const date = params.get(`${prefix.toLowerCase()}-date`) ?? "";
    const signedAt = compactUtc(date);
    if (!signedAt)
      return malformed(`${prefix}-Date is ${date ? `"${date}"` : "missing"}, not YYYYMMDDTHHMMSSZ`);
    const expires = params.get(`${prefix.toLowerCase()}-expires`) ?? "";
    const seconds = /^\d{1,7}$/.test(expires) ? Number(expires) : NaN;
    if (!(seconds >= 1 && seconds <= MAX_V4_EXPIRES_SECONDS)) {
      const seen = expires ? `"${expires}"` : "missing";
      return malformed(
        `${prefix}-Expires is ${seen}, not a number of seconds from 1 to ${MAX_V4_EXPIRES_SECONDS}`,
      );
    }
    return new Date(signedAt.getTime() + seconds * 1000);
  };
}

/** S3 SigV2, GCS V2 and CloudFront canned policy: `Expires=<Unix seconds>`. */
function epochExpiresAt(params: Params): Date | RowProblem {
  const expires = params.get("expires") ?? "";
  if (!/^\d{1,12}$/.test(expires)) return malformed(`Expires is "${expires}", not a Unix time in seconds`);
  return new Date(Number(expires) * 1000);
}

/** CloudFront's URL-safe base64: `-` for `+`, `_` for `=`, `~` for `/`. */
function decodeCloudFrontBase64(value: string): string | null {
  const standard = value.replace(/-/g, "+").replace(/_/g, "=").replace(/~/g, "/").replace(/\s/g, "+");
  try {
    const binary = atob(standard);
    return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

/** CloudFront custom policy: `Policy` is base64 JSON whose statement has `DateLessThan`. */
function policyExpiresAt(params: Params): Date | RowProblem {
  const json = decodeCloudFrontBase64(params.get("policy") ?? "");
  let epoch: unknown;
  try {
    const policy = JSON.parse(json ?? "") as {
      Statement?: { Condition?: { DateLessThan?: Record<string, unknown> } }[];
    };
    epoch = policy.Statement?.[0]?.Condition?.DateLessThan?.["AWS:EpochTime"];
  } catch {
    return malformed("Policy is not a CloudFront policy (base64 JSON)");
  }
  const seconds = typeof epoch === "string" && /^\d{1,12}$/.test(epoch) ? Number(epoch) : epoch;
  if (typeof seconds !== "number" || !Number.isInteger(seconds) || seconds <= 0) {
    return malformed("The CloudFront Policy has no DateLessThan AWS:EpochTime");
  }
  return new Date(seconds * 1000);
}

// `se` is ISO 8601: a date (midnight UTC), or a time with Z or an offset, seconds optional.
const AZURE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Azure SAS: `se=` is the signed expiry. */
function azureExpiresAt(params: Params): Date | RowProblem {
  const se = params.get("se") ?? "";
  const m = AZURE_TIME.exec(se);
  const day = m && new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  if (!m || !day || day.getUTCDate() !== +m[3]! || day.getUTCMonth() !== +m[2]! - 1) {
    return malformed(`se is "${se}", not an ISO 8601 time such as 2025-11-21T18:30:00Z`);
  }
  if (m[4] === undefined) return day;
  const [hh, mm, ss] = [+m[4], +m[5]!, +(m[6] ?? 0)];
  if (hh > 23 || mm > 59 || ss > 59) {
    return malformed(`se is "${se}", not an ISO 8601 time such as 2025-11-21T18:30:00Z`);
  }
  const zone = m[7]!;
  const offsetMinutes =
    zone === "Z"
      ? 0
      : (zone[0] === "-" ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  return new Date(day.getTime() + ((hh * 60 + mm - offsetMinutes) * 60 + ss) * 1000);
}

/** Tencent COS: `q-sign-time=<start>;<end>` (Unix seconds); the link lapses at the end. */
function cosExpiresAt(params: Params): Date | RowProblem {
  const time = params.get("q-sign-time") ?? params.get("q-key-time") ?? "";
  const m = /^(\d{1,12});(\d{1,12})$/.exec(time);
  if (!m) return malformed(`q-sign-time is "${time}", not <start>;<end> in Unix seconds`);
  return new Date(Number(m[2]) * 1000);
}

const hasAny = (params: Params, names: string[]) => names.some((n) => params.has(n));

const SCHEMES: Scheme[] = [
  {
    name: "S3 SigV4",
    matches: (p) =>
      hasAny(p, ["x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-expires", "x-amz-signature"]),
    expiresAt: v4ExpiresAt("X-Amz"),
  },
  {
    name: "GCS V4",
    matches: (p) =>
      hasAny(p, [
        "x-goog-algorithm",
        "x-goog-credential",
        "x-goog-date",
        "x-goog-expires",
        "x-goog-signature",
      ]),
    expiresAt: v4ExpiresAt("X-Goog"),
  },
  {
    name: "OSS V4",
    matches: (p) =>
      hasAny(p, [
        "x-oss-signature-version",
        "x-oss-credential",
        "x-oss-date",
        "x-oss-expires",
        "x-oss-signature",
      ]),
    expiresAt: v4ExpiresAt("x-oss"),
  },
  {
    name: "Tencent COS",
    matches: (p) => p.has("q-signature") || p.has("q-sign-time"),
    expiresAt: cosExpiresAt,
  },
  {
    name: "CloudFront custom policy",
    matches: (p) => p.has("policy") && hasAny(p, ["signature", "key-pair-id"]),
    expiresAt: policyExpiresAt,
  },
  {
    // S3 SigV2, GCS V2 (GoogleAccessId) and CloudFront canned policy (Key-Pair-Id).
    name: "Expires",
    matches: (p) =>
      p.has("expires") && hasAny(p, ["signature", "awsaccesskeyid", "googleaccessid", "key-pair-id"]),
    expiresAt: epochExpiresAt,
  },
  { name: "Azure SAS", matches: (p) => p.has("sig") && p.has("se"), expiresAt: azureExpiresAt },
];

function signedScheme(params: Params): Scheme | undefined {
  return SCHEMES.find((s) => s.matches(params));
}

/**
 * When a pre-signed link lapses (S3 SigV4/SigV2, CloudFront canned/custom policy, GCS V4/V2,
 * Azure SAS, Alibaba OSS V4/V1, Tencent COS); null when the link is not pre-signed, a problem when its expiry cannot be read.
 */
export function presignedExpiresAt(url: URL): Date | RowProblem | null {
  const params = lowerCaseParams(url);
  return signedScheme(params)?.expiresAt(params) ?? null;
}

/** Expiry problems of a pre-signed link; none for other links. */
export function checkPresignedExpiry(url: URL, now: Date): RowProblem[] {
  const expiresAt = presignedExpiresAt(url);
  if (expiresAt === null) return [];
  if (!(expiresAt instanceof Date)) return [expiresAt];
  if (now.getTime() < expiresAt.getTime()) return [];
  const when = `${formatIst(expiresAt)} (${formatAgo(now.getTime() - expiresAt.getTime())})`;
  return [problem("url_expired", `Link expired ${when} — ${REGENERATE} and paste it again`)];
}

/** Whether the link carries a signature of a scheme we know (its query is then not part of the file's identity). */
export function isPresigned(url: URL): boolean {
  return signedScheme(lowerCaseParams(url)) !== undefined;
}
