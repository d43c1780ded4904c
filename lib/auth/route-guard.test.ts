import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { HSTS } from "@/lib/http/security-headers";

// No one is signed in: guarded handlers answer 401 without touching a database.
vi.mock("./current-user", () => ({ getCurrentUser: async () => null }));

/**
 * proxy.ts does not run on requests to route handlers that carry a body (it would buffer them), so
 * the handlers' own wrappers put HSTS on their answers when the app is served over https.
 */
describe("route handler wrappers over https", () => {
  afterEach(() => {
    delete process.env.APP_BASE_URL;
    resetEnvForTests();
  });

  async function answers(appBaseUrl: string) {
    process.env.APP_BASE_URL = appBaseUrl;
    resetEnvForTests();
    const { guardedRoute, publicRoute } = await import("./route-guard");
    const denied = await guardedRoute("documents:view", async () => new Response("never"))(
      new Request(`${appBaseUrl}/api/x`, { method: "POST", body: "{}" }),
      {},
    );
    const open = await publicRoute("a public endpoint for this test", async () =>
      Response.json({ ok: true }),
    )(new Request(`${appBaseUrl}/api/y`), {});
    // A response with immutable headers (as fetch() returns, or Response.redirect).
    const immutable = await publicRoute("a public endpoint for this test", async () =>
      Response.redirect(`${appBaseUrl}/sign-in`, 302),
    )(new Request(`${appBaseUrl}/api/z`), {});
    return { denied, open, immutable };
  }

  it("add Strict-Transport-Security to every answer, refusals and redirects included", async () => {
    const { denied, open, immutable } = await answers("https://review.example.com");
    expect(denied.status).toBe(401);
    for (const r of [denied, open, immutable]) expect(r.headers.get("strict-transport-security")).toBe(HSTS);
    expect(immutable.headers.get("location")).toBe("https://review.example.com/sign-in");
    expect(await open.json()).toEqual({ ok: true });
  });

  it("never over plain http", async () => {
    const { denied, open, immutable } = await answers("http://127.0.0.1:3000");
    for (const r of [denied, open, immutable]) expect(r.headers.has("strict-transport-security")).toBe(false);
  });
});
