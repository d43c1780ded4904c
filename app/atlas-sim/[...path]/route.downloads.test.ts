/**
 * Demo mode downloads uploaded files as Atlas does: the simulator's own specimen files straight
 * from it, whatever host name the page used for them; anything else only through the SSRF-safe
 * fetcher, so a private address gives the document a download error instead of a request.
 */
import { describe, expect, it, vi } from "vitest";

const currentUser = vi.hoisted(() => ({
  value: { id: "u1", email: "admin@test.local", name: "admin", role: "admin" } as null | Record<
    string,
    string
  >,
}));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => currentUser.value }));

const route = await import("./route");
const BASE = "http://127.0.0.1:3000/atlas-sim";
const call = (method: "GET" | "POST", path: string, init: RequestInit = {}) =>
  route[method](new Request(`${BASE}${path}`, { method, ...init }), {});

type Download = { documentId: string; status: number | null; ok: boolean; error?: string };

describe("the embedded simulator's downloads", () => {
  it("fetches its own specimens under any host name, and refuses private addresses", async () => {
    expect(((await (await call("GET", "/__sim/downloads")).json()) as { enabled: boolean }).enabled).toBe(
      true,
    );
    const token = (await (
      await call("POST", "/v1/bulk/authtoken", {
        headers: { "Client-Id": "atlas-review-demo", "Client-Secret": "atlas-review-demo-secret" },
      })
    ).json()) as { access_token: string };
    const upload = await call("POST", "/v1/bulk/multiupload", {
      headers: { Token: token.access_token, "content-type": "application/json" },
      body: JSON.stringify({
        product_type: "POC_CDL",
        file_urls: [
          { document_id: "lan-pan", file_url: "http://192.168.1.20:3000/atlas-sim/files/pan-1.svg" },
          { document_id: "intranet", file_url: "http://10.0.0.7/internal/report.pdf" },
        ],
      }),
    });
    expect(upload.status).toBe(201);
    await vi.waitFor(
      async () => {
        const { downloads } = (await (await call("GET", "/__sim/downloads")).json()) as {
          downloads: Download[];
        };
        const byId = Object.fromEntries(downloads.map((d) => [d.documentId, d]));
        expect(byId["lan-pan"]).toMatchObject({ status: 200, ok: true });
        expect(byId.intranet).toMatchObject({ ok: false });
        expect(byId.intranet!.error).toMatch(/private network address/);
      },
      { timeout: 10_000, interval: 100 },
    );
  });
});
