import { defineConfig } from "drizzle-kit";

// Generation needs no database. The app applies `drizzle/` itself when it opens one
// (lib/db/migrate.ts), so `drizzle-kit migrate` is not part of deployment.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema.ts",
  out: "./drizzle",
  strict: true,
  verbose: true,
});
