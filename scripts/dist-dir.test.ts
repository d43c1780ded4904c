import { describe, expect, it } from "vitest";
import { buildIdPath } from "./dist-dir.mjs";

describe("buildIdPath (npm start builds only when it is missing)", () => {
  it("looks in .next by default", () => {
    expect(buildIdPath("/app", {})).toBe("/app/.next/BUILD_ID");
    expect(buildIdPath("/app", { NEXT_DIST_DIR: "" })).toBe("/app/.next/BUILD_ID");
  });
  it("looks in NEXT_DIST_DIR, where next.config.ts builds, when it is set", () => {
    expect(buildIdPath("/app", { NEXT_DIST_DIR: ".next-e2e" })).toBe("/app/.next-e2e/BUILD_ID");
  });
});
