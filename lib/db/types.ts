import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema";

export type Schema = typeof schema;

/**
 * The database as every query function sees it: satisfied by the PGlite and node-postgres
 * drivers alike, and by a transaction handle, so a function can run inside a caller's
 * transaction. Raw `execute` results differ between drivers; prefer the query builder.
 */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type DriverName = "pglite" | "postgres";

export interface Database {
  readonly db: Db;
  readonly driver: DriverName;
  /** Runs `select 1`; throws when the database cannot answer. */
  ping(): Promise<void>;
  /** Idempotent. For PGlite, also releases the folder lock. */
  close(): Promise<void>;
}
