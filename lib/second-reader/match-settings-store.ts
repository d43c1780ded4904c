import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "@/lib/db";
import type { AuditActor } from "@/lib/db/queries/audit";
import { getSetting, setSetting } from "@/lib/db/queries/settings";
import { secondReads } from "@/lib/db/schema";
import { getEnv, type Env } from "@/lib/env";
import { logger } from "@/lib/logger";
import type { MatchSettings } from "./match";
import {
  envMatchSettings,
  matchSettingsSchema,
  toMatchSettings,
  type MatchSettingsInput,
} from "./match-settings";
import { queueRematch } from "./queue";
import { rematchDocument } from "./read-document";
import type { OcrLine } from "./types";

/** The `settings` key an admin's second-reader thresholds are stored under. */
export const MATCH_SETTING = "second_reader.match";

/**
 * The thresholds in force: the admin's (Admin → Settings), or the environment's when none are
 * saved or the saved value no longer fits the schema (written by another version).
 */
export async function loadMatchSettingsInput(
  db: Db,
  env: Env = getEnv(),
): Promise<{ value: MatchSettingsInput; source: "settings" | "environment" }> {
  const stored = matchSettingsSchema.safeParse((await getSetting(db, MATCH_SETTING))?.value);
  return stored.success
    ? { value: stored.data, source: "settings" }
    : { value: envMatchSettings(env), source: "environment" };
}

export async function loadMatchSettings(db: Db, env: Env = getEnv()): Promise<MatchSettings> {
  return toMatchSettings((await loadMatchSettingsInput(db, env)).value);
}

/**
 * Saves the thresholds (validated again here; audited as a setting change) and returns how many
 * read documents will be matched again (those matched with other thresholds); that re-check runs
 * in the background from the words kept (no OCR), so the form answers at once: as a pg-boss job
 * when the second reader runs here (a restart mid-way resumes it), else in this process.
 */
export async function saveMatchSettings(
  db: Db,
  input: unknown,
  actor: AuditActor,
): Promise<{ value: MatchSettingsInput; rechecking: number }> {
  const value = matchSettingsSchema.parse(input);
  await setSetting(db, MATCH_SETTING, value, actor);
  const rechecking = (await staleReadIds(db, toMatchSettings(value))).length;
  if (rechecking > 0 && !(await queueRematch()))
    // In the background: a failure (the database gone a moment) is logged, never unhandled.
    rematchStale(db).catch((error) => logger.warn("second_reader.rematch_failed", { error }));
  return { value, rechecking };
}

/** The documents whose scan has been read (status done), in id order. */
export async function readDocumentIds(db: Db): Promise<string[]> {
  const rows = await db
    .select({ id: secondReads.documentId })
    .from(secondReads)
    .where(eq(secondReads.status, "done"))
    .orderBy(asc(secondReads.documentId));
  return rows.map((r) => r.id);
}

/**
 * The read documents whose evidence was matched with thresholds other than `settings` (or before
 * the thresholds were recorded), in id order; at most `limit`.
 */
export async function staleReadIds(db: Db, settings: MatchSettings, limit?: number): Promise<string[]> {
  const query = db
    .select({ id: secondReads.documentId })
    .from(secondReads)
    .where(and(eq(secondReads.status, "done"), matchedWithOther(settings)))
    .orderBy(asc(secondReads.documentId));
  const rows = limit === undefined ? await query : await query.limit(limit);
  return rows.map((r) => r.id);
}

/**
 * SQL: a `second_reads` row's evidence was matched with thresholds other than `settings` (or
 * before the thresholds were recorded); `column` names its `matched_with` where the table has
 * an alias.
 */
export function matchedWithOther(
  settings: MatchSettings,
  column: SQL | AnyPgColumn = secondReads.matchedWith,
): SQL {
  return sql`${column} is distinct from ${JSON.stringify(settings)}::jsonb`;
}

/**
 * Matches again every read document matched with other thresholds than those in force, until
 * none is left (a read that was being stored with the old thresholds while an admin saved is
 * found by the next pass); at most `passes` passes. Returns how many documents were matched.
 */
export async function rematchStale(db: Db, env: Env = getEnv(), passes = 3): Promise<number> {
  let matched = 0;
  for (let pass = 0; pass < passes; pass++) {
    const ids = await staleReadIds(db, await loadMatchSettings(db, env));
    if (ids.length === 0) break;
    matched += await rematchAll(db, ids, () => loadMatchSettings(db, env));
  }
  return matched;
}

/**
 * Matches every listed document again, one at a time (each in its own transaction, so reviewers
 * are not held up); returns how many were matched. Each document is matched with the settings
 * `current()` gives when its turn comes, so when an admin saves twice in a row, the last save
 * wins wherever two re-checks overlap.
 */
export async function rematchAll(
  db: Db,
  ids: string[],
  current: () => Promise<MatchSettings>,
  remask?: (line: OcrLine) => OcrLine,
): Promise<number> {
  let done = 0;
  const started = Date.now();
  for (const id of ids) {
    try {
      if (await rematchDocument(db, id, await current(), remask)) done++;
    } catch (error) {
      logger.warn("second_reader.rematch_failed", { documentId: id, error });
    }
  }
  logger.info("second_reader.rematched", { documents: done, ms: Date.now() - started });
  return done;
}
