/**
 * Enumerates EVERY route handler (app/**\/route.ts) and EVERY server action ("use server" files)
 * in the app — found on disk, not listed by hand — and proves that anonymous and wrong-role
 * callers are refused. A new handler or action that is not built with the guards fails here.
 * Deliberately public endpoints must be named in PUBLIC below, with the reason.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { can, PERMISSIONS, ROLES, type Permission, type Role } from "@/lib/roles";

const currentUser = vi.hoisted(() => ({
  value: null as null | { id: string; email: string; name: string; role: string },
}));
vi.mock("@/lib/auth/current-user", () => ({
  getCurrentUser: async () => currentUser.value,
  requirePageUser: async () => {
    throw new Error("pages are not exercised here");
  },
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined, set: () => undefined, delete: () => undefined }),
}));

const PUBLIC_ROUTES = new Set([
  "app/api/health/route.ts",
  "app/api/auth/[...nextauth]/route.ts",
  "app/atlas-sim/[...path]/route.ts",
  // Atlas's auth_url and callback_url: they check the per-application secret / token themselves.
  "app/api/applications/[id]/auth/route.ts",
  "app/api/applications/[id]/callback/route.ts",
  // The same two under the path Atlas was given before the rename (applications started then).
  "app/api/flows/[id]/auth/route.ts",
  "app/api/flows/[id]/callback/route.ts",
]);
const PUBLIC_ACTIONS = new Set(["auth.signIn", "auth.signOut"]);

const root = path.resolve(__dirname, "..");
const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).map((f) => path.join(dir, f));
}
const SOURCE = /\.(ts|tsx|js|jsx|mjs)$/;
const isTest = (f: string) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(f);
const appFiles = walk(path.join(root, "app")).filter((f) => SOURCE.test(f) && !isTest(f));
const routeFiles = appFiles
  .filter((f) => /(^|\/)route\.[cm]?[jt]sx?$/.test(f))
  .map((f) => path.relative(root, f));
// Every source file that may hold server code: app/, lib/ and components/.
const serverSources = [
  ...appFiles,
  ...["lib", "components"].flatMap((d) =>
    walk(path.join(root, d)).filter((f) => SOURCE.test(f) && !isTest(f)),
  ),
];
// A file-level directive is the first statement (after comments).
const FILE_DIRECTIVE = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["']use server["']/;
const actionFiles = serverSources
  .filter((f) => FILE_DIRECTIVE.test(fs.readFileSync(f, "utf8")))
  .map((f) => path.relative(root, f));
// "use server" inside a function body makes an action this test could not call: refused outright.
const inlineActionFiles = serverSources
  .filter((f) => {
    const source = fs.readFileSync(f, "utf8");
    return /["']use server["']/.test(source.replace(FILE_DIRECTIVE, ""));
  })
  .map((f) => path.relative(root, f));
// Every page on disk, whatever its route group; the public ones are named with the reason.
const PUBLIC_PAGES = new Map([["app/(auth)/sign-in/page.tsx", "the sign-in page itself"]]);
const pageFiles = appFiles
  .filter((f) => /(^|\/)page\.[cm]?[jt]sx?$/.test(f))
  .map((f) => path.relative(root, f));

function user(role: Role) {
  return { id: "00000000-0000-4000-8000-000000000001", email: `${role}@test.local`, name: role, role };
}
function roleLacking(permission: Permission): Role | undefined {
  return ROLES.find((r) => !can(r, permission));
}
type Guard = { kind: "permission"; permission: Permission } | { kind: "public"; reason: string };

beforeEach(() => {
  currentUser.value = null;
});

describe("the enumeration itself", () => {
  it("finds the app's route handlers and server actions", () => {
    expect(routeFiles).toContain("app/api/health/route.ts");
    expect(actionFiles).toContain("app/(auth)/sign-in/actions.ts");
    expect(actionFiles).toContain("app/(dashboard)/admin/users/actions.ts");
    expect(pageFiles).toContain("app/(dashboard)/documents/[id]/page.tsx");
    expect(pageFiles).toContain("app/(auth)/sign-in/page.tsx");
  });

  it("recognises a file-level directive after a comment, and an inline one", () => {
    expect(FILE_DIRECTIVE.test(`/** doc */\n// note\n"use server";\nexport const a = 1;`)).toBe(true);
    expect(FILE_DIRECTIVE.test(`export async function a() {\n  "use server";\n}`)).toBe(false);
  });

  it('finds no server action declared inside a function (inline "use server"), which it could not check', () => {
    expect(inlineActionFiles).toEqual([]);
  });
});

describe.each(routeFiles)("route handler %s", (file) => {
  it("is guarded, and refuses anonymous and wrong-role callers", async () => {
    const mod = (await import(/* @vite-ignore */ path.join(root, file))) as Record<string, unknown>;
    const methods = HTTP_METHODS.filter((m) => typeof mod[m] === "function");
    expect(methods.length, "a route file should export at least one HTTP method").toBeGreaterThan(0);
    for (const method of methods) {
      const handler = mod[method] as ((req: Request, ctx: unknown) => Promise<Response>) & { guard?: Guard };
      expect(handler.guard, `${method} must be built with guardedRoute() or publicRoute()`).toBeDefined();
      const guard = handler.guard!;
      if (guard.kind === "public") {
        expect(
          PUBLIC_ROUTES.has(file),
          `${file} ${method} is public; add it to PUBLIC_ROUTES with a reason`,
        ).toBe(true);
        expect(guard.reason.length).toBeGreaterThan(10);
        continue;
      }
      expect(Object.keys(PERMISSIONS)).toContain(guard.permission);
      const call = () =>
        handler(
          new Request(`http://localhost/${file}`, { method, body: method === "GET" ? undefined : "{}" }),
          {
            params: Promise.resolve({ id: "x", path: ["x"] }),
          },
        );
      currentUser.value = null;
      expect((await call()).status, `${method} anonymous`).toBe(401);
      const wrong = roleLacking(guard.permission);
      if (wrong) {
        currentUser.value = user(wrong);
        expect((await call()).status, `${method} as ${wrong}`).toBe(403);
      }
    }
  });
});

describe.each(actionFiles)("server actions in %s", (file) => {
  it("are all guarded, and refuse anonymous and wrong-role callers", async () => {
    const mod = (await import(/* @vite-ignore */ path.join(root, file))) as Record<string, unknown>;
    const exported = Object.entries(mod);
    expect(exported.length).toBeGreaterThan(0);
    for (const [name, value] of exported) {
      const action = value as ((input: unknown) => Promise<{ ok: boolean; error?: { code: string } }>) & {
        guard?: Guard;
        actionName?: string;
      };
      expect(typeof action, `${name} must be a function`).toBe("function");
      expect(action.guard, `${name} must be built with defineAction()`).toBeDefined();
      const guard = action.guard!;
      if (guard.kind === "public") {
        expect(PUBLIC_ACTIONS.has(action.actionName!), `${name} is public; add it to PUBLIC_ACTIONS`).toBe(
          true,
        );
        continue;
      }
      currentUser.value = null;
      expect((await action({})).error?.code, `${name} anonymous`).toBe("unauthenticated");
      const wrong = roleLacking(guard.permission);
      if (wrong) {
        currentUser.value = user(wrong);
        expect((await action({})).error?.code, `${name} as ${wrong}`).toBe("forbidden");
      }
    }
  });
});

describe.each(pageFiles)("page %s", (file) => {
  it("checks the signed-in user itself", () => {
    if (PUBLIC_PAGES.has(file)) return;
    const source = fs.readFileSync(path.join(root, file), "utf8");
    const redirectsOnly = /^\s*redirect\(/m.test(source) && !/export default async/.test(source);
    expect(redirectsOnly || source.includes("requirePageUser("), `${file} must call requirePageUser()`).toBe(
      true,
    );
  });
});
