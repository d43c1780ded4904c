import { describe, expect, it } from "vitest";
import { AtlasError, isAtlasError } from "./errors";

describe("isAtlasError", () => {
  it("recognises an AtlasError made by another copy of the module (same shape, other class)", () => {
    class OtherCopy extends Error {
      kind = "auth_url_unreachable";
      userMessage = "Atlas could not reach our auth URL.";
      constructor() {
        super("x");
        this.name = "AtlasError";
      }
    }
    const foreign = new OtherCopy();
    expect(foreign instanceof AtlasError).toBe(false);
    expect(isAtlasError(foreign)).toBe(true);
    expect(isAtlasError(foreign, "auth_url_unreachable")).toBe(true);
    expect(isAtlasError(foreign, "protocol")).toBe(false);
  });

  it("does not mistake other errors for Atlas errors", () => {
    expect(isAtlasError(new Error("boom"))).toBe(false);
    expect(isAtlasError({ name: "AtlasError", kind: "protocol", userMessage: "x" })).toBe(false);
    expect(
      isAtlasError(new AtlasError({ kind: "protocol", userMessage: "bad", endpoint: "GET /x" }), "protocol"),
    ).toBe(true);
  });

  // Formerly asAtlasFailure (lib/applications/atlas-failure.ts), a second copy of this check.
  it("recognises an AtlasError, also one from another copy of the class (another server bundle)", () => {
    const ours = new AtlasError({ kind: "auth_url_unreachable", userMessage: "x", endpoint: "POST /v3" });
    expect(isAtlasError(ours)).toBe(true);
    expect(ours).toMatchObject({ kind: "auth_url_unreachable", userMessage: "x" });
    class AtlasErrorCopy extends Error {
      kind = "unavailable";
      userMessage = "down";
      failure = "timeout";
      override name = "AtlasError";
    }
    const copy = new AtlasErrorCopy("down");
    expect(isAtlasError(copy)).toBe(true);
    expect(
      isAtlasError(copy) && { kind: copy.kind, userMessage: copy.userMessage, failure: copy.failure },
    ).toEqual({
      kind: "unavailable",
      userMessage: "down",
      failure: "timeout",
    });
    expect(isAtlasError(new Error("plain"))).toBe(false);
    expect(isAtlasError({ name: "AtlasError", kind: "x", userMessage: "y" })).toBe(false);
  });
});
