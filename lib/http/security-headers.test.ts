import { describe, expect, it } from "vitest";
import {
  CONSTANT_SECURITY_HEADERS,
  defaultResponseHeaders,
  HSTS,
  isPagePath,
  newNonce,
  NON_PAGE_CONTENT_SECURITY_POLICY,
  pageContentSecurityPolicy,
  requestSecurityHeaders,
} from "./security-headers";

const directives = (csp: string) =>
  new Map(
    csp.split(";").map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values] as const;
    }),
  );

describe("page Content-Security-Policy", () => {
  it("runs only scripts that carry this request's nonce, never inline or eval", () => {
    const csp = directives(pageContentSecurityPolicy("abc123", { https: false }));
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("worker-src")).toEqual(["'self'", "blob:"]);
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
  });
  it("allows eval only under next dev", () => {
    expect(pageContentSecurityPolicy("n", { https: false, dev: true })).toContain("'unsafe-eval'");
    expect(pageContentSecurityPolicy("n", { https: true })).not.toContain("unsafe-eval");
  });
  it("upgrades insecure requests and sends HSTS only over https", () => {
    const over = requestSecurityHeaders({ page: true, nonce: "n" }, { https: true });
    expect(over["Strict-Transport-Security"]).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
    expect(over["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
    const plain = requestSecurityHeaders({ page: true, nonce: "n" }, { https: false });
    expect(plain["Strict-Transport-Security"]).toBeUndefined();
    expect(
      requestSecurityHeaders({ page: false }, { https: true })["Strict-Transport-Security"],
    ).toBeDefined();
  });
});

describe("non-page policy and constant headers", () => {
  it("lets nothing run", () => {
    const csp = directives(NON_PAGE_CONTENT_SECURITY_POLICY);
    expect(csp.get("default-src")).toEqual(["'none'"]);
    expect(csp.has("script-src")).toBe(false);
    expect(csp.has("sandbox")).toBe(true);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  });
  it("deny framing and sniffing", () => {
    expect(CONSTANT_SECURITY_HEADERS["X-Frame-Options"]).toBe("DENY");
    expect(CONSTANT_SECURITY_HEADERS["X-Content-Type-Options"]).toBe("nosniff");
    expect(CONSTANT_SECURITY_HEADERS["Referrer-Policy"]).toBeTruthy();
    expect(CONSTANT_SECURITY_HEADERS["Permissions-Policy"]).toContain("camera=()");
  });
});

describe("newNonce", () => {
  it("is 128 random bits, base64, fresh every time", () => {
    const nonces = new Set(Array.from({ length: 1000 }, newNonce));
    expect(nonces.size).toBe(1000);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe("isPagePath", () => {
  it.each([
    "/",
    "/sign-in",
    "/batches",
    "/documents/0b7c-…",
    "/admin/users",
    "/atlas-simulator",
    "/no-such-page.txt",
  ])("%s is a page", (p) => expect(isPagePath(p)).toBe(true));
  it.each([
    "/api/health",
    "/api/documents/x/file",
    "/atlas-sim",
    "/atlas-sim/files/a.svg",
    "/_next/data/x",
    "/api",
  ])("%s is not a page", (p) => expect(isPagePath(p)).toBe(false));
});

describe("defaultResponseHeaders (preset on every response, before Next answers)", () => {
  it("carry the constant headers, and a CSP that can never break a page", () => {
    const page = defaultResponseHeaders("/sign-in/", { https: false });
    for (const [name, value] of Object.entries(CONSTANT_SECURITY_HEADERS)) expect(page[name]).toBe(value);
    const csp = directives(page["Content-Security-Policy"]!);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.has("script-src")).toBe(false);
    expect(csp.has("default-src")).toBe(false);
    expect(page["Strict-Transport-Security"]).toBeUndefined();
  });
  it("give route handlers and the simulator the script-free policy, and HSTS over https", () => {
    const api = defaultResponseHeaders("/api/health/", { https: true });
    expect(api["Content-Security-Policy"]).toBe(NON_PAGE_CONTENT_SECURITY_POLICY);
    expect(api["Strict-Transport-Security"]).toBe(HSTS);
    expect(defaultResponseHeaders("/atlas-sim//__sim", { https: false })["Content-Security-Policy"]).toBe(
      NON_PAGE_CONTENT_SECURITY_POLICY,
    );
  });
});
