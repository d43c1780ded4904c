import { eq, lt, sql } from "drizzle-orm";
import { loginAttempts } from "../schema";
import type { Db } from "../types";
import { normalizeEmail } from "./users";

/**
 * Sign-in attempts counted in the database, so the limit holds across app instances and under
 * concurrency. Every attempt is counted BEFORE its password is checked, in one atomic upsert
 * that also says whether the key was already locked: N parallel guesses count N, and those that
 * arrive once the limit is reached are refused without a password check. A successful sign-in
 * clears the account's key and gives its slot back to the address's key.
 *
 * Policy: a fixed window of `windowSeconds` starting at the first attempt. The attempt that
 * reaches `maxFailures` locks the key for `lockSeconds`; any further admitted attempt in the same
 * window locks it again.
 *
 * `now` is the caller's clock, which keeps tests exact; instances are assumed NTP-synced.
 */

export interface LockPolicy {
  maxFailures: number;
  windowSeconds: number;
  lockSeconds: number;
}

export const accountKey = (email: string) => `account:${normalizeEmail(email)}`;

export interface AttemptOutcome {
  /** False when the key was already locked: the caller must refuse without checking the password. */
  admitted: boolean;
  /** Attempts counted in the current window, this one included. */
  failures: number;
  /** Set when the key is locked after this attempt. */
  lockedUntil?: Date;
  /** Whole seconds until the key may try again; 0 when not locked. */
  lockedForSeconds: number;
  /** This attempt is the one that locked the key. */
  lockedByThis: boolean;
}

/**
 * Counts one attempt atomically (one upsert; concurrent attempts on the same key are serialised
 * by the row lock) and says whether it may go on to the password check.
 */
export async function reserveAttempt(
  db: Db,
  key: string,
  policy: LockPolicy,
  now = new Date(),
): Promise<AttemptOutcome> {
  const t = loginAttempts;
  const windowOpenedAfter = new Date(now.getTime() - policy.windowSeconds * 1000);
  const lockUntil = new Date(now.getTime() + policy.lockSeconds * 1000);
  const windowExpired = sql`${t.windowStartedAt} <= ${windowOpenedAfter}::timestamptz`;
  const lockedBefore = sql`(${t.lockedUntil} is not null and ${t.lockedUntil} > ${now}::timestamptz)`;
  const nextFailures = sql`case when ${windowExpired} then 1 else ${t.failures} + 1 end`;
  const firstLocks = policy.maxFailures <= 1;

  // In ON CONFLICT DO UPDATE every column reference means the row as it was before this attempt.
  const [row] = await db
    .insert(t)
    .values({
      key,
      failures: 1,
      windowStartedAt: now,
      lockedUntil: firstLocks ? lockUntil : null,
      lastAdmitted: true,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: t.key,
      set: {
        lastAdmitted: sql`not ${lockedBefore}`,
        failures: nextFailures,
        windowStartedAt: sql`case when ${windowExpired} then ${now}::timestamptz else ${t.windowStartedAt} end`,
        lockedUntil: sql`case when ${lockedBefore} then ${t.lockedUntil}
          when ${nextFailures} >= ${policy.maxFailures}::int then ${lockUntil}::timestamptz
          else ${t.lockedUntil} end`,
        updatedAt: now,
      },
    })
    .returning({ failures: t.failures, lockedUntil: t.lockedUntil, admitted: t.lastAdmitted });

  const lockedUntil = row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : undefined;
  const admitted = row?.admitted ?? true;
  return {
    admitted,
    lockedByThis: admitted && lockedUntil?.getTime() === lockUntil.getTime(),
    failures: row?.failures ?? 1,
    lockedUntil,
    lockedForSeconds: lockedUntil ? secondsBetween(now, lockedUntil) : 0,
  };
}

/**
 * Gives back the slot a successful attempt reserved (for a shared key such as an office's
 * address, where successes must not add up to a lock-out). Lifts the lock only when that very
 * attempt set it (`outcome.lockedByThis`); a lock set by failures stays.
 */
export async function refundAttempt(db: Db, key: string, outcome: AttemptOutcome): Promise<void> {
  const t = loginAttempts;
  const ownLock = outcome.lockedByThis && outcome.lockedUntil ? outcome.lockedUntil : null;
  await db
    .update(t)
    .set({
      failures: sql`greatest(${t.failures} - 1, 0)`,
      lockedUntil: ownLock
        ? sql`case when ${t.lockedUntil} = ${ownLock}::timestamptz then null else ${t.lockedUntil} end`
        : sql`${t.lockedUntil}`,
    })
    .where(eq(t.key, key));
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
