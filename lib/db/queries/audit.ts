import { and, count, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { maskDeep } from "@/lib/masking";
import { auditEvents, type AuditEvent } from "../schema";
import type { Db } from "../types";

export interface AuditEventInput {
  /** Null for the system (CLI, demo seeding) and for sign-in attempts by unknown emails. */
  actorUserId?: string | null;
  /** Copied, not joined: the trail must read the same after the user changes. */
  actorEmail?: string | null;
  ip?: string | null;
  /** Dotted verb such as "user.create", "auth.sign_in_failed", "setting.update". */
  action: string;
  targetType?: string;
  targetId?: string;
  before?: unknown;
  after?: unknown;
  metadata?: Record<string, unknown>;
}

/** Who is changing something; functions that change data take one and audit with it. */
export type AuditActor = Pick<AuditEventInput, "actorUserId" | "actorEmail" | "ip">;

export const SYSTEM_ACTOR: AuditActor = { actorUserId: null, actorEmail: "system" };

export async function recordAudit(db: Db, event: AuditEventInput): Promise<AuditEvent> {
  const [row] = await db
    .insert(auditEvents)
    .values({
      actorUserId: event.actorUserId ?? null,
      actorEmail: event.actorEmail ?? null,
      ip: event.ip ?? null,
      action: event.action,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      // The trail never stores an Aadhaar number or VID, whatever the caller passes.
      before: maskDeep(event.before ?? null),
      after: maskDeep(event.after ?? null),
      metadata: (maskDeep(event.metadata ?? null) as Record<string, unknown> | null) ?? null,
    })
    .returning();
  return row!;
}

export interface AuditFilter {
  actorUserId?: string;
  action?: string;
  /** Events about these targets only (e.g. the documents a document id names); [] matches none. */
  target?: { type: string; ids: string[] };
  /** Inclusive. */
  from?: Date;
  /** Exclusive, so a day is [midnight, next midnight). */
  to?: Date;
  limit: number;
  offset: number;
}

/** Newest first, with the total matching the filter (for pagination). */
export async function listAudit(
  db: Db,
  filter: AuditFilter,
): Promise<{ events: AuditEvent[]; total: number }> {
  const conditions: SQL[] = [];
  if (filter.actorUserId) conditions.push(eq(auditEvents.actorUserId, filter.actorUserId));
  if (filter.action) conditions.push(eq(auditEvents.action, filter.action));
  if (filter.target)
    conditions.push(
      filter.target.ids.length
        ? and(
            eq(auditEvents.targetType, filter.target.type),
            inArray(auditEvents.targetId, filter.target.ids),
          )!
        : sql`false`,
    );
  if (filter.from) conditions.push(gte(auditEvents.at, filter.from));
  if (filter.to) conditions.push(lt(auditEvents.at, filter.to));
  const where = conditions.length ? and(...conditions) : undefined;

  const [events, [totals]] = await Promise.all([
    db
      .select()
      .from(auditEvents)
      .where(where)
      .orderBy(desc(auditEvents.at), desc(auditEvents.id))
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ total: count() }).from(auditEvents).where(where),
  ]);
  return { events, total: totals?.total ?? 0 };
}

/** Every action recorded so far, for the filter's options. */
export async function listAuditActions(db: Db): Promise<string[]> {
  const rows = await db
    .selectDistinct({ action: auditEvents.action })
    .from(auditEvents)
    .orderBy(auditEvents.action);
  return rows.map((r) => r.action);
}
