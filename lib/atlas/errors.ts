/** Typed Atlas failures, each with a message a person can act on. Never carries secrets or tokens. */

export type AtlasErrorKind =
  /** Atlas refused (or did not receive) the client id/secret. */
  | "bad_credentials"
  /** 400 with the parameter names Atlas listed. */
  | "invalid_params"
  /** 400 "Too many files: maximum N per request". */
  | "too_many_files"
  /** 409: Atlas does not know the flow_uuid. */
  | "flow_not_found"
  /** 422: Atlas could not reach our auth_url. */
  | "auth_url_unreachable"
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
  attempts?: number;
  /** The answer's text (redacted, at most 4,000 characters), when there was one. */
  body?: string;
}

export class AtlasError extends Error {
  readonly kind: AtlasErrorKind;
  readonly userMessage: string;
  readonly endpoint: string;
  readonly status?: number;
  readonly fields: string[];
  readonly atlasMessage?: string;
  readonly problems: string[];
  readonly failure?: "timeout" | "network" | "status";
  readonly attempts?: number;
  readonly body?: string;

  constructor(init: AtlasErrorInit) {
    super(`${init.userMessage} [${init.endpoint}${init.status ? ` → ${init.status}` : ""}]`);
    this.name = "AtlasError";
    this.kind = init.kind;
    this.userMessage = init.userMessage;
    this.endpoint = init.endpoint;
    this.status = init.status;
    this.fields = init.fields ?? [];
    this.atlasMessage = init.atlasMessage;
    this.problems = init.problems ?? [];
    this.failure = init.failure;
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

/** Field names from Atlas's Python-style list: "... parameters: ['a', 'b']" → ["a", "b"]. */
export function parseFieldList(message: string): string[] {
  const list = message.match(/\[([^\]]*)\]/)?.[1];
  if (!list) return [];
  return list
    .split(",")
    .map((s) => s.trim().replace(/^['"]|['"]$/g, ""))
    .filter(Boolean);
}

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
  body?: string;
}): AtlasError {
  const { status, endpoint, atlasMessage, isTokenEndpoint, attempts, body } = args;
  const base = { endpoint, status, atlasMessage, attempts, body };
  const said = atlasMessage ? ` Atlas said: "${atlasMessage}".` : "";

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
  if (status === 400) {
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
