import { eq, lt, sql } from "drizzle-orm";
import { loginAttempts } from "../schema";
import type { Db } from "../types";
import { normalizeEmail } from "./users";

/**
 * Failed sign-ins counted in the database, so the limit holds across app instances.
 * Policy: a fixed window of `windowSeconds` starting at the first failure. The failure that
 * reaches `maxFailures` locks the key for `lockSeconds`; any further failure in the same window
 * locks it again. A successful sign-in clears the account's key.
 *
 * `now` is the caller's clock, which keeps tests exact; instances are assumed NTP-synced.
 */

export interface LockPolicy {
  maxFailures: number;
  windowSeconds: number;
  lockSeconds: number;
}

export const accountKey = (email: string) => `account:${normalizeEmail(email)}`;
export const addressKey = (ip: string) => `ip:${ip}`;

export interface FailureOutcome {
  failures: number;
  /** Set when this failure left the key locked. */
  lockedUntil?: Date;
  /** Whole seconds until the key may try again; 0 when not locked. */
  lockedForSeconds: number;
}

/** Counts one failure atomically (one upsert, safe under concurrent sign-ins). */
export async function registerFailure(
  db: Db,
  key: string,
  policy: LockPolicy,
  now = new Date(),
): Promise<FailureOutcome> {
  const t = loginAttempts;
  const windowOpenedAfter = new Date(now.getTime() - policy.windowSeconds * 1000);
  const lockUntil = new Date(now.getTime() + policy.lockSeconds * 1000);
  const windowExpired = sql`${t.windowStartedAt} <= ${windowOpenedAfter}::timestamptz`;
  const nextFailures = sql`case when ${windowExpired} then 1 else ${t.failures} + 1 end`;
  const firstLocks = policy.maxFailures <= 1;

  const [row] = await db
    .insert(t)
    .values({
      key,
      failures: 1,
      windowStartedAt: now,
      lockedUntil: firstLocks ? lockUntil : null,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: t.key,
      set: {
        failures: nextFailures,
        windowStartedAt: sql`case when ${windowExpired} then ${now}::timestamptz else ${t.windowStartedAt} end`,
        lockedUntil: sql`case when ${nextFailures} >= ${policy.maxFailures}::int
          then ${lockUntil}::timestamptz else ${t.lockedUntil} end`,
        updatedAt: now,
      },
    })
    .returning({ failures: t.failures, lockedUntil: t.lockedUntil });

  const lockedUntil = row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : undefined;
  return {
    failures: row?.failures ?? 1,
    lockedUntil,
    lockedForSeconds: lockedUntil ? secondsBetween(now, lockedUntil) : 0,
  };
}

/** Whole seconds until the key may try again; 0 when it is not locked. */
export async function lockoutSecondsRemaining(db: Db, key: string, now = new Date()): Promise<number> {
  const [row] = await db
    .select({ lockedUntil: loginAttempts.lockedUntil })
    .from(loginAttempts)
    .where(eq(loginAttempts.key, key));
  return row?.lockedUntil ? secondsBetween(now, row.lockedUntil) : 0;
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.delete(loginAttempts).where(eq(loginAttempts.key, key));
}

/** Housekeeping: forget keys untouched since `before` (e.g. a day ago). */
export async function pruneLoginAttempts(db: Db, before: Date): Promise<number> {
  const deleted = await db
    .delete(loginAttempts)
    .where(lt(loginAttempts.updatedAt, before))
    .returning({ key: loginAttempts.key });
  return deleted.length;
}

const secondsBetween = (from: Date, to: Date) =>
  Math.max(0, Math.ceil((to.getTime() - from.getTime()) / 1000));
