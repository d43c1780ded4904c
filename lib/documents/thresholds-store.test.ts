import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listAudit, SYSTEM_ACTOR } from "@/lib/db/queries/audit";
import { createUser } from "@/lib/db/queries/users";
import { batches, documents, fields } from "@/lib/db/schema";
import { testDrivers, useTestDatabase } from "@/lib/db/test-utils";
import { recomputeNeedsReview, setThreshold } from "./thresholds-store";

describe.each(testDrivers)("thresholds store on %s", (driver) => {
  const t = useTestDatabase(driver);

  async function seed() {
    const db = t.db;
    const user = await createUser(
      db,
      { email: `u${Date.now()}@x.test`, name: "U", role: "admin", passwordHash: "x" },
      SYSTEM_ACTOR,
    );
    const [batch] = await db
      .insert(batches)
      .values({ productType: "POC_CDL", createdBy: user.id })
      .returning();
    const [doc] = await db
      .insert(documents)
      .values({
        batchId: batch!.id,
        externalId: "d1",
        fileUrl: "https://x/d1.jpg",
        status: "extracted",
        documentType: "PAN",
      })
      .returning();
    const ok = { ok: true, failed: [], issues: [] };
    await db.insert(fields).values([
      { documentId: doc!.id, path: "name_as_per_pan", confidence: 0.8, validation: ok },
      { documentId: doc!.id, path: "dob", confidence: 0.9, validation: ok },
      {
        documentId: doc!.id,
        path: "pan_number",
        confidence: 0.99,
        validation: { ok: false, failed: ["pan.holder_type"], issues: [] },
      },
    ]);
    return { docId: doc!.id, batchId: batch!.id };
  }

  async function needsReview(docId: string) {
    const [row] = await t.db
      .select({ n: documents.needsReviewCount })
      .from(documents)
      .where(eq(documents.id, docId));
    return row!.n;
  }

  it("counts fields below the default 0.85 plus validator failures", async () => {
    const { docId, batchId } = await seed();
    await recomputeNeedsReview(t.db);
    expect(await needsReview(docId)).toBe(2); // name (0.80) + pan_number (validator)
    const [batch] = await t.db
      .select({ n: batches.needsReviewCount })
      .from(batches)
      .where(eq(batches.id, batchId));
    expect(batch!.n).toBe(1);
  });

  it("follows global, type and field thresholds, most specific first, and audits each change", async () => {
    const { docId } = await seed();
    await setThreshold(t.db, { scope: "global" }, 0.95, SYSTEM_ACTOR);
    expect(await needsReview(docId)).toBe(3);
    await setThreshold(t.db, { scope: "document_type", documentType: "PAN" }, 0.5, SYSTEM_ACTOR);
    expect(await needsReview(docId)).toBe(1);
    await setThreshold(t.db, { scope: "field", documentType: null, fieldPath: "dob" }, 0.92, SYSTEM_ACTOR);
    expect(await needsReview(docId)).toBe(2);
    await setThreshold(t.db, { scope: "field", documentType: "PAN", fieldPath: "dob" }, 0.6, SYSTEM_ACTOR);
    expect(await needsReview(docId)).toBe(1);
    await setThreshold(t.db, { scope: "document_type", documentType: "PAN" }, null, SYSTEM_ACTOR);
    expect(await needsReview(docId)).toBe(2); // name falls back to the 0.95 global
    const { events } = await listAudit(t.db, { action: "threshold.update", limit: 20, offset: 0 });
    expect(events.length).toBeGreaterThanOrEqual(5);
    expect(events[0]).toMatchObject({ before: { threshold: 0.5 }, after: null });
    await setThreshold(t.db, { scope: "global" }, null, SYSTEM_ACTOR);
    await setThreshold(t.db, { scope: "field", documentType: null, fieldPath: "dob" }, null, SYSTEM_ACTOR);
    await setThreshold(t.db, { scope: "field", documentType: "PAN", fieldPath: "dob" }, null, SYSTEM_ACTOR);
  });

  it("reviewed fields no longer count", async () => {
    const { docId } = await seed();
    await t.db.update(fields).set({ reviewState: "accepted" }).where(eq(fields.path, "pan_number"));
    await recomputeNeedsReview(t.db, docId);
    expect(await needsReview(docId)).toBe(1);
  });

  it("refuses values outside 0–1", async () => {
    await expect(setThreshold(t.db, { scope: "global" }, 1.5, SYSTEM_ACTOR)).rejects.toThrow(RangeError);
  });
});
