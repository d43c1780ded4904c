import { beforeEach, describe, expect, it, vi } from "vitest";

const currentUser = vi.hoisted(() => ({
  value: null as null | { id: string; email: string; name: string; role: string },
}));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => currentUser.value }));

const route = await import("./route");
const GET = (request: Request) => route.GET(request, {});
const POST = (request: Request) => route.POST(request, {});
const DELETE = (request: Request) => route.DELETE(request, {});
const BASE = "http://127.0.0.1:3000/atlas-sim";
const as = (role: string) => ({ id: "u1", email: `${role}@test.local`, name: role, role });

beforeEach(() => {
  currentUser.value = null;
});

describe("the embedded simulator's control endpoints", () => {
  const handlers: Record<string, (r: Request) => Promise<Response>> = { GET, POST, DELETE };
  const calls: [string, string, string?][] = [
    ["GET", "/__sim/faults"],
    ["POST", "/__sim/faults", JSON.stringify({ kind: "auth_url_unreachable" })],
    ["DELETE", "/__sim/faults"],
    ["POST", "/__sim/revoke-tokens"],
    ["POST", "/__sim/reset"],
    ["POST", "/__sim/flush"],
    ["POST", "/__sim/advance", JSON.stringify({ ms: 5000 })],
    ["GET", "/__sim/documents"],
    ["GET", "/__sim/callbacks"],
    ["GET", "/__sim"],
    ["GET", "/__sim/"],
  ];
  it.each(calls)("%s %s refuses anonymous callers and non-admins", async (method, path, body) => {
    const handler = handlers[method]!;
    const call = () => handler(new Request(`${BASE}${path}`, { method, body }));
    expect((await call()).status).toBe(401);
    for (const role of ["reviewer", "qa"]) {
      currentUser.value = as(role);
      const response = await call();
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: string }).error).toMatch(/admin/);
    }
  });

  it("answers a signed-in admin", async () => {
    currentUser.value = as("admin");
    const armed = await POST(
      new Request(`${BASE}/__sim/faults`, {
        method: "POST",
        body: JSON.stringify({ kind: "auth_url_unreachable" }),
      }),
    );
    expect(armed.status).toBeLessThan(300);
    const listed = await GET(new Request(`${BASE}/__sim/faults`));
    expect(listed.status).toBe(200);
    expect(JSON.stringify(await listed.json())).toContain("auth_url_unreachable");
    expect((await DELETE(new Request(`${BASE}/__sim/faults`, { method: "DELETE" }))).status).toBeLessThan(
      300,
    );
  });

  it.each<Record<string, string>>([
    { "sec-fetch-site": "same-site", origin: "http://127.0.0.1:8080" },
    { "sec-fetch-site": "cross-site", origin: "https://evil.example" },
    { origin: "http://127.0.0.1:8080" },
    { origin: "null" },
  ])(
    "refuses an admin's state-changing control request sent by another origin's page (%o)",
    async (headers) => {
      currentUser.value = as("admin");
      for (const [method, path] of [
        ["POST", "/__sim/reset"],
        ["POST", "/__sim/faults"],
        ["DELETE", "/__sim/faults"],
        ["POST", "/__sim/revoke-tokens"],
      ] as const) {
        const response = await handlers[method]!(
          new Request(`${BASE}${path}`, {
            method,
            headers: { ...headers, host: "127.0.0.1:3000", "content-type": "text/plain" },
            body: method === "POST" ? JSON.stringify({ kind: "auth_url_unreachable" }) : undefined,
          }),
        );
        expect(response.status).toBe(403);
        expect(((await response.json()) as { error: string }).error).toMatch(/another origin/);
      }
      const same = await POST(
        new Request(`${BASE}/__sim/flush`, {
          method: "POST",
          headers: {
            "sec-fetch-site": "same-origin",
            origin: "http://127.0.0.1:3000",
            host: "127.0.0.1:3000",
          },
        }),
      );
      expect(same.status).toBeLessThan(300);
    },
  );

  it("leaves the Atlas-facing endpoints to the simulator's own token check", async () => {
    expect((await GET(new Request(`${BASE}/`))).status).toBe(200);
    expect((await GET(new Request(`${BASE}/specimens`))).status).toBe(200);
    // An Atlas API call without a token is answered by the simulator (401 from Atlas, not us).
    const token = await POST(
      new Request(`${BASE}/v3/verification/authtoken`, { method: "POST", body: "{}" }),
    );
    expect([400, 401]).toContain(token.status);
    const status = await GET(new Request(`${BASE}/v3/verification/status?flow_id=x`));
    expect(status.status).toBe(401);
  });
});

describe("bodies sent to the simulator mount", () => {
  /** A chunked body (no Content-Length) that never ends on its own; counts what was pulled. */
  function endlessBody() {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    return { stream, pulled: () => pulled };
  }

  it("caps a chunked body and stops reading it (413)", async () => {
    const body = endlessBody();
    const response = await POST(
      new Request(`${BASE}/v1/auth/token`, {
        method: "POST",
        body: body.stream,
        duplex: "half",
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toMatch(/larger than .* bytes/);
    expect(body.pulled()).toBeLessThan(2 * 1024 * 1024);
  });

  it("refuses a declared Content-Length over the cap before reading", async () => {
    const body = endlessBody();
    const response = await POST(
      new Request(`${BASE}/v1/auth/token`, {
        method: "POST",
        body: body.stream,
        headers: { "content-length": String(50 * 1024 * 1024) },
        duplex: "half",
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect(body.pulled()).toBeLessThan(256 * 1024);
  });
});
