import { describe, expect, it, vi } from "vitest";
import { AtlasError } from "@/lib/atlas/errors";
import { EmailTakenError } from "@/lib/db/queries/users";
import { BodyTooLargeError } from "@/lib/http/read-body";
import { ReviewError } from "@/lib/review/errors";
import { isUserError, UserError } from "./errors";

describe("the UserError family", () => {
  it("carries a code, the words for the person, details and the HTTP status for its code", () => {
    const e = new UserError("conflict", "Someone else changed this.", { field: 1 });
    expect(e).toMatchObject({ code: "conflict", userMessage: "Someone else changed this.", httpStatus: 409 });
    expect(e.message).toBe("Someone else changed this.");
    expect(e.details).toEqual({ field: 1 });
    expect(new UserError("failed", "x", undefined, { httpStatus: 422 }).httpStatus).toBe(422);
  });

  it("recognises every domain error of the family, whatever its class name", () => {
    const atlas = new AtlasError({ kind: "unavailable", userMessage: "Atlas is down.", endpoint: "GET /x" });
    const family = [
      new ReviewError("locked", "Held by Asha."),
      new EmailTakenError("a@example.com"),
      new BodyTooLargeError(10),
      atlas,
    ];
    for (const e of family) expect(isUserError(e), e.name).toBe(true);
    expect(atlas).toMatchObject({
      code: "atlas_unavailable",
      httpStatus: 503,
      userMessage: "Atlas is down.",
    });
    // The log keeps the endpoint; the person sees only the user message.
    expect(atlas.message).toBe("Atlas is down. [GET /x]");
    expect(new AtlasError({ kind: "protocol", userMessage: "?", endpoint: "GET /y" }).code).toBe(
      "atlas_failed",
    );
  });

  it("recognises an error from another copy of the module, as a duplicated server bundle makes", async () => {
    vi.resetModules();
    const other = await import("./errors");
    expect(other.UserError).not.toBe(UserError);
    const foreign = new other.UserError("not_found", "That batch no longer exists.");
    expect(foreign instanceof UserError).toBe(false);
    expect(isUserError(foreign)).toBe(true);
    expect(other.isUserError(new ReviewError("closed", "Already approved."))).toBe(true);
  });

  it("does not mistake look-alikes for user errors", () => {
    expect(isUserError(new Error("boom"))).toBe(false);
    expect(isUserError({ name: "UserError", code: "conflict", userMessage: "x", httpStatus: 409 })).toBe(
      false,
    );
    class LookAlike extends Error {
      code = "conflict";
      userMessage = "x";
      httpStatus = 409;
      override name = "UserError";
    }
    expect(isUserError(new LookAlike("x"))).toBe(false);
    expect(isUserError(undefined)).toBe(false);
  });
});
