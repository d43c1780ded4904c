/**
 * Opening the database, outside React: the app (through ./index.ts), scripts and tests.
 * Default: the embedded PostgreSQL in `${dataDir}/postgres` (./embedded-postgres.ts), started
 * here or, when another process already runs it, shared. With a URL: that PostgreSQL. Either
 * way one driver (`pg`), and the committed migrations in `drizzle/` are applied before the
 * handle is returned.
 */
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { Client, Pool, type PoolConfig } from "pg";
import { logger } from "@/lib/logger";
import {
  displayPath,
  embeddedServerPaths,
  ensureEmbeddedServer,
  stopEmbeddedServer,
  type EmbeddedServer,
} from "./embedded-postgres";
import { ownServer, type ServerOwnership } from "./embedded-owner";
import { closeOnExit } from "./exit-hooks";
import { defaultMigrationsFolder, migratePostgres } from "./migrate";
import { pgErrorCode } from "./errors";
import { hasPgliteData, importPglite, retirePgliteFolder } from "./pglite-import";
import * as schema from "./schema";
import type { Database, Db, DriverName } from "./types";

export type { Database, Db, DriverName } from "./types";

/** The app's database inside the embedded server. */
export const EMBEDDED_DATABASE = "atlas_review";

export interface OpenDatabaseOptions {
  /** PostgreSQL URL; when absent, the embedded PostgreSQL in `dataDir` is used. */
  databaseUrl?: string;
  dataDir: string;
  /** Defaults to `<cwd>/drizzle`. */
  migrationsFolder?: string;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
  return options.databaseUrl
    ? openPool({ connectionString: options.databaseUrl }, "postgres", migrationsFolder)
    : openEmbedded(options.dataDir, migrationsFolder);
}

async function openEmbedded(dataDir: string, migrationsFolder: string): Promise<Database> {
  for (let attempt = 1; ; attempt++) {
    const server = await ensureEmbeddedServer(dataDir);
    try {
      return await connectEmbedded(server, dataDir, migrationsFolder);
    } catch (error) {
      if (server.startedHere) await stopEmbeddedServer(server.pid).catch(() => undefined);
      // The process that started it may have stopped it between our finding it and connecting
      // (it saw nobody else connected yet): then start it again ourselves.
      if (!server.startedHere && attempt < 3 && serverWentAway(error)) continue;
      throw error;
    }
  }
}

async function connectEmbedded(
  server: EmbeddedServer,
  dataDir: string,
  migrationsFolder: string,
): Promise<Database> {
  await provisionDatabase(server, dataDir, migrationsFolder);
  // min: 1 keeps one connection open while the process lives, so that the process that started
  // the server can tell, when it stops, whether anyone else still uses it.
  const applicationName = `atlas-review:${process.pid}`;
  const database = await openPool(
    {
      ...server.connection,
      database: EMBEDDED_DATABASE,
      application_name: applicationName,
      max: 10,
      min: 1,
      idleTimeoutMillis: 30_000,
    },
    "embedded",
    migrationsFolder,
  );
  if (!server.startedHere) return database;
  let ownership: ServerOwnership;
  try {
    ownership = await ownServer(server, applicationName);
  } catch (error) {
    await database.close();
    throw error;
  }
  const close = once(async () => {
    // Stays registered until released: `next start` may exit mid-way, and then the "exit" hook
    // still has to do its part.
    await ownership.release(() => database.close());
    unregister();
  });
  // After a kill -9 nothing runs: the server is left running and the next start reuses it.
  const unregister = closeOnExit({ close, closeSync: () => ownership.releaseSync() });
  return { ...database, close };
}

const serverWentAway = (error: unknown) => {
  const code = pgErrorCode(error);
  return (
    code === "ECONNREFUSED" ||
    code === "ENOENT" ||
    code === "57P01" || // terminating connection due to administrator command
    code === "57P03" || // the database system is shutting down
    /Connection terminated/i.test(String(error))
  );
};

/** Creates the app's database on first start, importing an old PGlite folder when there is one. */
async function provisionDatabase(server: EmbeddedServer, dataDir: string, migrationsFolder: string) {
  const { pglite } = embeddedServerPaths(dataDir);
  await withAdminClient(server, async (admin) => {
    // Several processes may find the server at once: one of them provisions.
    await admin.query("select pg_advisory_lock(4127339072)");
    const exists = await admin.query("select 1 from pg_database where datname = $1", [EMBEDDED_DATABASE]);
    if (exists.rowCount) {
      if (hasPgliteData(pglite)) {
        logger.warn("db.pglite_left_alone", {
          folder: displayPath(pglite),
          reason:
            "the embedded PostgreSQL already holds the app's data; import or remove the old folder by hand",
        });
      }
      return;
    }
    if (!hasPgliteData(pglite)) {
      await admin.query(`create database ${EMBEDDED_DATABASE}`);
      return;
    }
    const staging = `${EMBEDDED_DATABASE}_import`;
    await admin.query(`drop database if exists ${staging} with (force)`);
    await admin.query(`create database ${staging}`);
    const pool = new Pool({ ...server.connection, database: staging, max: 1 });
    try {
      await migratePostgres(pool, migrationsFolder);
      const connection = await pool.connect();
      try {
        const summary = await importPglite(pglite, connection, migrationsFolder);
        connection.release();
        await pool.end();
        await admin.query(`alter database ${staging} rename to ${EMBEDDED_DATABASE}`);
        const retired = retirePgliteFolder(pglite);
        logger.info("db.pglite_imported", {
          from: displayPath(pglite),
          keptAs: displayPath(retired),
          ...summary,
        });
      } catch (error) {
        connection.release();
        throw error;
      }
    } finally {
      if (!pool.ended) await pool.end();
    }
  });
}

async function withAdminClient<T>(server: EmbeddedServer, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ ...server.connection, database: "postgres" });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A `pg` pool on an existing database, migrated. Tests open their per-file databases with it. */
export async function openPool(
  config: PoolConfig,
  driver: DriverName,
  migrationsFolder = defaultMigrationsFolder(),
): Promise<Database> {
  const pool = new Pool(config);
  // Without a listener, an idle client dropped by the server would crash the process.
  pool.on("error", (error) => console.error("[db] idle PostgreSQL connection failed:", error.message));
  try {
    await migratePostgres(pool, migrationsFolder);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  const db: Db = drizzle({ client: pool, schema });
  const close = once(() => pool.end());
  return { db, driver, close, ping: () => ping(db) };
}

async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}

function once(run: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= run());
}
