import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import atlasRules from "./eslint-rules/no-server-import-in-client.mjs";
import { wallConfigs } from "./eslint-rules/walls.mjs";

const PROCESS_ENV = {
  object: "process",
  property: "env",
  message: "Read settings through getEnv() from lib/env.ts, the one reader of the environment.",
};
// Dates, times and numbers reach people through lib/format only (IST by default, DD/MM/YYYY, en-IN
// grouping), so every page, export and the audit trail write them the same way. (A rule of its own
// rather than no-restricted-syntax, which the layer walls use per folder and would override.)
const FORMAT_ELSEWHERE =
  "lives in lib/format: use formatNumber/formatPercent or useFormatter()/serverFormatter().";
const AD_HOC_FORMATTING = [
  ...["toLocaleString", "toLocaleDateString", "toLocaleTimeString"].map((property) => ({
    property,
    message: `Formatting for people ${FORMAT_ELSEWHERE}`,
  })),
  { object: "Intl", message: `Intl ${FORMAT_ELSEWHERE}` },
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    plugins: { atlas: atlasRules },
    rules: {
      "atlas/no-server-import-in-client": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-properties": ["error", PROCESS_ENV, ...AD_HOC_FORMATTING],
    },
  },
  {
    // The formatting module itself, and test references built on Intl.
    files: ["lib/format/**", "test/**"],
    rules: { "no-restricted-properties": ["error", PROCESS_ENV] },
  },
  {
    // The environment reader itself, CLI entry points and tooling may read process.env.
    files: ["lib/env.ts", "scripts/**", "atlas-sim/main.ts", "*.config.*", "e2e/**", "**/*.test.ts"],
    rules: { "no-restricted-properties": "off" },
  },
  // The layer walls (lib/atlas ↛ lib/db, atlas-sim ↛ app code, components ↛ routes, app ↛ raw
  // queries …): one table in eslint-rules/walls.mjs, each wall proven by eslint-rules/walls.test.ts.
  ...wallConfigs,
  {
    // Server code reaches the network through two doors only: lib/atlas (the configured Atlas) and
    // lib/net (user-given URLs, public addresses only, checked at connect time).
    files: ["lib/**/*.ts", "app/**/route.ts", "app/**/actions.ts", "proxy.ts"],
    ignores: ["lib/atlas/**", "lib/net/**", "**/*.test.ts", "**/test-support.ts"],
    rules: {
      "no-restricted-globals": [
        "error",
        {
          name: "fetch",
          message:
            "Fetch user-given URLs with fetchFileSafely from lib/net/safe-fetch.ts (SSRF-safe); Atlas only through lib/atlas.",
        },
      ],
    },
  },
  {
    // A file past 300 lines is usually two things (STYLE.md): split it. Tests, benchmarks and
    // scripts are exempt.
    files: ["app/**", "components/**", "lib/**", "atlas-sim/**", "eslint-rules/**", "test/**", "*.ts"],
    ignores: ["**/*.test.ts", "**/*.test.tsx", "**/__fixtures__/**"],
    rules: { "max-lines": ["error", { max: 300 }] },
  },
  globalIgnores([
    ".next/**",
    ".next-*/**",
    "node_modules/**",
    ".data/**",
    ".data-*/**",
    "drizzle/**",
    "next-env.d.ts",
    "test-results/**",
    "playwright-report/**",
  ]),
]);
