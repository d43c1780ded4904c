import "server-only";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { batches } from "@/lib/db/schema";

/**
 * A database lease per batch, so that several app instances never sync the same batch at once.
 * Times come from the database clock (now()), not from each instance's.
 */
export async function acquireLease(db: Db, batchId: string, owner: string, ttlMs: number): Promise<boolean> {
  const taken = await db
    .update(batches)
    .set({ leaseOwner: owner, leaseUntil: sql`now() + ${`${ttlMs} milliseconds`}::interval` })
    .where(
      and(
        eq(batches.id, batchId),
        or(isNull(batches.leaseUntil), lt(batches.leaseUntil, sql`now()`), eq(batches.leaseOwner, owner)),
      ),
    )
    .returning({ id: batches.id });
  return taken.length === 1;
}

export async function releaseLease(db: Db, batchId: string, owner: string): Promise<void> {
  await db
    .update(batches)
    .set({ leaseOwner: null, leaseUntil: null })
    .where(and(eq(batches.id, batchId), eq(batches.leaseOwner, owner)));
}
