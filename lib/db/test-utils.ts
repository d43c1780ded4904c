/**
 * Fresh databases for integration tests. Every suite runs on PGlite; when TEST_DATABASE_URL
 * points at a PostgreSQL server (CI), it runs there too, each test file in a database of its
 * own that is dropped afterwards. Write suites as `describe.each(testDrivers)(…, (driver) => …)`.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import { Client } from "pg";
import { afterAll, beforeAll } from "vitest";
import {
  embeddedPaths,
  openDatabase,
  openInMemoryDatabase,
  type Database,
  type Db,
  type DriverName,
  type OpenDatabaseOptions,
} from "./client";
import { defaultMigrationsFolder, migratePglite } from "./migrate";

// Test-harness configuration, not app configuration (like *.test.ts files, which may read it).
// eslint-disable-next-line no-restricted-properties
const testDatabaseUrl = process.env.TEST_DATABASE_URL?.trim() || undefined;

export const testDrivers: DriverName[] = testDatabaseUrl ? ["pglite", "postgres"] : ["pglite"];

/** Only the drivers that are PostgreSQL servers: empty unless TEST_DATABASE_URL is set. */
export const postgresTestDrivers = testDrivers.filter((d) => d === "postgres");

export interface TestDatabaseOptions {
  /**
   * PGlite only: a real data folder, created from scratch by `openDatabase` (initdb, every
   * migration, the lock), so that the test can also close and reopen it. Several seconds slower
   * than the default, an in-memory copy of an already-migrated database.
   */
  onDisk?: boolean;
}

export interface TestDatabase {
  readonly driver: DriverName;
  readonly database: Database;
  readonly db: Db;
  /** Close and open again with the same options: an app restart. Not for in-memory PGlite. */
  reopen(): Promise<Database>;
  dispose(): Promise<void>;
}

export async function createTestDatabase(
  driver: DriverName,
  { onDisk = false }: TestDatabaseOptions = {},
): Promise<TestDatabase> {
  if (driver === "pglite" && !onDisk) {
    const database = await openInMemoryDatabase({ from: await migratedPgliteDump() });
    return {
      driver,
      database,
      db: database.db,
      reopen: () =>
        Promise.reject(new Error("An in-memory database cannot be reopened; use { onDisk: true }")),
      dispose: () => database.close(),
    };
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "atlas-review-db-"));
  const server = driver === "postgres" ? await createEmptyPostgresDatabase() : undefined;
  const cleanUp = async () => {
    await server?.drop();
    await rm(dataDir, { recursive: true, force: true });
  };
  const options: OpenDatabaseOptions = { dataDir, databaseUrl: server?.url };
  let database: Database;
  try {
    database = await openDatabase(options);
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
      database = await openDatabase(options);
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

/** Puts an already-migrated embedded database into `dataDir`, as if the app had run there before. */
export async function seedMigratedPglite(dataDir: string): Promise<void> {
  const client = await PGlite.create(embeddedPaths(dataDir).dataPath, {
    loadDataDir: await migratedPgliteDump(),
  });
  await client.close();
}

/**
 * A dump of a fully migrated PGlite data folder, built once per set of migrations and kept in
 * the temp dir: initdb is most of the ~4 s a fresh PGlite costs; loading the dump takes <1 s.
 * Test files racing to build it each build their own; the first rename wins.
 */
async function migratedPgliteDump(): Promise<Blob> {
  const file = path.join(os.tmpdir(), `atlas-review-pglite-${await migrationsHash()}.tar`);
  if (!existsSync(file)) {
    const client = await PGlite.create();
    await migratePglite(client, defaultMigrationsFolder());
    const dump = await client.dumpDataDir("none");
    await client.close();
    const building = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    await writeFile(building, Buffer.from(await dump.arrayBuffer()));
    await rename(building, file);
  }
  return new Blob([await readFile(file)]);
}

async function migrationsHash(): Promise<string> {
  const folder = defaultMigrationsFolder();
  const hash = createHash("sha256");
  const pglitePackage = path.join(process.cwd(), "node_modules/@electric-sql/pglite/package.json");
  hash.update(await readFile(pglitePackage));
  const files = (await readdir(folder, { recursive: true })).sort();
  for (const file of files.filter((f) => f.endsWith(".sql") || f.endsWith("_journal.json"))) {
    hash.update(file).update(await readFile(path.join(folder, file)));
  }
  return hash.digest("hex").slice(0, 16);
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

async function withAdminClient(run: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: testDatabaseUrl });
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
