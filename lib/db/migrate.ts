import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePgliteDb } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePgDb } from "drizzle-orm/node-postgres/migrator";
import type { Pool } from "pg";

/** Both `next start` and the scripts run from the repository root. */
export const defaultMigrationsFolder = () => path.join(process.cwd(), "drizzle");

// Any fixed 64-bit number; it only has to differ from other advisory locks on the same server.
const MIGRATION_LOCK_KEY = 4_127_339_071;

/** Only for the one-time import of an old PGlite folder (./pglite-import.ts). */
export async function migratePglite(client: PGlite, migrationsFolder: string): Promise<void> {
  await migratePgliteDb(drizzlePglite({ client }), { migrationsFolder });
}

/**
 * Several app instances may start at once against one server. The session-level advisory
 * lock makes them migrate one after another; the later ones find nothing left to apply.
 */
export async function migratePostgres(pool: Pool, migrationsFolder: string): Promise<void> {
  const connection = await pool.connect();
  try {
    await connection.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await migrateNodePgDb(drizzleNodePg({ client: connection }), { migrationsFolder });
    } finally {
      await connection.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    connection.release();
  }
}
