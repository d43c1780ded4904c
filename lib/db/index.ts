import "server-only";
import { getEnv } from "@/lib/env";
import { openDatabase } from "./client";
import { createLazyDatabase, type LazyDatabase } from "./lazy";
import type { Db, DriverName } from "./types";

export type { Db, DriverName } from "./types";

// On globalThis because Next may load this module more than once per process; opened on first
// use, never at import time (the build imports server modules too).
const holder = globalThis as typeof globalThis & { __atlasReviewDatabase?: LazyDatabase };

function lazyDatabase(): LazyDatabase {
  return (holder.__atlasReviewDatabase ??= createLazyDatabase(() => {
    const env = getEnv();
    return openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  }));
}

/** The process-wide database, opened (and migrated) on first use. */
export async function getDb(): Promise<Db> {
  return (await lazyDatabase().get()).db;
}

export interface DbInfo {
  driver: DriverName;
  ok: boolean;
  error?: string;
}

/** For the health endpoint: never throws. */
export async function getDbInfo(): Promise<DbInfo> {
  let driver: DriverName = "embedded";
  try {
    driver = getEnv().DATABASE_URL ? "postgres" : "embedded";
    const database = await lazyDatabase().get();
    driver = database.driver;
    await database.ping();
    return { driver, ok: true };
  } catch (error) {
    return { driver, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Graceful shutdown and tests; the next `getDb()` opens again. */
export async function closeDb(): Promise<void> {
  await lazyDatabase().close();
}
