import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { UserError } from "@/lib/errors";
import { BodyTooLargeError } from "@/lib/http/read-body";
import { guardedRoute, publicRoute } from "./route-guard";

vi.mock("./current-user", () => ({
  getCurrentUser: async () => ({ id: "u1", email: "a@example.com", name: "Admin", role: "admin" }),
}));

const AADHAAR = "9999 7165 8847";
const request = () =>
  new Request("http://127.0.0.1:3000/api/batches?label=x", { method: "POST", body: "{}" });
const guarded = (error: unknown) =>
  guardedRoute("batches:create", async () => {
    throw error;
  })(request(), {});

describe("the route guard maps what a handler threw, in one place", () => {
  let logged: string[];
  beforeEach(() => {
    logged = [];
    vi.spyOn(console, "error").mockImplementation((line: unknown) => void logged.push(String(line)));
  });
  afterEach(() => vi.restoreAllMocks());

  it("answers a UserError with its status, code, message and details, Aadhaar numbers masked", async () => {
    const answer = await guarded(
      new UserError("conflict", `Document ${AADHAAR} is already in a batch.`, { row: AADHAAR }),
    );
    expect(answer.status).toBe(409);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    const body = await answer.json();
    expect(body).toMatchObject({
      code: "conflict",
      error: expect.stringContaining("is already in a batch."),
    });
    expect(JSON.stringify(body)).not.toContain("7165");
    expect(JSON.stringify(body)).toContain("8847");
    expect(logged).toEqual([]);
    expect((await guarded(new BodyTooLargeError(10))).status).toBe(413);
  });

  it("answers anything else 500 with a generic message and a reference, logged without personal data", async () => {
    const answer = await guarded(new Error(`cannot insert ${AADHAAR}`));
    expect(answer.status).toBe(500);
    const body = await answer.json();
    expect(body.code).toBe("internal");
    expect(body.ref).toMatch(/^[0-9a-f]{8}$/);
    expect(body.error).toBe(
      `Something went wrong on our side (ref ${body.ref}). Try again; if it keeps happening, give this reference to an administrator.`,
    );
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]!)).toMatchObject({
      event: "route.failed",
      route: "POST /api/batches",
      ref: body.ref,
    });
    expect(logged[0]).toContain("cannot insert");
    expect(logged[0]).not.toContain("7165");
  });

  it("maps public handlers' failures the same way", async () => {
    const handler = publicRoute("a public endpoint for this test", async () => {
      throw new UserError("not_found", "This application no longer exists.");
    });
    const answer = await handler(request(), {});
    expect(answer.status).toBe(404);
    expect(await answer.json()).toEqual({ code: "not_found", error: "This application no longer exists." });
  });
});
