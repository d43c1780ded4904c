import "server-only";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { batches, applications } from "@/lib/db/schema";

/**
 * A database lease on one row, so that several app instances never work on the same batch or
 * application at once. Times come from the database clock (now()), not from each instance's.
 */
export function rowLease(table: typeof batches | typeof applications) {
  // Both tables declare id, lease_owner and lease_until alike; one typing serves both.
  const t = table as typeof batches;
  return {
    async acquire(db: Db, id: string, owner: string, ttlMs: number): Promise<boolean> {
      const taken = await db
        .update(t)
        .set({ leaseOwner: owner, leaseUntil: sql`now() + ${`${ttlMs} milliseconds`}::interval` })
        .where(
          and(eq(t.id, id), or(isNull(t.leaseUntil), lt(t.leaseUntil, sql`now()`), eq(t.leaseOwner, owner))),
        )
        .returning({ id: t.id });
      return taken.length === 1;
    },
    async release(db: Db, id: string, owner: string): Promise<void> {
      await db
        .update(t)
        .set({ leaseOwner: null, leaseUntil: null })
        .where(and(eq(t.id, id), eq(t.leaseOwner, owner)));
    },
  };
}
