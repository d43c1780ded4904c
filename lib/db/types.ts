import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema";

export type Schema = typeof schema;

/**
 * The database as every query function sees it: the node-postgres driver (embedded or not), or
 * a transaction handle, so a function can run inside a caller's transaction.
 */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** `embedded`: the PostgreSQL server the app starts itself in DATA_DIR; `postgres`: DATABASE_URL. */
export type DriverName = "embedded" | "postgres";

export interface Database {
  readonly db: Db;
  readonly driver: DriverName;
  /** Runs `select 1`; throws when the database cannot answer. */
  ping(): Promise<void>;
  /** Idempotent. Stops the embedded server too when this process started it and nobody else uses it. */
  close(): Promise<void>;
}
