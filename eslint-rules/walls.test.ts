import { ESLint } from "eslint";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");
const eslint = new ESLint({ cwd: root });

/** Lints `code` as if it were the file at `file`, with the project's real eslint.config.mjs. */
async function wallMessages(code: string, file: string) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => /no-restricted-(imports|syntax)/.test(m.ruleId ?? ""));
}

type Fixture = { file: string; code: string };

/** Per wall: breaches (static, re-export, dynamic, require, relative) and allowed neighbours. */
const WALLS: { wall: string; message: RegExp; breaches: Fixture[]; allowed: Fixture[] }[] = [
  {
    wall: "lib/atlas ↛ lib/db, app, atlas-sim",
    message: /lib\/atlas must not import (lib\/db|app\/ \(routes\)|atlas-sim \(the simulator\)): /,
    breaches: [
      { file: "lib/atlas/client.ts", code: 'import { getDb } from "@/lib/db";\nexport const x = getDb;' },
      {
        file: "lib/atlas/client.ts",
        code: 'import { documents } from "../db/schema";\nexport const x = documents;',
      },
      { file: "lib/atlas/client.ts", code: 'export { recordAudit } from "@/lib/db/queries/audit";' },
      { file: "lib/atlas/token.ts", code: 'export const load = () => import("@/lib/db");' },
      { file: "lib/atlas/token.ts", code: "export const load = (n: string) => import(`../db/${n}`);" },
      { file: "lib/atlas/token.ts", code: 'import x from "@/app/layout";\nexport const y = x;' },
      {
        file: "lib/atlas/http.ts",
        code: 'import { startSimServer } from "@/atlas-sim/server";\nexport const y = startSimServer;',
      },
      {
        file: "lib/atlas/client.contract.test.ts",
        code: 'import { getDb } from "@/lib/db";\nexport const x = getDb;',
      },
    ],
    allowed: [
      { file: "lib/atlas/client.ts", code: 'import { getEnv } from "@/lib/env";\nexport const x = getEnv;' },
      {
        file: "lib/atlas/client.ts",
        code: 'import { parseAtlasJson } from "./json";\nexport const x = parseAtlasJson;',
      },
      {
        file: "lib/atlas/client.contract.test.ts",
        code: 'import { startSimServer } from "@/atlas-sim/server";\nexport const x = startSimServer;',
      },
    ],
  },
  {
    wall: "lib ↛ app, atlas-sim",
    message: /lib must not import (app\/ \(routes\)|atlas-sim \(the simulator\)): /,
    breaches: [
      {
        file: "lib/auth/actor.ts",
        code: 'import { signOutAction } from "@/app/(auth)/sign-in/actions";\nexport const x = signOutAction;',
      },
      { file: "lib/batches/create.ts", code: 'import x from "../../app/layout";\nexport const y = x;' },
      {
        file: "lib/batches/sync.ts",
        code: 'import type { SimFault } from "@/atlas-sim/faults";\nexport type X = SimFault;',
      },
      { file: "lib/bootstrap.ts", code: 'export const sim = () => require("@/atlas-sim/server");' },
    ],
    allowed: [
      { file: "lib/batches/create.ts", code: 'import { getDb } from "@/lib/db";\nexport const x = getDb;' },
      {
        file: "lib/batches/sync.test.ts",
        code: 'import type { SimFault } from "@/atlas-sim/faults";\nexport type X = SimFault;',
      },
    ],
  },
  {
    wall: "atlas-sim ↛ lib, app, components",
    message: /atlas-sim must not import application code/,
    breaches: [
      { file: "atlas-sim/options.ts", code: 'import { getEnv } from "@/lib/env";\nexport const x = getEnv;' },
      { file: "atlas-sim/server.ts", code: 'export const load = () => import("../app/layout");' },
      { file: "atlas-sim/server.ts", code: "export const load = () => import(`@/lib/env`);" },
      { file: "atlas-sim/server.ts", code: 'import { proxy } from "@/proxy";\nexport const x = proxy;' },
      {
        file: "atlas-sim/main.ts",
        code: 'import { register } from "../instrumentation";\nexport const x = register;',
      },
      {
        file: "atlas-sim/generate.test.ts",
        code: 'import { x } from "../scripts/atlas-demo";\nexport const y = x;',
      },
      {
        file: "atlas-sim/svg.ts",
        code: 'import { Button } from "@/components/ui/button";\nexport const y = Button;',
      },
    ],
    allowed: [
      {
        file: "atlas-sim/options.ts",
        code: 'import { gstinCheck } from "./generate/checksums";\nexport const x = gstinCheck;',
      },
    ],
  },
  {
    wall: "components ↛ lib/db, lib/atlas, app, atlas-sim",
    message: /components must not import (lib\/db|lib\/atlas|app\/ \(routes\)|atlas-sim \(the simulator\)): /,
    breaches: [
      {
        file: "components/shell/sign-out-button.tsx",
        code: 'import { signOutAction } from "@/app/(auth)/sign-in/actions";\nexport const x = signOutAction;',
      },
      {
        file: "components/ui/pagination.tsx",
        code: 'import { getDb } from "@/lib/db";\nexport const x = getDb;',
      },
      {
        file: "components/batches/batch-status.tsx",
        code: 'import { users } from "../../lib/db/schema";\nexport const x = users;',
      },
      {
        file: "components/review/document-pane.tsx",
        code: 'import { getAtlasClient } from "@/lib/atlas";\nexport const x = getAtlasClient;',
      },
      {
        file: "components/review/pdf-pages.tsx",
        code: 'export const load = () => import("@/lib/atlas/client");',
      },
      {
        file: "components/review/pdf-pages.tsx",
        code: "export const load = () => import(`../../lib/atlas/client`);",
      },
      {
        file: "components/auto-refresh.tsx",
        code: 'import { x } from "@/atlas-sim/svg";\nexport const y = x;',
      },
    ],
    allowed: [
      {
        file: "components/ui/pagination.tsx",
        code: 'import { maskAadhaarInText } from "@/lib/masking";\nexport const x = maskAadhaarInText;',
      },
      {
        file: "components/ui/pagination.tsx",
        code: 'import type { BatchProgress } from "@/lib/batches/status";\nexport type X = BatchProgress;',
      },
      { file: "components/review/pdf-pages.tsx", code: 'export const load = () => import("pdfjs-dist");' },
      {
        file: "components/review/pdf-pages.tsx",
        code: "export const load = (n: string) => import(`./${n}`);",
      },
    ],
  },
  {
    wall: "app ↛ drizzle-orm, lib/db/schema, lib/db/tables, atlas-sim",
    message: /app must not import (drizzle-orm or the table definitions|atlas-sim \(the simulator\)): /,
    breaches: [
      {
        file: "app/(dashboard)/admin/settings/page.tsx",
        code: 'import { isNotNull } from "drizzle-orm";\nexport const x = isNotNull;',
      },
      {
        file: "app/(dashboard)/admin/users/actions.ts",
        code: 'import { users } from "@/lib/db/schema";\nexport const x = users;',
      },
      {
        file: "app/api/batches/route.ts",
        code: 'import { batches } from "@/lib/db/tables/batches";\nexport const x = batches;',
      },
      { file: "app/api/health/route.ts", code: 'export const load = () => import("drizzle-orm/pg-core");' },
      {
        file: "app/api/health/route.ts",
        code: "export const load = (n: string) => import(`@/lib/db/tables/${n}`);",
      },
      {
        file: "app/api/health/route.ts",
        code: 'import { startSimServer } from "@/atlas-sim/server";\nexport const x = startSimServer;',
      },
      {
        file: "app/atlas-sim/[...path]/route.ts",
        code: 'import { sql } from "drizzle-orm";\nexport const x = sql;',
      },
    ],
    allowed: [
      {
        file: "app/(dashboard)/admin/settings/page.tsx",
        code: 'import { getDb } from "@/lib/db";\nexport const x = getDb;',
      },
      {
        file: "app/(dashboard)/admin/settings/page.tsx",
        code: 'import { listThresholdRows } from "@/lib/documents/thresholds-store";\nexport const x = listThresholdRows;',
      },
      {
        file: "app/atlas-sim/[...path]/route.ts",
        code: 'import { createSimulator } from "@/atlas-sim/simulator";\nexport const x = createSimulator;',
      },
      {
        file: "app/api/batches/route.test.ts",
        code: 'import { eq } from "drizzle-orm";\nexport const x = eq;',
      },
    ],
  },
  {
    wall: "app ↛ the database queried in place (relational queries need no table import)",
    message: /app must not query the database in place: /,
    breaches: [
      {
        file: "app/(dashboard)/admin/users/page.tsx",
        code: "export async function f(db: any) {\n  return db.query.users.findMany();\n}",
      },
      {
        file: "app/api/batches/[id]/route.ts",
        code: 'import { getDb } from "@/lib/db";\nexport const f = async () => (await getDb()).execute("select 1");',
      },
      {
        file: "app/(dashboard)/admin/users/actions.ts",
        code: "export const f = (db: any) => db.transaction(async (tx: any) => tx.delete(1));",
      },
      {
        file: "app/atlas-sim/[...path]/route.ts",
        code: "export const f = (db: any) => db.select();",
      },
    ],
    allowed: [
      {
        file: "app/(dashboard)/admin/users/page.tsx",
        code: 'import { getDb } from "@/lib/db";\nimport { listUsers } from "@/lib/db/queries/users";\nexport const f = async () => listUsers(await getDb());',
      },
      {
        file: "app/api/batches/route.test.ts",
        code: "export const f = (db: any) => db.select();",
      },
    ],
  },
];

describe.each(WALLS)(
  "the wall $wall (eslint.config.mjs, eslint-rules/walls.mjs)",
  ({ message, breaches, allowed }) => {
    it.each(breaches)("fires on $code in $file", async ({ file, code }) => {
      const messages = await wallMessages(code, file);
      expect(messages.length).toBeGreaterThanOrEqual(1);
      expect(messages[0]!.message).toMatch(message);
    });

    it.each(allowed)("lets $code through in $file", async ({ file, code }) => {
      expect(await wallMessages(code, file)).toEqual([]);
    });
  },
);

describe("the walls' messages", () => {
  it("say what to use instead", async () => {
    const [first] = await wallMessages(
      'import { getDb } from "@/lib/db";\nexport const x = getDb;',
      "components/x.tsx",
    );
    expect(first!.message).toContain("pass it in as props");
    const [second] = await wallMessages(
      'import { eq } from "drizzle-orm";\nexport const x = eq;',
      "app/x/page.tsx",
    );
    expect(second!.message).toContain("lib/<domain> module");
  });
});

describe("the app wall's back doors", () => {
  it("lib/db's entry hands out no table definitions (app may import it; the tables live behind the wall)", async () => {
    const { readFileSync } = await import("node:fs");
    const entry = readFileSync(path.join(root, "lib/db/index.ts"), "utf8");
    expect(entry).not.toMatch(/export\s+\*[^;]*from\s+["']\.\/(schema|tables)/);
    expect(entry).not.toMatch(/export\s*\{[^}]*\}\s*from\s+["']\.\/(schema|tables)/);
  });
});
