import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { grantTraversal } from "./embedded-runtime";

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("grantTraversal", () => {
  it("adds only the search bit to private folders above the data folder, and reports them", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-traverse-"));
    made.push(root);
    const home = path.join(root, "home");
    const project = path.join(home, "project");
    fs.mkdirSync(project, { recursive: true });
    fs.chmodSync(home, 0o700);
    fs.chmodSync(project, 0o750);
    const pgdata = path.join(project, ".data", "postgres"); // not created yet

    const opened = grantTraversal([pgdata]);

    expect(opened).toEqual(expect.arrayContaining([home, project]));
    expect(fs.statSync(home).mode & 0o777).toBe(0o701);
    expect(fs.statSync(project).mode & 0o777).toBe(0o751);
    // A second call has nothing left to open.
    expect(grantTraversal([pgdata]).filter((d) => d.startsWith(root))).toEqual([]);
  });
});
