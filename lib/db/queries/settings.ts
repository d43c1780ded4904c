import { eq } from "drizzle-orm";
import { settings, type Setting } from "../schema";
import type { Db } from "../types";
import { recordAudit, type AuditActor } from "./audit";

/**
 * Key/value settings. Values are JSON; the code that owns a key validates it (zod) on read,
 * since a value written by an older version may not fit a newer shape.
 * Confidence thresholds are not here: they have their own table (see tables/settings.ts).
 */

export async function getSetting(db: Db, key: string): Promise<Setting | undefined> {
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  return row;
}

export async function getSettings(db: Db): Promise<Setting[]> {
  return db.select().from(settings).orderBy(settings.key);
}

/**
 * Saves the value and audits before/after in one transaction. Saving the value already stored
 * is a no-op and leaves no audit event.
 */
export async function setSetting(db: Db, key: string, value: unknown, actor: AuditActor): Promise<Setting> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(settings).where(eq(settings.key, key)).for("update");
    if (before && sameJson(before.value, value)) return before;
    const [after] = await tx
      .insert(settings)
      .values({ key, value, updatedBy: actor.actorUserId ?? null })
      .onConflictDoUpdate({
        target: settings.key,
        set: { value, updatedBy: actor.actorUserId ?? null, updatedAt: new Date() },
      })
      .returning();
    await recordAudit(tx, {
      ...actor,
      action: "setting.update",
      targetType: "setting",
      targetId: key,
      before: before ? before.value : null,
      after: value,
    });
    return after!;
  });
}

// jsonb normalises key order, so compare with keys sorted.
function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}
