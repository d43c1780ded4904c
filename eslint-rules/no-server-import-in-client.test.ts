import { Linter } from "eslint";
import path from "node:path";
import tsParser from "@typescript-eslint/parser";
import { describe, expect, it } from "vitest";
import { noServerImportInClient } from "./no-server-import-in-client.mjs";

const root = path.resolve(__dirname, "..");

function lint(code: string, file = "components/example.tsx") {
  const linter = new Linter({ cwd: root });
  return linter.verify(
    code,
    [
      {
        files: ["**/*.tsx", "**/*.ts"],
        languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
        plugins: { atlas: { rules: { "no-server-import-in-client": noServerImportInClient } } },
        rules: { "atlas/no-server-import-in-client": "error" },
      },
    ],
    path.join(root, file),
  );
}

describe("atlas/no-server-import-in-client", () => {
  it("refuses server modules in a client component", () => {
    for (const source of [
      "@/lib/env",
      "@/lib/db",
      "@/lib/atlas/client",
      "server-only",
      "node:fs",
      "pg",
      "../lib/env",
    ]) {
      const messages = lint(`"use client";\nimport x from "${source}";\nexport default x;`);
      expect(messages, source).toHaveLength(1);
      expect(messages[0]?.message).toContain('cannot be imported from a "use client" file');
    }
  });

  it('refuses any module that itself starts with import "server-only"', () => {
    const messages = lint(
      `"use client";\nimport { secretThing } from "@/eslint-rules/__fixtures__/server-thing";\nexport const y = secretThing;`,
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]?.message).toContain('it imports "server-only"');
  });

  it("allows type-only imports, which vanish from the bundle", () => {
    const messages = lint(`"use client";\nimport type { Env } from "@/lib/env";\nexport type X = Env;`);
    expect(messages).toHaveLength(0);
  });

  it("allows the same imports in server code", () => {
    expect(lint(`import { getEnv } from "@/lib/env";\nexport const e = getEnv;`)).toHaveLength(0);
  });

  it("allows client-safe modules in client components", () => {
    expect(
      lint(
        `"use client";\nimport { z } from "zod";\nimport { PageHeader } from "@/components/ui/page-header";\nexport { z, PageHeader };`,
      ),
    ).toHaveLength(0);
  });
});
