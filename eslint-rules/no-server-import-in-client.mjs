/**
 * Keeps client components ("use client" files) from importing server-only modules: the
 * database, the Atlas client, the environment reader, auth internals, Node built-ins, and any
 * module that itself starts with `import "server-only"`. Next.js would fail at build time for
 * some of these; this rule fails earlier and names the import.
 */
import fs from "node:fs";
import path from "node:path";

const SERVER_PACKAGES = [
  /^server-only$/,
  /^node:/,
  /^pg$/,
  /^@electric-sql\/pglite/,
  /^drizzle-orm\/(pglite|node-postgres)/,
];
const SERVER_FOLDERS = ["lib/db", "lib/atlas", "lib/env", "lib/auth/server", "lib/server", "atlas-sim"];
const EXTENSIONS = ["", ".ts", ".tsx", ".mts", ".js", ".mjs", "/index.ts", "/index.tsx"];

function isUseClient(program) {
  for (const statement of program.body) {
    if (statement.type !== "ExpressionStatement" || typeof statement.directive !== "string") return false;
    if (statement.directive === "use client") return true;
  }
  return false;
}

function resolveLocal(source, filename, root) {
  let base;
  if (source.startsWith("@/")) base = path.join(root, source.slice(2));
  else if (source.startsWith(".")) base = path.resolve(path.dirname(filename), source);
  else return undefined;
  for (const ext of EXTENSIONS) {
    const candidate = base + ext;
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return base;
}

function startsWithServerOnly(file) {
  try {
    const head = fs.readFileSync(file, "utf8").slice(0, 2000);
    return /^\s*import\s+["']server-only["'];?/m.test(head);
  } catch {
    return false;
  }
}

export const noServerImportInClient = {
  meta: {
    type: "problem",
    docs: { description: "Client components must not import server-only modules" },
    schema: [],
    messages: {
      serverImport:
        '"{{source}}" is server-only ({{why}}) and cannot be imported from a "use client" file. Move the call into a server component, a route handler or a server action.',
    },
  },
  create(context) {
    const filename = context.filename;
    const root = context.cwd;
    let client = false;
    function check(node, source) {
      if (!client || typeof source !== "string") return;
      if (SERVER_PACKAGES.some((re) => re.test(source))) {
        context.report({ node, messageId: "serverImport", data: { source, why: "a server package" } });
        return;
      }
      const resolved = resolveLocal(source, filename, root);
      if (!resolved) return;
      const rel = path.relative(root, resolved).split(path.sep).join("/");
      const folder = SERVER_FOLDERS.find(
        (f) => rel === f || rel.startsWith(`${f}/`) || rel.startsWith(`${f}.`),
      );
      if (folder) {
        context.report({ node, messageId: "serverImport", data: { source, why: `it lives in ${folder}` } });
      } else if (startsWithServerOnly(resolved)) {
        context.report({
          node,
          messageId: "serverImport",
          data: { source, why: 'it imports "server-only"' },
        });
      }
    }
    return {
      Program(node) {
        client = isUseClient(node);
      },
      ImportDeclaration(node) {
        if (node.importKind !== "type") check(node, node.source.value);
      },
      ExportNamedDeclaration(node) {
        if (node.source && node.exportKind !== "type") check(node, node.source.value);
      },
      ExportAllDeclaration(node) {
        if (node.exportKind !== "type") check(node, node.source.value);
      },
      ImportExpression(node) {
        if (node.source.type === "Literal") check(node, node.source.value);
      },
    };
  },
};

const plugin = { rules: { "no-server-import-in-client": noServerImportInClient } };
export default plugin;
