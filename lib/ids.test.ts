import { describe, expect, it } from "vitest";
import { isUuid, uuidSchema } from "./ids";

describe("isUuid and uuidSchema", () => {
  it("accept what PostgreSQL's uuid type holds, in either case", () => {
    for (const id of ["3f2b8c1e-9d4a-4e6b-8f1a-2c3d4e5f6a7b", "3F2B8C1E-9D4A-4E6B-8F1A-2C3D4E5F6A7B"]) {
      expect(isUuid(id)).toBe(true);
      expect(uuidSchema().safeParse(id).success).toBe(true);
    }
  });

  it("refuse anything else", () => {
    for (const id of [
      "",
      "42",
      "3f2b8c1e9d4a4e6b8f1a2c3d4e5f6a7b",
      "3f2b8c1e-9d4a-4e6b-8f1a-2c3d4e5f6a7",
      "' or 1=1 --",
    ]) {
      expect(isUuid(id), id).toBe(false);
      expect(uuidSchema().safeParse(id).success, id).toBe(false);
    }
    expect(isUuid(undefined)).toBe(false);
    expect(uuidSchema("Unknown user.").safeParse("42").error?.issues[0]?.message).toBe("Unknown user.");
    expect(isUuid(["3f2b8c1e-9d4a-4e6b-8f1a-2c3d4e5f6a7b"])).toBe(false);
  });
});
