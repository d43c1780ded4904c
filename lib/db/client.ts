/**
 * Opening the database, outside React: the app (through ./index.ts), scripts and tests.
 * Default: embedded PGlite in `${dataDir}/pglite`, owned by exactly one process.
 * With a URL: PostgreSQL through a `pg` pool, shareable by several app instances.
 * Either way the committed migrations in `drizzle/` are applied before the handle is returned.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { Pool } from "pg";
import { acquireEmbeddedLock } from "./embedded-lock";
import { closeOnExit } from "./exit-hooks";
import { defaultMigrationsFolder, migratePglite, migratePostgres } from "./migrate";
import * as schema from "./schema";
import type { Database, Db } from "./types";

export { DatabaseLockedError } from "./embedded-lock";
export type { Database, Db, DriverName } from "./types";

export interface OpenDatabaseOptions {
  /** PostgreSQL URL; when absent, the embedded database in `dataDir` is used. */
  databaseUrl?: string;
  dataDir: string;
  /** Defaults to `<cwd>/drizzle`. */
  migrationsFolder?: string;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, migrationsFolder)
    : openEmbedded(options.dataDir, migrationsFolder);
}

/** Where the embedded database of `dataDir` lives. */
export const embeddedPaths = (dataDir: string) => {
  const dataPath = path.resolve(dataDir, "pglite");
  return { dataPath, lockPath: `${dataPath}.lock` };
};

async function openEmbedded(dataDir: string, migrationsFolder: string): Promise<Database> {
  const { dataPath, lockPath } = embeddedPaths(dataDir);
  await mkdir(path.dirname(dataPath), { recursive: true });
  const lock = await acquireEmbeddedLock(lockPath, displayPath(dataPath));
  let client: PGlite | undefined;
  try {
    client = await PGlite.create(dataPath);
    await migratePglite(client, migrationsFolder);
  } catch (error) {
    await client?.close().catch(() => undefined);
    lock.release();
    throw error;
  }
  const pglite = client;
  const db: Db = drizzlePglite({ client: pglite, schema });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      unregister();
      try {
        if (!pglite.closed) await pglite.close();
      } finally {
        lock.release();
      }
    })());
  const unregister = closeOnExit({ close, closeSync: () => lock.release() });

  return { db, driver: "pglite", close, ping: () => ping(db) };
}

/**
 * An embedded database in memory: nothing on disk, so no lock. For tests and throwaway runs.
 * `from` is a PGlite data-folder dump (`dumpDataDir("none")`) to start from instead of initdb.
 */
export async function openInMemoryDatabase(
  options: { from?: Blob; migrationsFolder?: string } = {},
): Promise<Database> {
  const client = await PGlite.create({ loadDataDir: options.from });
  try {
    await migratePglite(client, options.migrationsFolder ?? defaultMigrationsFolder());
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
  const db: Db = drizzlePglite({ client, schema });
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= client.close());
  return { db, driver: "pglite", close, ping: () => ping(db) };
}

async function openPostgres(databaseUrl: string, migrationsFolder: string): Promise<Database> {
  const pool = new Pool({ connectionString: databaseUrl });
  // Without a listener, an idle client dropped by the server would crash the process.
  pool.on("error", (error) => console.error("[db] idle PostgreSQL connection failed:", error.message));
  try {
    await migratePostgres(pool, migrationsFolder);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  const db: Db = drizzleNodePg({ client: pool, schema });
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= pool.end());
  return { db, driver: "postgres", close, ping: () => ping(db) };
}

async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}

function displayPath(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : absolute;
}
