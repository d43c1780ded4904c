import type { NextConfig } from "next";
import { getEnv } from "./lib/env";
import { CONSTANT_SECURITY_HEADERS, NON_PAGE_CONTENT_SECURITY_POLICY } from "./lib/http/security-headers";

// Validate the environment as the very first thing `next build` and `next start` do, so a bad
// setting stops start-up with a message that names it instead of failing on the first request.
getEnv();

const nextConfig: NextConfig = {
  // Lets several builds live side by side in one checkout (parallel e2e runs); default .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // PGlite loads its WASM and data files from its own package folder at run time.
  // The second reader's OCR (lib/second-reader) loads WebAssembly, language data and native
  // binaries from its packages' folders and runs tesseract in a worker thread: not bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "tesseract.js",
    "tesseract.js-core",
    "@tesseract.js-data/eng",
    "sharp",
    "@resvg/resvg-js",
    "@napi-rs/canvas",
    "pg-boss",
  ],
  devIndicators: false,
  // `npm run typecheck` is its own gate in `npm test`; checking again inside every build only
  // makes the e2e run slower.
  typescript: { ignoreBuildErrors: true },
  // forbidden() renders app/forbidden.tsx with a 403 for signed-in users whose role lacks access.
  // proxyClientMaxBodySize: Next buffers the body of every request its proxy runs on (proxy.ts) up
  // to this size and drops the rest. The proxy runs on no request to a route handler that has a
  // body, only on pages, whose POSTs are server actions with Next's 1 MB body limit: one byte more
  // keeps that limit's own error while holding no more than a server action may send.
  experimental: { authInterrupts: true, proxyClientMaxBodySize: 1024 * 1024 + 1 },
  // Anti-framing, nosniff, referrer and permissions policy on everything served, static assets
  // included; a script-free, sandboxed CSP on route handlers and the simulator (these win over a
  // handler's own headers, so the policy is the strictest any handler needs). The per-request ones
  // (pages' CSP with a nonce, HSTS) are set in proxy.ts.
  async headers() {
    const nonPage = [{ key: "Content-Security-Policy", value: NON_PAGE_CONTENT_SECURITY_POLICY }];
    return [
      {
        source: "/:path*",
        headers: Object.entries(CONSTANT_SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
      },
      { source: "/api/:path*", headers: nonPage },
      { source: "/atlas-sim/:path*", headers: nonPage },
    ];
  },
};

export default nextConfig;
