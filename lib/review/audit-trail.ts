import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { auditEvents } from "@/lib/db/schema";

/** Everything done to one document (field changes, decisions, reveals), newest first. */
export async function documentAuditTrail(db: Db, documentId: string, limit = 200) {
  return db
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
}

export type AuditTrailEntry = Awaited<ReturnType<typeof documentAuditTrail>>[number];
