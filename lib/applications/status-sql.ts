import "server-only";
import { inArray, isNull, not, or, sql, type SQL } from "drizzle-orm";
import { statusWords, type StatusMeaning } from "@/lib/atlas/status-words";
import { applications } from "@/lib/db/schema";

/** A status word as the status-word table compares it (canonicalStatus): upper case, any run of other characters as "_". */
export const canonicalStatusSql = (word: SQL | typeof applications.masterStatus): SQL =>
  sql`trim(both '_' from regexp_replace(upper(trim(${word})), '[^A-Z0-9]+', '_', 'g'))`;

const canonicalMaster = canonicalStatusSql(applications.masterStatus);

type Known = Exclude<StatusMeaning, "unknown">;

/** master_status means one of these (case and separators ignored). */
export const masterMeans = (...meanings: Known[]): SQL =>
  inArray(
    canonicalMaster,
    meanings.flatMap((m) => statusWords(m)),
  );

/** master_status is not (yet) finished or failed: absent, idle, running or a word we do not know. */
export const masterNotTerminal = (): SQL =>
  or(isNull(applications.masterStatus), not(masterMeans("finished", "failed")))!;

/** master_status is a word the table does not know. */
export const masterUnknown = (): SQL =>
  not(or(isNull(applications.masterStatus), masterMeans("finished", "failed", "running", "idle"))!);
