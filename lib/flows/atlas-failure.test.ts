import { describe, expect, it } from "vitest";
import { AtlasError } from "@/lib/atlas/errors";
import { asAtlasFailure } from "./atlas-failure";

describe("asAtlasFailure", () => {
  it("recognises an AtlasError, also one from another copy of the class (another server bundle)", () => {
    const ours = new AtlasError({ kind: "auth_url_unreachable", userMessage: "x", endpoint: "POST /v3" });
    expect(asAtlasFailure(ours)).toMatchObject({ kind: "auth_url_unreachable", userMessage: "x" });
    class AtlasErrorCopy extends Error {
      kind = "unavailable";
      userMessage = "down";
      failure = "timeout";
      override name = "AtlasError";
    }
    expect(asAtlasFailure(new AtlasErrorCopy("down"))).toEqual({
      kind: "unavailable",
      userMessage: "down",
      failure: "timeout",
    });
    expect(asAtlasFailure(new Error("plain"))).toBeUndefined();
    expect(asAtlasFailure({ name: "AtlasError", kind: "x", userMessage: "y" })).toBeUndefined();
  });
});
