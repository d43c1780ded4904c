import NextAuth from "next-auth";
import { type NextFetchEvent, type NextRequest, NextResponse } from "next/server";
import { authConfig } from "@/lib/auth/config";
import { getAuthSecret } from "@/lib/auth/secret";
import { getEnv } from "@/lib/env";
import { isPagePath, newNonce, requestSecurityHeaders } from "@/lib/http/security-headers";

/**
 * Two jobs, on every request except Next's static assets:
 *
 * 1. Security headers (lib/http/security-headers.ts): a Content-Security-Policy with a fresh
 *    nonce for pages (Next reads the nonce from the request's CSP header and puts it on its
 *    scripts; the root layout hands it to next-themes), and HSTS when APP_BASE_URL is https.
 *    The rest come from next.config.ts: the constant headers (X-Frame-Options, nosniff,
 *    Referrer-Policy, Permissions-Policy) and the script-free CSP of route handlers and the
 *    simulator mount (static, so no per-request work).
 * 2. Sends signed-out visitors of dashboard pages to the sign-in page. This is convenience, not
 *    security: every page, route handler and server action checks the user against the database
 *    itself (lib/auth/current-user.ts, lib/auth/route-guard.ts, lib/actions.ts).
 */
const { auth } = NextAuth(() => ({ ...authConfig, secret: getAuthSecret() }));

function secured(request: NextRequest, redirectTo?: URL): NextResponse {
  const page = isPagePath(request.nextUrl.pathname);
  const nonce = newNonce();
  const env = getEnv();
  const headers = requestSecurityHeaders(page ? { page: true, nonce } : { page: false }, {
    https: env.appBaseUrl.startsWith("https:"),
    dev: env.NODE_ENV === "development",
  });
  if (!page) delete headers["Content-Security-Policy"]; // next.config.ts sets it (see above)
  let response: NextResponse;
  if (redirectTo) response = NextResponse.redirect(redirectTo);
  else if (page) {
    const forwarded = new Headers(request.headers);
    forwarded.set("x-nonce", nonce);
    forwarded.set("content-security-policy", headers["Content-Security-Policy"]!);
    response = NextResponse.next({ request: { headers: forwarded } });
  } else response = NextResponse.next();
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/** Dashboard pages: everything except API routes, the sign-in page, the simulator, assets. */
const needsSignIn = (pathname: string) => /^\/(?!api\/|sign-in|atlas-sim|_next\/|.*\..*)/.test(pathname);

// With a lazily built config (the secret is read at run time, not build time) Auth.js hands back
// the wrapped handler as a promise.
const gated = auth((req) => {
  if (req.auth?.user) return secured(req);
  const signIn = new URL("/sign-in", req.nextUrl.origin);
  const target = req.nextUrl.pathname + req.nextUrl.search;
  if (target !== "/") signIn.searchParams.set("callbackUrl", target);
  return secured(req, signIn);
}) as unknown as Promise<(req: NextRequest, event: NextFetchEvent) => Promise<Response>>;

export async function proxy(req: NextRequest, event: NextFetchEvent) {
  if (needsSignIn(req.nextUrl.pathname)) return (await gated)(req, event);
  return secured(req);
}

/*
 * Next buffers the body of every request a proxy runs on (up to `proxyClientMaxBodySize`, and it
 * reads the rest before the route handler is called): a proxy in front of the Atlas callback,
 * Auth.js or the batch upload would hold megabytes for any anonymous client and defeat the
 * handlers' "authenticate, then read with a cap". So the proxy runs on API routes and the
 * simulator mount only for requests without a body; those with one go straight to their handler
 * (which sets HSTS itself, lib/auth/route-guard.ts, and reads with a cap, lib/http/read-body.ts).
 * Page POSTs (server actions, ≤ 1 MB) still pass, with the buffer cut to that size (next.config.ts).
 * Next's static build output and image optimiser are immutable assets; they get the constant
 * headers from next.config.ts.
 */
export const config = {
  matcher: [
    "/((?!_next/static/|_next/image|api/|atlas-sim/).*)",
    {
      source: "/:area(api|atlas-sim)/:path*",
      missing: [
        { type: "header", key: "content-length" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
  ],
};
