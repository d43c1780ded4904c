import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { recordAudit } from "@/lib/db/queries/audit";
import { reviewSkips } from "@/lib/db/schema";
import type { Reviewer } from "./field-review";
import { releaseLock } from "./locks";

/**
 * "Skip for now": releases the reviewer's lock and sends the document to the back of their own
 * queue (claimNextDocument hands out skipped documents last, oldest skip first). Audited.
 */
export async function skipDocument(db: Db, documentId: string, reviewer: Reviewer): Promise<void> {
  await db.transaction(async (tx) => {
    await releaseLock(tx, documentId, reviewer.id);
    await tx
      .insert(reviewSkips)
      .values({ userId: reviewer.id, documentId })
      .onConflictDoUpdate({
        target: [reviewSkips.userId, reviewSkips.documentId],
        set: { skippedAt: sql`now()` },
      });
    await recordAudit(tx, {
      ...reviewer.actor,
      action: "document.skip",
      targetType: "document",
      targetId: documentId,
    });
  });
}
