import { UserError } from "@/lib/errors";

/**
 * Typed Atlas failures, each with a message a person can act on. Never carries secrets or tokens.
 * An AtlasError is a UserError (lib/errors.ts): its `userMessage` reaches the person as it is;
 * its `message` adds the endpoint and status for the log.
 */

export type AtlasErrorKind =
  /** Atlas refused (or did not receive) the client id/secret. */
  | "bad_credentials"
  /** 400 with the parameter names Atlas listed. */
  | "invalid_params"
  /** 400 "Too many files: maximum N per request". */
  | "too_many_files"
  /** 409: Atlas does not know the flow_uuid. */
  | "flow_not_found"
  /** 422 on a Flow (verification) upload: Atlas could not reach our auth_url. */
  | "auth_url_unreachable"
  /** 422 anywhere else (e.g. the Bulk API): valid syntax Atlas could not process. */
  | "unprocessable"
  /** 401 on a protected call, even after renewing the token once. */
  | "token_rejected"
  /** 410: this API version is retired. */
  | "version_gone"
  /** 429, 5xx, timeouts and connection errors (after the retries that were allowed). */
  | "unavailable"
  /** The response could not be understood (not JSON, or not the documented shape). */
  | "protocol"
  /** Any other status (404, 403, ...), usually a wrong ATLAS_BASE_URL. */
  | "unexpected_status";

export interface AtlasErrorInit {
  kind: AtlasErrorKind;
  userMessage: string;
  /** e.g. "GET /v1/bulk/extracts" */
  endpoint: string;
  status?: number;
  /** invalid_params: the field names Atlas gave, e.g. ["flow_uuid"]. */
  fields?: string[];
  /** Atlas's own message, with any secret removed. */
  atlasMessage?: string;
  /** protocol: what was wrong, e.g. ["data.0.document_id: Invalid input"]. */
  problems?: string[];
  /** unavailable: what went wrong on the wire. */
  failure?: "timeout" | "network" | "status";
  /** network: the connection was never made (refused, unknown host), so nothing was sent. */
  notSent?: boolean;
  attempts?: number;
  /** The answer's text (redacted, at most 4,000 characters), when there was one. */
  body?: string;
}

export class AtlasError extends UserError {
  readonly kind: AtlasErrorKind;
  readonly endpoint: string;
  readonly status?: number;
  readonly fields: string[];
  readonly atlasMessage?: string;
  readonly problems: string[];
  readonly failure?: "timeout" | "network" | "status";
  readonly notSent?: boolean;
  readonly attempts?: number;
  readonly body?: string;

  constructor(init: AtlasErrorInit) {
    super(init.kind === "unavailable" ? "atlas_unavailable" : "atlas_failed", init.userMessage);
    this.message = `${init.userMessage} [${init.endpoint}${init.status ? ` → ${init.status}` : ""}]`;
    this.name = "AtlasError";
    this.kind = init.kind;
    this.endpoint = init.endpoint;
    this.status = init.status;
    this.fields = init.fields ?? [];
    this.atlasMessage = init.atlasMessage;
    this.problems = init.problems ?? [];
    this.failure = init.failure;
    this.notSent = init.notSent;
    this.attempts = init.attempts;
    this.body = init.body;
  }
}

/**
 * Recognises an AtlasError by its shape as well as by class: the production server bundles
 * this module more than once (instrumentation and route chunks), and the shared client may have
 * been built by the other copy, whose class `instanceof` does not see.
 */
export const isAtlasError = (e: unknown, kind?: AtlasErrorKind): e is AtlasError =>
  (e instanceof AtlasError ||
    (e instanceof Error &&
      e.name === "AtlasError" &&
      typeof (e as Partial<AtlasError>).kind === "string" &&
      typeof (e as Partial<AtlasError>).userMessage === "string")) &&
  (kind === undefined || (e as AtlasError).kind === kind);

/**
 * Field names from Atlas's Python-style list of quoted names: "... parameters: ['a', 'b']" →
 * ["a", "b"]. Only such a list is read: an index like `file_urls[0]` elsewhere in the message is
 * not a list of field names, and a name may itself contain brackets (`['file_urls[0].file_url']`).
 */
export function parseFieldList(message: string): string[] {
  const list = message.match(/\[\s*((?:'[^']*'|"[^"]*")(?:\s*,\s*(?:'[^']*'|"[^"]*"))*)\s*,?\s*\]/)?.[1];
  if (!list) return [];
  return [...list.matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => (m[1] ?? m[2] ?? "").trim()).filter(Boolean);
}

/** An error page from a proxy or gateway in front of Atlas (HTML instead of Atlas's JSON). */
export function looksLikeHtml(text: string, contentType?: string | null): boolean {
  if (contentType && /text\/html|application\/xhtml/i.test(contentType)) return true;
  return /^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<title[\s>]|<center[\s>]|<h1[\s>])/i.test(
    text,
  );
}

/** A short description of an HTML page: its title or first heading, never the page itself. */
export function summariseHtml(text: string): string {
  const pick = (re: RegExp) =>
    text
      .match(re)?.[1]
      ?.replace(/<[^>]*>/g, " ")
      .replace(/&[a-z#0-9]+;/gi, " ")
      .replace(/\s+/g, " ")
      .trim();
  const title = pick(/<title[^>]*>([\s\S]*?)<\/title>/i) || pick(/<h1[^>]*>([\s\S]*?)<\/h1>/i);
  return title ? `an HTML error page ("${title.slice(0, 80)}")` : "an HTML error page";
}

/** Flow (verification) endpoints, where a 422 means Atlas could not reach our auth URL. */
const isVerificationEndpoint = (endpoint: string) => /\/verification\//.test(endpoint);

/** Removes every secret (client secret, tokens) from text that came from the network. */
export function redact(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join("[redacted]");
  return out.replace(/eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]+/g, "[redacted-jwt]");
}

/** Builds the error for a non-2xx answer that will not be retried (further). */
export function errorForStatus(args: {
  status: number;
  endpoint: string;
  atlasMessage?: string;
  isTokenEndpoint: boolean;
  attempts: number;
  /** Set when the answer was an HTML page (a proxy's), summarised, e.g. `an HTML error page ("502 Bad Gateway")`. */
  proxyPage?: string;
  body?: string;
}): AtlasError {
  const { status, endpoint, atlasMessage, isTokenEndpoint, attempts, proxyPage, body } = args;
  const base = { endpoint, status, atlasMessage, attempts, body };
  const said = atlasMessage ? ` Atlas said: "${atlasMessage}".` : "";

  if (proxyPage) {
    const retryable = status === 429 || status >= 500;
    return new AtlasError({
      ...base,
      kind: retryable ? "unavailable" : "unexpected_status",
      ...(retryable ? { failure: "status" as const } : {}),
      userMessage:
        `Atlas answered ${status} from a proxy (${proxyPage}), not from the API itself${attempts > 1 ? `, after ${attempts} attempts` : ""}. ` +
        (retryable
          ? "Try again in a few minutes; if it persists, check the network path to Atlas."
          : "Check ATLAS_BASE_URL and any proxy or firewall between this server and Atlas."),
    });
  }

  if (isTokenEndpoint && (status === 400 || status === 401 || status === 403)) {
    return new AtlasError({
      ...base,
      kind: "bad_credentials",
      userMessage:
        status === 400
          ? "Atlas did not receive a client id and secret. Set ATLAS_CLIENT_ID and ATLAS_CLIENT_SECRET."
          : "Atlas rejected the client id/secret. Check ATLAS_CLIENT_ID and ATLAS_CLIENT_SECRET.",
    });
  }
  if (status === 400 && atlasMessage && /too many files/i.test(atlasMessage)) {
    const max = atlasMessage.match(/maximum (\d+)/i)?.[1];
    return new AtlasError({
      ...base,
      kind: "too_many_files",
      userMessage: `Atlas accepts at most ${max ?? "a limited number of"} files per upload. Send the documents in smaller chunks.`,
    });
  }
  // 422 with a validation list (a Python framework's answer) is a parameter problem, not an
  // unreachable auth URL, on any API family.
  const validation = status === 422 && !!atlasMessage && /^Invalid parameters: \[/.test(atlasMessage);
  if (status === 400 || validation) {
    const fields = atlasMessage ? parseFieldList(atlasMessage) : [];
    return new AtlasError({
      ...base,
      kind: "invalid_params",
      fields,
      userMessage: fields.length
        ? `Atlas rejected the request: missing or invalid ${fields.join(", ")}.`
        : `Atlas rejected the request as invalid.${said}`,
    });
  }
  if (status === 401) {
    return new AtlasError({
      ...base,
      kind: "token_rejected",
      userMessage:
        "Atlas rejected our access token even after renewing it. Check ATLAS_BASE_URL and the credentials; tokens only work for the API that issued them.",
    });
  }
  if (status === 409) {
    return new AtlasError({
      ...base,
      kind: "flow_not_found",
      userMessage:
        "Atlas does not know this flow (it may belong to another Atlas environment). Start a new flow.",
    });
  }
  if (status === 410) {
    return new AtlasError({
      ...base,
      kind: "version_gone",
      userMessage:
        "Atlas no longer serves this API version. The dashboard needs an update to a supported version.",
    });
  }
  if (status === 422 && !isVerificationEndpoint(endpoint)) {
    return new AtlasError({
      ...base,
      kind: "unprocessable",
      userMessage: `Atlas could not process the request (HTTP 422).${said || " Check the file URLs and the product type."}`,
    });
  }
  if (status === 422) {
    return new AtlasError({
      ...base,
      kind: "auth_url_unreachable",
      userMessage:
        "Atlas could not reach our auth URL. Make sure APP_BASE_URL is reachable from Atlas and the auth endpoint answers, then upload again.",
    });
  }
  if (status === 429 || status >= 500) {
    return new AtlasError({
      ...base,
      kind: "unavailable",
      failure: "status",
      userMessage: `Atlas is unavailable right now (HTTP ${status}${attempts > 1 ? ` after ${attempts} attempts` : ""}). Try again in a few minutes.`,
    });
  }
  return new AtlasError({
    ...base,
    kind: "unexpected_status",
    userMessage: `Atlas answered with HTTP ${status}, which the dashboard does not expect here. Check ATLAS_BASE_URL.${said}`,
  });
}

/** Statuses that say a timeout or a dropped connection somewhere between us and Atlas: 408
 * (a proxy's request timeout) and 499 (nginx: the other side closed), like 5xx. */
const TIMEOUT_STATUSES = new Set([408, 499]);

/**
 * Whether the upload may have reached Atlas although we got no usable answer: a timeout or a
 * dropped connection (408/499 from a proxy included), a 5xx (502/503/504 from a proxy included),
 * or a 2xx answer we could not read. A 429 or another 4xx is a refusal (nothing was processed),
 * and a connection that was never made (refused, unknown host) sent nothing: the chunk simply
 * failed.
 */
export function mayHaveReachedAtlas(error: unknown): boolean {
  if (!isAtlasError(error)) return false;
  if (error.notSent) return false;
  if (error.status !== undefined && TIMEOUT_STATUSES.has(error.status)) return true;
  if (error.kind === "unavailable")
    return error.failure === "timeout" || error.failure === "network" || (error.status ?? 0) >= 500;
  if (error.kind === "protocol")
    return error.status === undefined || (error.status >= 200 && error.status < 300);
  return error.kind === "unexpected_status" && (error.status ?? 0) >= 500;
}

/** Error codes of a connection that was never made: the request cannot have been sent. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/** True when a fetch failure (TypeError "fetch failed" with a `cause`) happened before connecting. */
export function failedBeforeSending(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && NOT_SENT_CODES.has(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
