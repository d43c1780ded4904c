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
});
