/**
 * The layer walls, as lint (cal.com's way: `no-restricted-imports` per folder, with a message
 * saying what to use instead). Each arrow below must never exist; eslint-rules/walls.test.ts
 * lints a breach of each one and a neighbouring import that is allowed.
 *
 *   lib/atlas  ↛ lib/db, app             the Atlas client knows nothing of our storage or routes
 *   lib        ↛ app, atlas-sim          domain modules serve routes, never the other way
 *   atlas-sim  ↛ lib, app, components    the simulator is an outsider (test double); also
 *                proxy, instrumentation, scripts, e2e
 *   components ↛ lib/db, lib/atlas, app  widgets take data and actions as props
 *   app        ↛ drizzle-orm, lib/db/schema, lib/db/tables, atlas-sim, db.select()/db.query…
 *                                        queries live in lib/ domain modules; only the
 *                                        embedded mount app/atlas-sim serves the simulator
 *
 * Flat config does not merge two settings of one rule, so every file gets exactly one block:
 * the groups below are disjoint (see `ignores`).
 */

const TESTS = ["**/*.test.ts", "**/*.test.tsx"];

/** A module of ours, reached by alias ("@/lib/db") or a relative path ("../../lib/db"). */
const own = (folder) => `^(@/|(\\./)?(\\.\\./)+)${folder}(/|$)`;

/** What a wall forbids: the specifiers that reach it, and how to name it in a message. */
const target = {
  libDb: { label: "lib/db", regex: [own("lib/db")] },
  libAtlas: { label: "lib/atlas", regex: [own("lib/atlas")] },
  app: { label: "app/ (routes)", regex: [own("app")] },
  atlasSim: { label: "atlas-sim (the simulator)", regex: [own("atlas-sim")] },
  drizzle: {
    label: "drizzle-orm or the table definitions",
    regex: ["^drizzle-orm(/|$)", own("lib/db/schema"), own("lib/db/tables")],
  },
};

/** Inside lib/, "../db" from lib/atlas is lib/db too. */
const libRelative = (t, folder) => ({ ...t, regex: [...t.regex, `^(\\./)?(\\.\\./)+${folder}(/|$)`] });

const forbid = (t, instead) => ({ ...t, instead });

/**
 * The database handle queried in place (db.select(), db.query.users…, (await getDb()).execute()):
 * relational queries need no table import, so the import wall alone would not keep them out.
 */
const QUERY_METHODS =
  "/^([$](count|with)|select|selectDistinct|selectDistinctOn|insert|update|delete|execute|query|transaction)$/";
const RAW_QUERY = {
  selector: [
    `MemberExpression[object.type='Identifier'][object.name=/^(db|tx)$/][property.name=${QUERY_METHODS}]`,
    `MemberExpression[object.type='AwaitExpression'][object.argument.callee.name='getDb'][property.name=${QUERY_METHODS}]`,
  ].join(", "),
  message:
    "app must not query the database in place: put the query in a lib/<domain> module (e.g. queries.ts) and call it with getDb().",
};

const ROUTE_ONLY = "move what both need into lib/ (or components/), or pass the action in as a prop";
const APP_CODE = "lib|app|components|scripts|e2e|proxy|instrumentation";
const SIM_MESSAGE =
  "atlas-sim must not import application code (lib/, app/, components/, proxy, instrumentation, scripts/, e2e/); give the simulator its own.";

export const WALLS = [
  {
    name: "atlas-sim",
    files: ["atlas-sim/**"],
    // One message for all (the wording predates this table; the simulator's test knows it). The
    // root modules (proxy, instrumentation), scripts and e2e are application code too.
    forbid: [{ label: "lib", regex: [own(`(${APP_CODE})`)], message: SIM_MESSAGE }],
  },
  {
    name: "lib/atlas",
    files: ["lib/atlas/**"],
    ignores: TESTS,
    forbid: [
      forbid(
        libRelative(target.libDb, "db"),
        "the Atlas client returns what Atlas said; lib/<domain> modules store it",
      ),
      forbid(target.app, ROUTE_ONLY),
      forbid(target.atlasSim, "the client talks to any Atlas over HTTP; tests start the simulator (test/)"),
    ],
  },
  {
    name: "lib/atlas",
    files: TESTS.map((t) => `lib/atlas/${t}`),
    forbid: [
      forbid(libRelative(target.libDb, "db"), "the Atlas client's tests need no database"),
      forbid(target.app, ROUTE_ONLY),
    ],
  },
  {
    name: "lib",
    files: ["lib/**"],
    ignores: ["lib/atlas/**", ...TESTS],
    forbid: [
      forbid(target.app, ROUTE_ONLY),
      forbid(
        target.atlasSim,
        "the app reaches Atlas through lib/atlas only; tests start the simulator (test/)",
      ),
    ],
  },
  {
    name: "components",
    files: ["components/**"],
    forbid: [
      forbid(target.libDb, "load data in a page, route or action and pass it in as props"),
      forbid(target.libAtlas, "load Atlas data in a page, route or action and pass it in as props"),
      forbid(target.app, "take the route's action or data as a prop"),
      forbid(target.atlasSim, "widgets never see the simulator"),
    ],
  },
  {
    name: "app",
    files: ["app/**"],
    ignores: ["app/atlas-sim/**", ...TESTS],
    forbid: [
      forbid(target.drizzle, "put the query in a lib/<domain> module (e.g. queries.ts) and call it"),
      forbid(target.atlasSim, "only the embedded mount app/atlas-sim serves the simulator"),
    ],
    syntax: [RAW_QUERY],
  },
  {
    // The embedded simulator's mount is the one route that may import it.
    name: "app",
    files: ["app/atlas-sim/**"],
    ignores: TESTS,
    forbid: [forbid(target.drizzle, "put the query in a lib/<domain> module (e.g. queries.ts) and call it")],
    syntax: [RAW_QUERY],
  },
  // Route tests (app/**/*.test.ts) seed rows and read back what a handler wrote (audit events,
  // counts): raw rows are what they check, so they stay outside the app wall.
];

function blocks(wall, index) {
  const patterns = wall.forbid.flatMap((t) =>
    t.regex.map((regex) => ({
      regex,
      message: t.message ?? `${wall.name} must not import ${t.label}: ${t.instead}.`,
    })),
  );
  // esquery regexes cannot contain "/": "." stands in for it (it matches "/" too).
  const selectors = patterns.map(({ regex, message }) => {
    const rx = regex.replaceAll("/", ".");
    return {
      selector: [
        `ImportExpression[source.value=/${rx}/]`,
        // import(`@/lib/db`) and import(`../db/${name}`): the text before the first ${…}.
        `ImportExpression > TemplateLiteral.source > TemplateElement:first-child[value.cooked=/${rx}/]`,
        `CallExpression[callee.name='require'][arguments.0.value=/${rx}/]`,
      ].join(", "),
      message,
    };
  });
  return {
    name: `walls/${index}-${wall.name}`,
    files: wall.files,
    ...(wall.ignores ? { ignores: wall.ignores } : {}),
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: patterns.map(({ regex, message }) => ({ regex, message })) },
      ],
      // The same walls for import("…"), import(`…`) and require("…").
      "no-restricted-syntax": ["error", ...selectors, ...(wall.syntax ?? [])],
    },
  };
}

export const wallConfigs = WALLS.map((wall, i) => blocks(wall, i));
