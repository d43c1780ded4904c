import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { pgErrorCode } from "../errors";
import { auditEvents } from "../schema";
import { testDrivers, useTestDatabase } from "../test-utils";
import { listAudit, listAuditActions, recordAudit } from "./audit";
import { createUser } from "./users";

describe.each(testDrivers)("audit trail on %s", (driver) => {
  const t = useTestDatabase(driver);

  it("records who, what, before, after and when", async () => {
    const event = await recordAudit(t.db, {
      actorEmail: "someone@example.com",
      ip: "203.0.113.9",
      action: "document.approve",
      targetType: "document",
      targetId: "doc-1",
      before: { review_status: "in_review" },
      after: { review_status: "approved" },
      metadata: { batch: "b-1" },
    });
    expect(event).toMatchObject({
      actorUserId: null,
      actorEmail: "someone@example.com",
      action: "document.approve",
      before: { review_status: "in_review" },
      after: { review_status: "approved" },
      metadata: { batch: "b-1" },
    });
    expect(event.id).toBeGreaterThan(0);
    expect(Math.abs(event.at.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("never stores an Aadhaar number or VID, whatever the caller passes", async () => {
    const event = await recordAudit(t.db, {
      action: "field.correct",
      before: { value: "UID 2345\u00A06789\u00A00124" },
      after: { aadhaar_number: "२३४५ ६७८९ ०१२४", vid: 9183543129085712 },
      metadata: { note: "VID 9183–5431–2908–5712", documentId: "550e8400-e29b-41d4-a716-446655440000" },
    });
    expect(event).toMatchObject({
      before: { value: "UID XXXX XXXX 0124" },
      after: { aadhaar_number: "XXXX XXXX 0124", vid: "XXXX XXXX XXXX 5712" },
      metadata: { note: "VID XXXX XXXX XXXX 5712", documentId: "550e8400-e29b-41d4-a716-446655440000" },
    });
  });

  it("refuses UPDATE, DELETE and TRUNCATE at the database level", async () => {
    const event = await recordAudit(t.db, { action: "tamper.target" });
    const refusal = (attempt: Promise<unknown>) => attempt.then(() => "allowed", pgErrorCode);
    const update = t.db
      .update(auditEvents)
      .set({ action: "rewritten" })
      .where(sql`${auditEvents.id} = ${event.id}`);
    const remove = t.db.delete(auditEvents).where(sql`${auditEvents.id} = ${event.id}`);
    // 42501 (insufficient_privilege) is what the append-only trigger raises.
    expect(await refusal(update)).toBe("42501");
    expect(await refusal(remove)).toBe("42501");
    expect(await refusal(t.db.execute(sql`truncate audit_events`))).toBe("42501");
    const { events } = await listAudit(t.db, { action: "tamper.target", limit: 10, offset: 0 });
    expect(events).toHaveLength(1);
  });

  it("filters by actor, action and date, newest first, with a total for paging", async () => {
    const actor = await createUser(
      t.db,
      { email: "filter-actor@example.com", name: "F", role: "admin", passwordHash: "h" },
      { actorEmail: "system" },
    );
    for (const action of ["filter.a", "filter.b", "filter.a", "filter.a"]) {
      await recordAudit(t.db, { actorUserId: actor.id, actorEmail: actor.email, action });
    }
    const page = await listAudit(t.db, { actorUserId: actor.id, action: "filter.a", limit: 2, offset: 0 });
    expect(page.total).toBe(3);
    expect(page.events).toHaveLength(2);
    expect(page.events[0]!.id).toBeGreaterThan(page.events[1]!.id);

    const byActor = await listAudit(t.db, { actorUserId: actor.id, limit: 50, offset: 0 });
    expect(byActor.total).toBe(4); // user.create was by "system", not by the actor

    const future = new Date(Date.now() + 3_600_000);
    expect((await listAudit(t.db, { from: future, limit: 10, offset: 0 })).total).toBe(0);
    const past = new Date(Date.now() - 3_600_000);
    expect((await listAudit(t.db, { to: past, limit: 10, offset: 0 })).total).toBe(0);
    const window = await listAudit(t.db, {
      action: "filter.b",
      from: past,
      to: future,
      limit: 10,
      offset: 0,
    });
    expect(window.total).toBe(1);

    expect(await listAuditActions(t.db)).toEqual(
      expect.arrayContaining(["filter.a", "filter.b", "user.create"]),
    );
  });
});
