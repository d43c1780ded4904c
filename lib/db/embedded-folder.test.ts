import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeFolder } from "./embedded-postgres";

describe("the embedded database's folder (DATA_DIR)", () => {
  it("is created with its missing parents, and again without complaint", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-review-folder-"));
    try {
      const dir = path.join(root, "a", "b", "c");
      await makeFolder(dir);
      await makeFolder(dir);
      expect(fs.statSync(dir).isDirectory()).toBe(true);
      fs.writeFileSync(path.join(root, "file"), "");
      await expect(makeFolder(path.join(root, "file", "data"))).rejects.toMatchObject({ code: "ENOTDIR" });
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("fails at once where no folder can be made, instead of retrying forever (DATA_DIR=/proc/…)", async () => {
    await expect(makeFolder("/proc/atlas-review-nowhere/data")).rejects.toThrow();
  }, 5_000);
});
