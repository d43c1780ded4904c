import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");

/** Source files of the screens, widgets and library, tests and lib/format itself left out. */
function sourceFiles(): string[] {
  return ["app", "components", "lib"].flatMap((folder) =>
    readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" })
      .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
      .map((f) => path.join(folder, f))
      .filter((f) => !f.startsWith(path.join("lib", "format") + path.sep)),
  );
}

function offenders(files: string[], pattern: RegExp): string[] {
  return files.flatMap((f) =>
    readFileSync(path.join(root, f), "utf8")
      .split("\n")
      .map((line, i) => ({ line, at: `${f}:${i + 1}` }))
      .filter(({ line }) => pattern.test(line))
      .map(({ at }) => at),
  );
}

// The lint rule (eslint.config.mjs) forbids toLocale*() and Intl outside lib/format; what it cannot
// see is an ISO string cut up for display ("2026-11-30 02:28 UTC"), which this catches.
describe("times reach people through lib/format", () => {
  it("no ISO string is sliced for display outside lib/format", () => {
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(200);
    expect(offenders(files, /toISOString\(\)\s*\.(slice|substring|substr)\(/)).toEqual([]);
  });

  it("no screen writes a time as UTC", () => {
    const screens = sourceFiles().filter((f) => f.endsWith(".tsx"));
    expect(offenders(screens, /[\d}]\s*UTC\b|\(UTC\)|Times are UTC/)).toEqual([]);
  });
});
