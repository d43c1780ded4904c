import { ESLint } from "eslint";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");
const eslint = new ESLint({ cwd: root });

const lines = (n: number) => Array.from({ length: n }, (_, i) => `export const v${i} = ${i};`).join("\n");

async function sizeMessages(code: string, file: string) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === "max-lines");
}

describe("no file over 300 lines (tests exempt)", () => {
  it.each([
    "lib/batches/sync.ts",
    "components/ui/table.tsx",
    "app/(dashboard)/batches/page.tsx",
    "atlas-sim/api.ts",
  ])("refuses 301 lines in %s and allows 300", async (file) => {
    expect(await sizeMessages(lines(301), file)).toHaveLength(1);
    expect(await sizeMessages(lines(300), file)).toHaveLength(0);
  });

  it("does not count tests", async () => {
    expect(await sizeMessages(lines(400), "lib/batches/sync.test.ts")).toHaveLength(0);
  });
});
