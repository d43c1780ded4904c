import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { documents, users } from "@/lib/db/schema";
import { ReviewError } from "./errors";
import type { LockView } from "./types";

/**
 * Review locks on documents: `lock_owner` + `lock_expires_at`, always compared with the
 * database's clock so that several app instances agree. A lock lapses after `lockMs` without
 * an action or heartbeat; an expired lock is free for anyone.
 */
const lockFree = (userId: string) =>
  sql`(${documents.lockOwner} is null or ${documents.lockExpiresAt} <= now() or ${documents.lockOwner} = ${userId})`;

const expiry = (lockMs: number) => sql`now() + (${Math.round(lockMs)} * interval '1 millisecond')`;

export async function lockView(db: Db, documentId: string, viewerId: string): Promise<LockView> {
  const [row] = await db
    .select({
      ownerId: documents.lockOwner,
      ownerName: users.name,
      expiresAt: documents.lockExpiresAt,
      live: sql<boolean>`${documents.lockExpiresAt} > now()`,
    })
    .from(documents)
    .leftJoin(users, eq(users.id, documents.lockOwner))
    .where(eq(documents.id, documentId));
  const live = !!row?.ownerId && !!row.live;
  return {
    ownerId: live ? row!.ownerId : null,
    ownerName: live ? row!.ownerName : null,
    expiresAt: live ? (row!.expiresAt?.toISOString() ?? null) : null,
    heldByOther: live && row!.ownerId !== viewerId,
    mine: live && row!.ownerId === viewerId,
  };
}

/**
 * Takes or renews the lock for `userId` unless someone else holds it, and moves a pending
 * document to "in review". Throws `locked` naming the holder otherwise.
 */
export async function acquireLock(db: Db, documentId: string, userId: string, lockMs: number) {
  // Two tries: a lock that lapses between the update and the look-up is simply taken next time.
  for (let attempt = 0; attempt < 2; attempt++) {
    const [row] = await db
      .update(documents)
      .set({
        lockOwner: userId,
        lockExpiresAt: expiry(lockMs),
        reviewStatus: sql`case when ${documents.reviewStatus} = 'pending' then 'in_review'::review_status else ${documents.reviewStatus} end`,
      })
      .where(and(eq(documents.id, documentId), lockFree(userId)))
      .returning({ id: documents.id });
    if (row) return;
    const lock = await lockView(db, documentId, userId);
    if (lock.heldByOther)
      throw new ReviewError(
        "locked",
        `${lock.ownerName ?? "Another reviewer"} is reviewing this document, so nothing was saved. Their lock lapses after a while without activity.`,
        { lock },
      );
  }
  throw new ReviewError("not_found", "This document no longer exists.");
}

/** Heartbeat: renews the viewer's own lock only; tells who holds it otherwise. */
export async function renewLock(
  db: Db,
  documentId: string,
  userId: string,
  lockMs: number,
): Promise<LockView> {
  await db
    .update(documents)
    .set({ lockExpiresAt: expiry(lockMs) })
    .where(
      and(
        eq(documents.id, documentId),
        eq(documents.lockOwner, userId),
        sql`${documents.lockExpiresAt} > now()`,
      ),
    );
  return lockView(db, documentId, userId);
}

export async function releaseLock(db: Db, documentId: string, userId: string): Promise<void> {
  await db
    .update(documents)
    .set({ lockOwner: null, lockExpiresAt: null })
    .where(and(eq(documents.id, documentId), eq(documents.lockOwner, userId)));
}
