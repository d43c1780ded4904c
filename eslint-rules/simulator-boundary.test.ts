import { ESLint } from "eslint";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SIM_DEMO_CLIENT_ID, SIM_DEMO_CLIENT_SECRET } from "@/atlas-sim/demo-credentials";
import { DEMO_ATLAS_CLIENT_ID, DEMO_ATLAS_CLIENT_SECRET } from "@/lib/env";

const root = path.resolve(__dirname, "..");
const eslint = new ESLint({ cwd: root });

/** Lints `code` as if it were the file at `file`, with the project's real eslint.config.mjs. */
async function lint(code: string, file: string) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => /no-restricted-(imports|syntax)/.test(m.ruleId ?? ""));
}

describe("the simulator's import wall (eslint.config.mjs)", () => {
  it("refuses application code in atlas-sim, by alias or relative path, static or dynamic", async () => {
    const cases: [string, string][] = [
      ['import { getEnv } from "@/lib/env";\nexport const x = getEnv;', "atlas-sim/options.ts"],
      [
        'import { verhoeffValid } from "@/lib/validators/checksum";\nexport const x = verhoeffValid;',
        "atlas-sim/generate/identifiers.ts",
      ],
      ['import type { Env } from "@/lib/env";\nexport type X = Env;', "atlas-sim/options.ts"],
      ['import x from "@/app/page";\nexport const y = x;', "atlas-sim/server.ts"],
      ['import { Button } from "@/components/ui/button";\nexport const y = Button;', "atlas-sim/svg.ts"],
      ['import { maskAadhaar } from "../lib/masking";\nexport const y = maskAadhaar;', "atlas-sim/store.ts"],
      [
        'import { maskAadhaar } from "../../lib/masking";\nexport const y = maskAadhaar;',
        "atlas-sim/generate/people.ts",
      ],
      ['export { getEnv } from "../lib/env";', "atlas-sim/index.ts"],
      ['export const load = () => import("@/lib/env");', "atlas-sim/main.ts"],
      ['import { x } from "@/lib/env";\nexport const y = x;', "atlas-sim/simulator.test.ts"],
    ];
    for (const [code, file] of cases) {
      const messages = await lint(code, file);
      expect(messages.length, `${file}: ${code}`).toBeGreaterThanOrEqual(1);
      expect(messages[0]!.message).toContain("atlas-sim must not import application code");
    }
  });

  it("allows the simulator's own modules, Node built-ins, packages and test support", async () => {
    for (const code of [
      'import { gstinCheck } from "./generate/checksums";\nexport const x = gstinCheck;',
      'import { randomBytes } from "node:crypto";\nexport const x = randomBytes;',
      'import { stdAadhaar } from "@/test/reference";\nexport const x = stdAadhaar;',
    ]) {
      expect(await lint(code, "atlas-sim/options.ts"), code).toEqual([]);
    }
  });

  it("does not restrict application code", async () => {
    expect(
      await lint('import { getEnv } from "@/lib/env";\nexport const x = getEnv;', "lib/atlas/x.ts"),
    ).toEqual([]);
  });

  it("holds for every file in atlas-sim today", () => {
    const files = readdirSync(path.join(root, "atlas-sim"), { recursive: true, encoding: "utf8" }).filter(
      (f) => f.endsWith(".ts"),
    );
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.filter((f) =>
      /from\s+["'](@\/|(\.\.\/)+)(lib|app|components)\//.test(
        readFileSync(path.join(root, "atlas-sim", f), "utf8"),
      ),
    );
    expect(offenders).toEqual([]);
  });
});

describe("the simulator's own copy of the demo credentials", () => {
  it("matches the application's defaults, so the demo works with no settings", () => {
    expect(SIM_DEMO_CLIENT_ID).toBe(DEMO_ATLAS_CLIENT_ID);
    expect(SIM_DEMO_CLIENT_SECRET).toBe(DEMO_ATLAS_CLIENT_SECRET);
  });
});
