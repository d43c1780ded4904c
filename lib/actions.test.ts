import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AtlasError } from "@/lib/atlas/errors";
import { ReviewError } from "@/lib/review/errors";
import { defineAction } from "./actions";
import { batchMetaSchema } from "./batches/record-input";
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

describe("defineAction's input", () => {
  const nulFree = (text: string) => !text.includes("\u0000");
  const typed = fc
    .tuple(fc.string(), fc.array(fc.nat(), { minLength: 1, maxLength: 3 }))
    .map(([text, at]) =>
      at.reduce((t, i) => `${t.slice(0, i % (t.length + 1))}\u0000${t.slice(i % (t.length + 1))}`, text),
    );

  it("reaches the action without a NUL in any string, nested or not (property)", async () => {
    const schema = z.object({ text: z.string(), rows: z.array(z.object({ note: z.string() })) });
    let seen: unknown = null;
    const echo = defineAction({ name: "test.echo", guard, input: schema }, async (input) => {
      seen = input;
      return null;
    });
    await fc.assert(
      fc.asyncProperty(typed, typed, async (text, note) => {
        const result = await echo({ text, rows: [{ note }] });
        expect(result.ok).toBe(true);
        const { text: t, rows } = seen as z.output<typeof schema>;
        expect(nulFree(t) && nulFree(rows[0]!.note)).toBe(true);
        expect(t).toBe(text.replaceAll("\u0000", ""));
      }),
    );
  });
});

describe("batchMetaSchema's label", () => {
  it("is one line without control characters, whatever is pasted (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 100 }), (label) => {
        const parsed = batchMetaSchema.parse({
          clientKey: crypto.randomUUID(),
          label,
          productType: "POC_CDL",
        });
        if (parsed.label !== null) expect(parsed.label).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
      }),
    );
  });
});
