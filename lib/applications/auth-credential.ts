/**
 * Where a caller of our `auth_url` may put the application's secret. What Atlas sends to the
 * auth URL is not documented (atlas-api.md 4.3), so every usual place is accepted: the query
 * string of the URL we gave Atlas (`?key=`), a header, or the body (JSON or form-encoded).
 * Query and headers are checked before the body is touched; the body is read only when neither
 * carries a credential, and then with a small byte cap.
 */
import { readBodyCapped } from "@/lib/http/read-body";

/** Names under which the secret is recognised, in the query string and in a body. */
export const CREDENTIAL_KEYS = [
  "key",
  "secret",
  "client_secret",
  "api_key",
  "auth_key",
  "access_key",
  "clientSecret",
  "apiKey",
  "authKey",
  "accessKey",
  "password",
  "token",
] as const;
/** Headers that may carry the secret as their whole value. */
export const CREDENTIAL_HEADERS = [
  "x-api-key",
  "x-auth-key",
  "x-atlas-key",
  "client-secret",
  "client_secret",
  "x-client-secret",
  "x-api-secret",
  "x-secret",
  "secret",
  "api-key",
  "key",
  "token",
  "x-token",
  "x-auth-token",
] as const;
/** At most this many candidates are compared per request (one request is not a guessing round). */
export const MAX_CREDENTIAL_CANDIDATES = 6;
/** An auth request body is a few ids at most; anything larger is not Atlas. */
export const MAX_AUTH_BODY_BYTES = 16_384;

function headerCandidates(headers: Headers): string[] {
  const out: string[] = [];
  const authorization = headers.get("authorization")?.trim();
  if (authorization) {
    const [scheme = "", ...rest] = authorization.split(/\s+/);
    const value = rest.join(" ").trim();
    if (/^basic$/i.test(scheme) && value) {
      // Basic <base64(user:secret)>: the secret is the password part (or the whole, with no colon).
      const decoded = Buffer.from(value, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      const secret = colon >= 0 ? decoded.slice(colon + 1) : decoded;
      if (secret) out.push(secret);
    } else if (value) out.push(value);
    // No scheme at all: the header is the secret itself.
    else out.push(scheme);
  }
  for (const name of CREDENTIAL_HEADERS) {
    const value = headers.get(name)?.trim();
    if (value) out.push(value);
  }
  return out;
}

function bodyCandidates(text: string, contentType: string): string[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  let record: Record<string, unknown> | undefined;
  if (/json/i.test(contentType) || trimmed.startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
        record = parsed as Record<string, unknown>;
    } catch {
      record = undefined;
    }
  }
  if (!record) record = Object.fromEntries(new URLSearchParams(trimmed));
  // One level of nesting too: {"credentials": {"key": "…"}}, {"auth": {…}}.
  const records = [
    record,
    ...Object.values(record).filter(
      (v): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v),
    ),
  ];
  const out: string[] = [];
  for (const r of records)
    for (const name of CREDENTIAL_KEYS) {
      const value = r[name];
      if (typeof value === "string" && value.trim()) out.push(value.trim());
    }
  return out;
}

/**
 * Every credential the request presents (query string, headers, then body), at most
 * MAX_CREDENTIAL_CANDIDATES: Atlas may send its own `Token` header or an `Authorization` of its
 * own next to the secret we gave it, and the secret must still be found wherever it is.
 * Throws BodyTooLargeError (lib/http/read-body.ts) for a body past MAX_AUTH_BODY_BYTES.
 */
export async function presentedApplicationKeys(request: Request): Promise<string[]> {
  const url = new URL(request.url);
  const found: string[] = [];
  for (const name of CREDENTIAL_KEYS) {
    const value = url.searchParams.get(name)?.trim();
    if (value) found.push(value);
  }
  found.push(...headerCandidates(request.headers));
  if (request.method !== "GET" && request.method !== "HEAD" && request.body) {
    const text = await readBodyCapped(request, MAX_AUTH_BODY_BYTES);
    found.push(...bodyCandidates(text, request.headers.get("content-type") ?? ""));
  }
  return [...new Set(found)].slice(0, MAX_CREDENTIAL_CANDIDATES);
}
