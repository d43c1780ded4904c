/**
 * Request-body limits outside the route handlers' own caps (lib/http/read-body.ts).
 *
 * Next buffers the body of every request that passes through proxy.ts, up to
 * `experimental.proxyClientMaxBodySize` (10 MiB by default), and silently hands the handler only
 * that much of anything larger. So route handlers and the simulator mount — the paths that take
 * large bodies (a 5,000-row batch, a 20 MB Atlas callback) and must authenticate before reading a
 * byte — are outside the proxy's matcher: their bodies stream straight to the handler. Only pages
 * pass through the proxy, and the only bodies they take are server actions, which Next refuses
 * past 1 MB (its default `serverActions.bodySizeLimit`); the proxy therefore holds at most this
 * much of an anonymous caller's body.
 */
export const PROXIED_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/** Atlas flow callbacks (ocr_data of every document plus cross-checks) are read up to this. */
export const MAX_CALLBACK_BODY_BYTES = 20_000_000;
