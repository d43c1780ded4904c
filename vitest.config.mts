import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // `server-only` throws outside a React Server environment; tests run server code directly.
      "server-only": fileURLToPath(new URL("./test/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    include: ["**/*.test.ts", "**/*.test.tsx"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // One embedded PostgreSQL per run, shared by the integration tests (a database per file).
    globalSetup: ["./lib/db/test-server.global.ts"],
    // next-auth imports "next/server" without an extension, which Node's ESM resolver refuses;
    // letting Vite transform it resolves the import the way Next does.
    server: { deps: { inline: ["next-auth", "@auth/core"] } },
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: "test-results/vitest-results.json" },
  },
});
