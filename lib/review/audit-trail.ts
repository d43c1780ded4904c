import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { auditEvents } from "@/lib/db/schema";
import { maskDeep } from "@/lib/masking";

/** Everything done to one document (field changes, decisions, reveals), newest first. */
export async function documentAuditTrail(db: Db, documentId: string, limit = 200) {
  const rows = await db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorEmail: auditEvents.actorEmail,
      action: auditEvents.action,
      before: auditEvents.before,
      after: auditEvents.after,
      metadata: auditEvents.metadata,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.targetType, "document"), eq(auditEvents.targetId, documentId)))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(limit);
  // Masked again on the way out, for rows written before the trail masked on write.
  return rows.map((row) => ({
    ...row,
    before: maskDeep(row.before),
    after: maskDeep(row.after),
    metadata: maskDeep(row.metadata) as typeof row.metadata,
  }));
}

export type AuditTrailEntry = Awaited<ReturnType<typeof documentAuditTrail>>[number];
