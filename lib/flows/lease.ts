import "server-only";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { flows } from "@/lib/db/schema";

/** A database lease per flow (as lib/batches/lease.ts for batches), timed by the database clock. */
export async function acquireFlowLease(
  db: Db,
  flowId: string,
  owner: string,
  ttlMs: number,
): Promise<boolean> {
  const taken = await db
    .update(flows)
    .set({ leaseOwner: owner, leaseUntil: sql`now() + ${`${ttlMs} milliseconds`}::interval` })
    .where(
      and(
        eq(flows.id, flowId),
        or(isNull(flows.leaseUntil), lt(flows.leaseUntil, sql`now()`), eq(flows.leaseOwner, owner)),
      ),
    )
    .returning({ id: flows.id });
  return taken.length === 1;
}

export async function releaseFlowLease(db: Db, flowId: string, owner: string): Promise<void> {
  await db
    .update(flows)
    .set({ leaseOwner: null, leaseUntil: null })
    .where(and(eq(flows.id, flowId), eq(flows.leaseOwner, owner)));
}
