/**
 * One-time move of an old embedded PGlite folder (`${DATA_DIR}/pglite`, the embedded default
 * before the embedded PostgreSQL) into the embedded PostgreSQL. Both are brought to the current
 * migrations, then every table is copied row for row (through JSON, which both read and write
 * losslessly) with triggers off, and every sequence is set where it stood. The caller creates the
 * target database and renames it into place only after this succeeds, so a failed import leaves
 * nothing half-done and is tried again on the next start.
 */
import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import type { PoolClient } from "pg";
import { acquireEmbeddedLock } from "./embedded-lock";
import { displayPath } from "./embedded-postgres";
import { migratePglite } from "./migrate";

const ROWS_PER_STATEMENT = 1_000;

export interface ImportSummary {
  tables: number;
  rows: number;
}

export const hasPgliteData = (pglitePath: string) => fs.existsSync(`${pglitePath}/PG_VERSION`);

/** Copies every row of the PGlite folder into `target` (already migrated, empty). */
export async function importPglite(
  pglitePath: string,
  target: PoolClient,
  migrationsFolder: string,
): Promise<ImportSummary> {
  // An older version of the app may still have the folder open: refused, with its pid.
  const lock = await acquireEmbeddedLock(`${pglitePath}.lock`, displayPath(pglitePath));
  const source = await PGlite.create(pglitePath);
  try {
    await migratePglite(source, migrationsFolder);
    const tables = await publicTables(source);
    let rows = 0;
    await target.query("begin");
    try {
      // Foreign-key checks and the audit trail's triggers are triggers: off while copying rows
      // that satisfied every constraint where they come from.
      await target.query("set local session_replication_role = replica");
      for (const table of tables) rows += await copyTable(source, target, table);
      await copySequences(source, target);
      await target.query("commit");
    } catch (error) {
      await target.query("rollback").catch(() => undefined);
      throw error;
    }
    return { tables: tables.length, rows };
  } finally {
    await source.close();
    lock.release();
  }
}

/** Renames the imported folder out of the way, keeping it as a backup. */
export function retirePgliteFolder(pglitePath: string, now = new Date()): string {
  const retired = `${pglitePath}.imported-${now.toISOString().replace(/[:.]/g, "-")}`;
  fs.renameSync(pglitePath, retired);
  return retired;
}

async function publicTables(source: PGlite): Promise<string[]> {
  const result = await source.query<{ name: string }>(
    "select tablename as name from pg_tables where schemaname = 'public' order by tablename",
  );
  return result.rows.map((r) => r.name);
}

async function copyTable(source: PGlite, target: PoolClient, table: string): Promise<number> {
  const columns = await target.query<{ name: string }>(
    `select column_name as name from information_schema.columns
     where table_schema = 'public' and table_name = $1 and is_generated = 'NEVER'
     order by ordinal_position`,
    [table],
  );
  const list = columns.rows.map((c) => quote(c.name)).join(", ");
  const insert =
    `insert into ${quote(table)} (${list}) overriding system value ` +
    `select ${list} from json_populate_recordset(null::${quote(table)}, $1::json)`;
  let copied = 0;
  await source.exec(
    `begin; declare rows_out no scroll cursor for select row_to_json(t)::text as r from ${quote(table)} t`,
  );
  try {
    for (;;) {
      const batch = await source.query<{ r: string }>(`fetch ${ROWS_PER_STATEMENT} from rows_out`);
      if (batch.rows.length === 0) break;
      await target.query(insert, [`[${batch.rows.map((row) => row.r).join(",")}]`]);
      copied += batch.rows.length;
    }
  } finally {
    await source.exec("close rows_out; commit");
  }
  const counted = await target.query<{ n: number }>(`select count(*)::int as n from ${quote(table)}`);
  if (counted.rows[0]?.n !== copied) {
    throw new Error(`Importing ${table}: ${copied} rows read, ${counted.rows[0]?.n} stored`);
  }
  return copied;
}

async function copySequences(source: PGlite, target: PoolClient): Promise<void> {
  const sequences = await source.query<{ name: string; last: string | null }>(
    "select sequencename as name, last_value::text as last from pg_sequences where schemaname = 'public'",
  );
  for (const { name, last } of sequences.rows) {
    if (last === null) continue; // never used: the fresh sequence already starts where it would
    await target.query("select setval($1::regclass, $2::bigint, true)", [`public.${quote(name)}`, last]);
  }
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
