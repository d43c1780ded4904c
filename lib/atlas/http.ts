import type { z } from "zod";
import { parseRetryAfter, type RequestBudget } from "./budget";
import {
  AtlasError,
  errorForStatus,
  failedBeforeSending,
  looksLikeHtml,
  redact,
  summariseHtml,
} from "./errors";
import { parseAtlasJson } from "./json";
import { errorBodySchema } from "./schemas";

export interface HttpConfig {
  baseUrl: string;
  timeoutMs: number;
  /** Retries after the first attempt, for requests that may be retried. */
  maxRetries: number;
  retryBaseDelayMs: number;
  /** Upper bound for one backoff wait (also caps Retry-After). */
  maxRetryDelayMs: number;
  fetch: typeof fetch;
  /** Values that must never appear in error messages (client secret, tokens). */
  secrets: () => ReadonlyArray<string | undefined>;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** The instance's request budget toward Atlas, taken before every attempt (retries included). */
  budget?: RequestBudget;
}

export interface AtlasRequest {
  method: "GET" | "POST";
  path: string;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  body?: unknown;
  /**
   * Only idempotent requests are retried on 429/5xx/timeouts/connection errors. multiupload and
   * flow/init are not: a retry could create a second batch or flow.
   */
  retry: boolean;
  isTokenEndpoint?: boolean;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const isRetryableStatus = (status: number) => status === 429 || status >= 500;

function endpointOf(req: AtlasRequest): string {
  return `${req.method} ${req.path}`;
}

function buildUrl(baseUrl: string, req: AtlasRequest): string {
  const url = new URL(baseUrl.replace(/\/+$/, "") + req.path);
  for (const [key, value] of Object.entries(req.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

/**
 * Full-jitter-ish exponential backoff: between 50% and 100% of base·2^attempt, capped. A
 * Retry-After (seconds or an HTTP date) takes precedence, within the same cap.
 */
function backoffMs(config: HttpConfig, attempt: number, retryAfter: string | null): number {
  const after = parseRetryAfter(retryAfter, (config.now ?? Date.now)());
  if (after !== undefined) return Math.min(after, config.maxRetryDelayMs);
  const exp = config.retryBaseDelayMs * 2 ** attempt;
  return Math.min(config.maxRetryDelayMs, exp * (0.5 + 0.5 * (config.random ?? Math.random)()));
}

function atlasMessageOf(text: string, secrets: ReadonlyArray<string | undefined>): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return text.trim() ? redact(text.trim().slice(0, 200), secrets) : undefined;
  }
  const parsed = errorBodySchema.safeParse(json);
  if (!parsed.success) return undefined;
  const b = parsed.data;
  // A Python (FastAPI/pydantic) validation answer: {"detail": [{"loc": ["body", "file_urls"], "msg": "…"}]}.
  const details = validationDetails(b.detail);
  if (details.length > 0 && ![b.error_message, b.error, b.message].some((v) => typeof v === "string" && v))
    return redact(
      `Invalid parameters: [${details.map((d) => `'${d.field}'`).join(", ")}] (${details
        .map((d) => `${d.field}: ${d.msg ?? "invalid"}`)
        .join("; ")})`,
      secrets,
    ).slice(0, 500);
  const main = [b.error_message, b.error, b.message, b.detail].find((v) => typeof v === "string" && v);
  const reason = typeof b.reason === "string" && b.reason ? ` (${b.reason})` : "";
  return main ? redact(`${String(main)}${reason}`, secrets) : undefined;
}

/** pydantic's `detail` list as (field path without "body"/"query", message) pairs. */
function validationDetails(detail: unknown): Array<{ field: string; msg?: string }> {
  if (!Array.isArray(detail)) return [];
  return detail.flatMap((d) => {
    if (!d || typeof d !== "object" || !Array.isArray((d as { loc?: unknown }).loc)) return [];
    const loc = ((d as { loc: unknown[] }).loc as unknown[]).filter(
      (part, i) => !(i === 0 && (part === "body" || part === "query" || part === "header")),
    );
    const field = loc
      .map((part) => (typeof part === "number" ? `[${part}]` : String(part)))
      .join(".")
      .replace(/\.\[/g, "[");
    const msg = (d as { msg?: unknown }).msg;
    return field ? [{ field, msg: typeof msg === "string" ? msg : undefined }] : [];
  });
}

function describeIssues(issues: z.core.$ZodIssue[]): string[] {
  return issues.slice(0, 10).map((i) => `${i.path.length ? i.path.join(".") : "(body)"}: ${i.message}`);
}

function protocolError(endpoint: string, status: number, problems: string[], body?: string): AtlasError {
  return new AtlasError({
    kind: "protocol",
    endpoint,
    status,
    problems,
    body,
    userMessage: `Atlas sent a response the dashboard could not understand (${endpoint}: ${problems[0] ?? "unknown problem"}).`,
  });
}

/** " to https://host/path" (no query string: it may carry a signature), or "" when unknown. */
function redirectTarget(location: string | null, baseUrl: string): string {
  if (!location) return "";
  try {
    const url = new URL(location, baseUrl);
    return ` to ${url.origin}${url.pathname}`;
  } catch {
    return "";
  }
}

/** The answer's text as kept on an error (redacted, bounded), e.g. for an upload whose fate is unknown. */
const keptBody = (text: string, config: HttpConfig) => redact(text.slice(0, 4000), config.secrets());

/**
 * One Atlas call: timeout on every attempt, bounded jittered retries for idempotent requests,
 * status mapping to AtlasError, and zod validation of the body.
 */
export async function sendRequest<S extends z.ZodType>(
  config: HttpConfig,
  req: AtlasRequest,
  schema: S,
): Promise<z.infer<S>> {
  const endpoint = endpointOf(req);
  const url = buildUrl(config.baseUrl, req);
  const sleep = config.sleep ?? defaultSleep;
  const maxAttempts = req.retry ? config.maxRetries + 1 : 1;

  for (let attempt = 1; ; attempt++) {
    const canRetry = attempt < maxAttempts;
    let status: number;
    let text: string;
    let retryAfter: string | null = null;
    let contentType: string | null = null;
    let location: string | null = null;
    await config.budget?.acquire();
    try {
      const response = await config.fetch(url, {
        method: req.method,
        headers: {
          accept: "application/json",
          ...(req.body !== undefined ? { "content-type": "application/json" } : {}),
          ...req.headers,
        },
        body: req.body !== undefined ? JSON.stringify(req.body) : undefined,
        signal: AbortSignal.timeout(config.timeoutMs),
        // Never follow a redirect: it would carry the client secret or the token (custom headers
        // that fetch does not strip) to wherever the Location points, and turn a POST into a GET.
        redirect: "manual",
      });
      status = response.status;
      location = response.headers.get("location");
      retryAfter = response.headers.get("retry-after");
      contentType = response.headers.get("content-type");
      text = await response.text();
    } catch (e) {
      const timedOut = e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError");
      if (canRetry) {
        await sleep(backoffMs(config, attempt - 1, null));
        continue;
      }
      const host = new URL(config.baseUrl).host;
      throw new AtlasError({
        kind: "unavailable",
        endpoint,
        failure: timedOut ? "timeout" : "network",
        notSent: !timedOut && failedBeforeSending(e),
        attempts: attempt,
        userMessage: timedOut
          ? `Atlas did not answer within ${Math.round(config.timeoutMs / 100) / 10} s${attempt > 1 ? ` (${attempt} attempts)` : ""}. Try again later; if it persists, raise ATLAS_TIMEOUT_MS.`
          : `Could not connect to Atlas at ${host}${attempt > 1 ? ` (${attempt} attempts)` : ""}. Check ATLAS_BASE_URL and the network.`,
      });
    }

    if (status === 429) config.budget?.slowDown(parseRetryAfter(retryAfter, (config.now ?? Date.now)()));
    else config.budget?.recover();
    const html = looksLikeHtml(text, contentType);

    if ((status >= 300 && status < 400) || status === 0) {
      throw new AtlasError({
        kind: "unexpected_status",
        endpoint,
        status,
        attempts: attempt,
        body: keptBody(text, config),
        userMessage: `Atlas answered ${status} with a redirect${redirectTarget(location, config.baseUrl)} (${endpoint}). The dashboard does not follow redirects, which would send the credentials along: set ATLAS_BASE_URL (or the family's base URL) to the address Atlas really serves.`,
      });
    }
    if (status < 200 || status >= 300) {
      if (isRetryableStatus(status) && canRetry) {
        await sleep(backoffMs(config, attempt - 1, retryAfter));
        continue;
      }
      throw errorForStatus({
        status,
        endpoint,
        atlasMessage: html ? undefined : atlasMessageOf(text, config.secrets()),
        isTokenEndpoint: req.isTokenEndpoint ?? false,
        attempts: attempt,
        proxyPage: html ? summariseHtml(text) : undefined,
        body: keptBody(text, config),
      });
    }

    if (html) {
      throw new AtlasError({
        kind: "protocol",
        endpoint,
        status,
        problems: [`body is ${summariseHtml(text)}, not JSON`],
        body: keptBody(text, config),
        userMessage: `Atlas answered ${status} with ${summariseHtml(text)} instead of JSON, probably from a proxy or sign-in page in front of the API (${endpoint}). Check ATLAS_BASE_URL.`,
      });
    }
    let json: unknown;
    try {
      json = parseAtlasJson(text);
    } catch {
      const problem = `body is not valid JSON (${text.length} characters)`;
      throw protocolError(endpoint, status, [problem], keptBody(text, config));
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw protocolError(endpoint, status, describeIssues(parsed.error.issues), keptBody(text, config));
    return parsed.data;
  }
}
