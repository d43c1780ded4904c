/**
 * Fresh databases for integration tests. Every suite runs on the embedded PostgreSQL; when
 * TEST_DATABASE_URL points at a PostgreSQL server (CI), it runs there too. Each test file gets a
 * database of its own that is dropped afterwards, so files stay isolated and run in parallel.
 * Write suites as `describe.each(testDrivers)(…, (driver) => …)`.
 *
 * The embedded server is one per vitest run (./test-server.global.ts names its folder and stops
 * it at the end); the first file that needs it starts it, and builds a migrated template that
 * every later database is copied from (much faster than migrating each).
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { SQL } from "drizzle-orm";
import { Client, type ClientConfig } from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import {
  openDatabase,
  openPool,
  type Database,
  type Db,
  type DriverName,
  type OpenDatabaseOptions,
} from "./client";
import { ensureEmbeddedServer } from "./embedded-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** The data folder of this run's shared embedded PostgreSQL (./test-server.global.ts). */
    embeddedTestDataDir: string;
  }
}

// Test-harness configuration, not app configuration (like *.test.ts files, which may read it).
// eslint-disable-next-line no-restricted-properties
const testDatabaseUrl = process.env.TEST_DATABASE_URL?.trim() || undefined;

export const testDrivers: DriverName[] = testDatabaseUrl ? ["embedded", "postgres"] : ["embedded"];

/** Only the drivers that are PostgreSQL servers named by a URL: empty unless TEST_DATABASE_URL is set. */
export const postgresTestDrivers = testDrivers.filter((d) => d === "postgres");

export interface TestDatabaseOptions {
  /**
   * Embedded only: a server of its own in a new data folder, created from scratch by
   * `openDatabase` (initdb, start, every migration), so that the test can also close it (which
   * stops that server) and open it again. A few seconds slower than the default, a copy of a
   * migrated template on the run's shared server.
   */
  onDisk?: boolean;
}

export interface TestDatabase {
  readonly driver: DriverName;
  readonly database: Database;
  readonly db: Db;
  /** Close and open again with the same options: an app restart. */
  reopen(): Promise<Database>;
  dispose(): Promise<void>;
}

export async function createTestDatabase(
  driver: DriverName,
  { onDisk = false }: TestDatabaseOptions = {},
): Promise<TestDatabase> {
  const dataDir =
    driver === "embedded" && onDisk ? await mkdtemp(path.join(os.tmpdir(), "atlas-review-db-")) : undefined;
  const server = dataDir
    ? undefined
    : driver === "postgres"
      ? await createEmptyPostgresDatabase()
      : await createEmbeddedTestDatabase();
  const open = (): Promise<Database> =>
    server && "connection" in server
      ? openPool(server.connection, driver)
      : openDatabase({
          dataDir: dataDir ?? "unused",
          databaseUrl: server?.url,
        } satisfies OpenDatabaseOptions);
  const cleanUp = async () => {
    await server?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
  let database: Database;
  try {
    database = await open();
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return {
    driver,
    get database() {
      return database;
    },
    get db() {
      return database.db;
    },
    async reopen() {
      await database.close();
      database = await open();
      return database;
    },
    async dispose() {
      await database.close();
      await cleanUp();
    },
  };
}

/** One database for the enclosing `describe`, opened before its tests and disposed after. */
export function useTestDatabase(driver: DriverName, options?: TestDatabaseOptions): TestDatabase {
  let current: TestDatabase | undefined;
  beforeAll(async () => {
    current = await createTestDatabase(driver, options);
  });
  afterAll(async () => {
    await current?.dispose();
  });
  const ready = () => {
    if (!current) throw new Error("The test database is opened in beforeAll; use it inside tests.");
    return current;
  };
  return {
    driver,
    get database() {
      return ready().database;
    },
    get db() {
      return ready().db;
    },
    reopen: () => ready().reopen(),
    dispose: () => ready().dispose(),
  };
}

const TEMPLATE = "atlas_review_test_template";

/** The run's shared embedded server, started by whichever test file asks first. */
export async function sharedEmbeddedServer() {
  return ensureEmbeddedServer(inject("embeddedTestDataDir"));
}

/** A new database on the run's shared embedded server, copied from the migrated template. */
async function createEmbeddedTestDatabase(): Promise<{ connection: ClientConfig; drop(): Promise<void> }> {
  const server = await sharedEmbeddedServer();
  const admin: ClientConfig = { ...server.connection, database: "postgres" };
  const name = `atlas_review_test_${randomBytes(6).toString("hex")}`;
  await withClient(admin, async (client) => {
    await client.query("select pg_advisory_lock(4127339073)");
    const exists = await client.query("select 1 from pg_database where datname = $1", [TEMPLATE]);
    if (!exists.rowCount) {
      // Throwaway data: durability buys nothing here, and fsync is most of the cost of a test database.
      for (const setting of ["fsync = off", "synchronous_commit = off", "full_page_writes = off"]) {
        await client.query(`alter system set ${setting}`);
      }
      await client.query("select pg_reload_conf()");
      await client.query(`create database ${TEMPLATE}`);
      const template = await openPool({ ...server.connection, database: TEMPLATE, max: 1 }, "embedded");
      await template.close();
    }
    await client.query("select pg_advisory_unlock(4127339073)");
    await client.query(`create database "${name}" template ${TEMPLATE}`);
  });
  return {
    connection: { ...server.connection, database: name },
    drop: () => withClient(admin, (client) => client.query(`drop database if exists "${name}" with (force)`)),
  };
}

/** A new, empty (unmigrated) database on the TEST_DATABASE_URL server. */
export async function createEmptyPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!testDatabaseUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `atlas_review_test_${randomBytes(6).toString("hex")}`;
  await withAdminClient((client) => client.query(`create database "${name}"`));
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdminClient((client) => client.query(`drop database if exists "${name}" with (force)`)),
  };
}

const withAdminClient = (run: (client: Client) => Promise<unknown>) =>
  withClient({ connectionString: testDatabaseUrl }, run);

async function withClient(config: ClientConfig, run: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client(config);
  await client.connect();
  try {
    await run(client);
  } finally {
    await client.end();
  }
}

/** Rows of a raw query; both drivers answer `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}
