import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");

/** Every .tsx file of the screens (app/) and the shared widgets (components/), tests left out. */
function screenFiles(): string[] {
  return ["app", "components"].flatMap((folder) =>
    readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".tsx") && !f.endsWith(".test.tsx"))
      .map((f) => path.join(folder, f)),
  );
}

// The root-layout boundary renders its own <html> when the layout (and its stylesheet) failed,
// so it stays plain HTML on purpose.
const PLAIN_HTML = new Set([path.join("app", "global-error.tsx")]);

describe("screens build on components/ui", () => {
  it("no raw <button>, <table>, <select> or <textarea> outside components/ui", () => {
    const files = screenFiles();
    expect(files.length).toBeGreaterThan(50);
    const offenders = files
      .filter((f) => !f.startsWith(path.join("components", "ui") + path.sep) && !PLAIN_HTML.has(f))
      .flatMap((f) =>
        readFileSync(path.join(root, f), "utf8")
          .split("\n")
          .map((line, i) => ({ line, at: `${f}:${i + 1}` }))
          .filter(({ line }) => /<(button|table|select|textarea)(\s|>|$)/.test(line))
          .map(({ at }) => at),
      );
    expect(offenders).toEqual([]);
  });
});
