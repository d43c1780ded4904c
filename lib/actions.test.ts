import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AtlasError } from "@/lib/atlas/errors";
import { ReviewError } from "@/lib/review/errors";
import { defineAction } from "./actions";
import { UserError } from "./errors";

vi.mock("@/lib/auth/current-user", () => ({
  getCurrentUser: async () => ({ id: "u1", email: "r@example.com", name: "Reviewer", role: "admin" }),
}));

const AADHAAR = "9999 7165 8847";
const guard = { kind: "permission", permission: "documents:review" } as const;
const throwing = (error: unknown) =>
  defineAction({ name: "test.throwing", guard, input: z.object({}) }, async () => {
    throw error;
  });

describe("defineAction maps what the action threw, in one place", () => {
  let logged: string[];
  beforeEach(() => {
    logged = [];
    vi.spyOn(console, "error").mockImplementation((line: unknown) => void logged.push(String(line)));
  });
  afterEach(() => vi.restoreAllMocks());

  it("shows a UserError as it is: code, message and details, and logs nothing", async () => {
    const result = await throwing(new UserError("conflict", "That changed meanwhile.", { lock: "Asha" }))({});
    expect(result).toEqual({
      ok: false,
      error: { code: "conflict", message: "That changed meanwhile.", details: { lock: "Asha" } },
    });
    expect(logged).toEqual([]);
  });

  it("masks an Aadhaar number a UserError quotes, in its message and its details", async () => {
    const result = await throwing(
      new UserError("invalid_input", `Row 3: ${AADHAAR} is not a PAN.`, { value: AADHAAR }),
    )({});
    expect(JSON.stringify(result)).not.toMatch(/9999\D?7165/);
    expect(result).toMatchObject({
      ok: false,
      error: { code: "invalid_input", message: /^Row 3: .*8847 is not a PAN\.$/ },
    });
  });

  it("shows every member of the family the same way, also one from another copy of the module", async () => {
    expect(await throwing(new ReviewError("locked", "Asha is reviewing this document."))({})).toEqual({
      ok: false,
      error: { code: "locked", message: "Asha is reviewing this document." },
    });
    const atlas = new AtlasError({ kind: "unavailable", userMessage: "Atlas is down.", endpoint: "GET /x" });
    expect(await throwing(atlas)({})).toEqual({
      ok: false,
      error: { code: "atlas_unavailable", message: "Atlas is down." },
    });
    vi.resetModules();
    const copy = await import("./errors");
    expect(await throwing(new copy.UserError("not_found", "Gone."))({})).toMatchObject({
      error: { code: "not_found", message: "Gone." },
    });
  });

  it("shows anything else as a generic message with a reference, logged under it without personal data", async () => {
    const result = await throwing(new Error(`duplicate key for ${AADHAAR} in "documents"`))({});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const { code, message, ref } = result.error;
    expect(code).toBe("internal");
    expect(ref).toMatch(/^[0-9a-f]{8}$/);
    expect(message).toBe(
      `Something went wrong on our side (ref ${ref}). Try again; if it keeps happening, give this reference to an administrator.`,
    );
    expect(message).not.toContain("duplicate");
    expect(logged).toHaveLength(1);
    const line = JSON.parse(logged[0]!);
    expect(line).toMatchObject({ level: "error", event: "action.failed", action: "test.throwing", ref });
    expect(logged[0]).toContain("duplicate key");
    expect(logged[0]).not.toContain("7165");
    expect(logged[0]).toContain("8847");
  });

  it("gives each unexpected failure its own reference", async () => {
    const a = await throwing(new TypeError("x"))({});
    const b = await throwing(new TypeError("x"))({});
    expect(!a.ok && !b.ok && a.error.ref !== b.error.ref).toBe(true);
  });
});
