import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";
import { config } from "@/proxy";

/**
 * Next buffers (and reads to the end) the body of every request its proxy runs on before the
 * route handler sees it, so a proxy in front of a body-taking route handler lets any anonymous
 * client make the server hold megabytes per connection, and no handler can refuse before reading.
 */
const matches = (url: string, headers: Record<string, string> = {}) =>
  unstable_doesMiddlewareMatch({ config, nextConfig, url, headers });

describe("proxy matcher", () => {
  it.each([
    "/api/applications/0b3e/callback",
    "/api/applications/0b3e/auth",
    "/api/flows/0b3e/callback",
    "/api/flows/0b3e/auth",
    "/api/auth/callback/credentials",
    "/api/auth/signout",
    "/api/batches",
    "/api/health",
    "/atlas-sim/v1/flows",
    "/atlas-sim/__sim/faults",
  ])("never runs on a request to %s that carries a body (chunked or sized)", (path) => {
    expect(matches(path, { "transfer-encoding": "chunked" })).toBe(false);
    expect(matches(path, { "content-length": "209715200" })).toBe(false);
    expect(matches(path, { "content-length": "0" })).toBe(false);
  });

  it.each([
    "/",
    "/sign-in",
    "/batches/new",
    "/review",
    "/nonexistent",
    "/foo.png",
    "/api/health",
    "/api/auth/session",
    "/atlas-sim/files/a.svg",
  ])("still runs on body-less requests to %s (pages get their CSP nonce, everything HSTS)", (path) => {
    expect(matches(path)).toBe(true);
  });

  it("runs on page POSTs (server actions) and never on Next's build output", () => {
    expect(matches("/sign-in", { "content-length": "300", "next-action": "abc" })).toBe(true);
    expect(matches("/_next/static/chunks/app.js")).toBe(false);
  });

  it("buffers at most a server action's worth of a page POST's body", () => {
    const limit = (nextConfig.experimental as { proxyClientMaxBodySize?: number } | undefined)
      ?.proxyClientMaxBodySize;
    expect(limit).toBeDefined();
    expect(limit!).toBeLessThanOrEqual(1024 * 1024 + 1);
  });
});
