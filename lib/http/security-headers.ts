/**
 * The security headers of every response, in one place. Pure (no server-only import): proxy.ts
 * sets the per-request ones (Content-Security-Policy with a fresh nonce, HSTS), next.config.ts
 * sets the constant ones on everything Next serves, static assets included.
 *
 * Pages get a nonce-based policy: scripts run only when they carry this request's nonce (Next puts
 * it on its own scripts; next-themes gets it through the root layout) or are loaded by such a
 * script ('strict-dynamic'), never inline or from elsewhere. Styles allow 'unsafe-inline', which
 * React style attributes, sonner and next/font need; they cannot run script. Everything else a
 * page uses is same-origin: the file proxy's images and PDFs, the pdf.js worker (blob: too).
 * Route handlers and the simulator mount answer data, not pages, and get a policy that allows
 * nothing, so a response opened directly (a JSON error, an SVG from the simulator) cannot run
 * script either.
 */

export type SecurityHeaderOptions = {
  /** Served over https (APP_BASE_URL is https): adds HSTS and upgrade-insecure-requests. */
  https: boolean;
  /** `next dev` needs 'unsafe-eval' for React's debugging aids; production never does. */
  dev?: boolean;
};

const join = (directives: (string | false)[]) => directives.filter(Boolean).join("; ");

export function pageContentSecurityPolicy(nonce: string, options: SecurityHeaderOptions): string {
  return join([
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    options.https && "upgrade-insecure-requests",
  ]);
}

/** For everything that is not a page (route handlers, the simulator mount, files). */
// Next lets this header (next.config.ts) override a route handler's own, so it must be at least as
// strict as any handler's: the file proxy's sandbox policy (lib/review/file-response.ts) included.
export const NON_PAGE_CONTENT_SECURITY_POLICY = join([
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "sandbox",
]);

/** The same on every response whatever the request: next.config.ts `headers()`. */
export const CONSTANT_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy":
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=()",
  "Cross-Origin-Opener-Policy": "same-origin",
};

/** Two years, subdomains included: only ever sent over https. */
export const HSTS = "max-age=63072000; includeSubDomains";

/** A fresh, unguessable nonce (128 bits, base64). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** The per-request headers: CSP (page or non-page) and, over https, HSTS. */
export function requestSecurityHeaders(
  kind: { page: true; nonce: string } | { page: false },
  options: SecurityHeaderOptions,
): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": kind.page
      ? pageContentSecurityPolicy(kind.nonce, options)
      : NON_PAGE_CONTENT_SECURITY_POLICY,
  };
  if (options.https) headers["Strict-Transport-Security"] = HSTS;
  return headers;
}

/**
 * Whether a path may be answered with an HTML page (rather than by a route handler, the simulator
 * or a build asset). Unknown paths, dotted ones included, render the not-found page: they are pages.
 */
export function isPagePath(pathname: string): boolean {
  return !/^\/(api(\/|$)|atlas-sim(\/|$)|_next\/)/.test(pathname);
}

/**
 * What every response starts with, set on Node's response before Next sees the request
 * (lib/auth/client-address.ts installs the hook). Next's own answers that bypass next.config.ts
 * `headers()` and proxy.ts — the 308s that drop a trailing slash or a doubled slash — would
 * otherwise carry none. Whatever Next, the proxy or a handler sets later replaces these. Paths
 * that may be pages start with a CSP that restricts no script (the proxy replaces it with the
 * nonce policy), so it can never break a page; the rest start with the non-page policy.
 */
export function defaultResponseHeaders(
  pathname: string,
  options: SecurityHeaderOptions,
): Record<string, string> {
  const headers: Record<string, string> = {
    ...CONSTANT_SECURITY_HEADERS,
    "Content-Security-Policy": isPagePath(pathname)
      ? "frame-ancestors 'none'; object-src 'none'; base-uri 'self'"
      : NON_PAGE_CONTENT_SECURITY_POLICY,
  };
  if (options.https) headers["Strict-Transport-Security"] = HSTS;
  return headers;
}
