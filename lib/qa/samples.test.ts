/**
 * Sampling and verdict storage against a real database (PGlite, and PostgreSQL when
 * TEST_DATABASE_URL is set): population filters, reproducibility, stratified counts,
 * verdict upserts with copied confidence, item completion and the metrics' input.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/db/queries/audit";
import { createUser } from "@/lib/db/queries/users";
import { auditEvents, batches, documents, fields, qaSampleItems, qaVerdicts } from "@/lib/db/schema";
import { testDrivers, useTestDatabase } from "@/lib/db/test-utils";
import type { Db } from "@/lib/db";
import { accuracyByDocumentType } from "./metrics";
import { createSample, getSample, listSampleItems, listSamples, loadPopulation } from "./samples";
import { getItemForChecking, loadVerdicts, saveVerdict } from "./verdicts";

type Seeded = { userId: string; batchA: string; batchB: string };

async function seed(db: Db): Promise<Seeded> {
  const user = await createUser(
    db,
    { email: `qa-${crypto.randomUUID()}@example.test`, name: "QA tester", role: "qa", passwordHash: "x" },
    SYSTEM_ACTOR,
  );
  const [a, b] = await db
    .insert(batches)
    .values([
      { label: "A", productType: "POC_CDL", createdBy: user.id },
      { label: "B", productType: "POC_CDL", createdBy: user.id },
    ])
    .returning({ id: batches.id });
  // Batch A: 12 PAN, 6 AADHAAR, 2 INVOICE extracted; 1 failed; B: 5 PAN.
  const specs = [
    ...Array.from({ length: 12 }, (_, i) => ({ batchId: a!.id, type: "PAN", n: i })),
    ...Array.from({ length: 6 }, (_, i) => ({ batchId: a!.id, type: "AADHAAR", n: i })),
    ...Array.from({ length: 2 }, (_, i) => ({ batchId: a!.id, type: "INVOICE", n: i })),
    ...Array.from({ length: 5 }, (_, i) => ({ batchId: b!.id, type: "PAN", n: 100 + i })),
  ];
  for (const spec of specs) {
    const [doc] = await db
      .insert(documents)
      .values({
        batchId: spec.batchId,
        externalId: `${spec.type}-${spec.n}`,
        fileUrl: `https://files.example.test/${spec.type.toLowerCase()}-${spec.n}.svg`,
        status: "extracted",
        documentType: spec.type,
        fieldCount: 2,
        // Every third PAN needed review.
        needsReviewCount: spec.type === "PAN" && spec.n % 3 === 0 ? 1 : 0,
      })
      .returning({ id: documents.id });
    const name = spec.type === "AADHAAR" ? "aadhaar_number" : "name";
    await db.insert(fields).values([
      { documentId: doc!.id, path: name, position: 0, value: "2345 6789 0123", confidence: 0.91 },
      { documentId: doc!.id, path: "dob", position: 1, value: "01/01/1990", confidence: 0.6 },
    ]);
  }
  await db.insert(documents).values({
    batchId: a!.id,
    externalId: "failed-1",
    fileUrl: "https://files.example.test/x.svg",
    status: "failed",
    errorCode: "INVALID_DOC",
  });
  return { userId: user.id, batchA: a!.id, batchB: b!.id };
}

describe.each(testDrivers)("QA samples and verdicts (%s)", (driver) => {
  const t = useTestDatabase(driver);
  let s: Seeded;
  beforeAll(async () => {
    s = await seed(t.db);
  });

  it("draws only from extracted documents, by batch, and by 'skipped review'", async () => {
    expect(await loadPopulation(t.db, { skippedReviewOnly: false, batchId: null })).toHaveLength(25);
    expect(await loadPopulation(t.db, { skippedReviewOnly: false, batchId: s.batchA })).toHaveLength(20);
    // PAN 0,3,6,9 and 102 need review → 25 − 5.
    expect(await loadPopulation(t.db, { skippedReviewOnly: true, batchId: null })).toHaveLength(20);
  });

  it("reproduces a sample from its seed and stratifies it by type", async () => {
    const input = {
      size: { kind: "count" as const, value: 10 },
      stratify: true,
      skippedReviewOnly: false,
      batchId: s.batchA,
      blind: false,
      seed: "reproduce-me",
    };
    const first = await createSample(t.db, { ...input, name: "first" }, s.userId, SYSTEM_ACTOR);
    const second = await createSample(t.db, { ...input, name: "again" }, s.userId, SYSTEM_ACTOR);
    expect(first).toMatchObject({ ok: true, drawn: 10, populationSize: 20 });
    if (!first.ok || !second.ok) throw new Error("unreachable");
    const a = await listSampleItems(t.db, first.sampleId);
    const b = await listSampleItems(t.db, second.sampleId);
    expect(b.map((i) => i.documentRowId)).toEqual(a.map((i) => i.documentRowId));
    // 12/20·10 = 6 PAN, 3 AADHAAR, 1 INVOICE.
    const counts: Record<string, number> = {};
    for (const item of a) counts[item.documentType!] = (counts[item.documentType!] ?? 0) + 1;
    expect(counts).toEqual({ PAN: 6, AADHAAR: 3, INVOICE: 1 });
    expect(a.map((i) => i.position)).toEqual([...Array(10).keys()]);

    const other = await createSample(t.db, { ...input, seed: "another-seed" }, s.userId, SYSTEM_ACTOR);
    if (!other.ok) throw new Error("unreachable");
    const c = await listSampleItems(t.db, other.sampleId);
    expect(c.map((i) => i.documentRowId)).not.toEqual(a.map((i) => i.documentRowId));

    const summary = await getSample(t.db, first.sampleId);
    expect(summary).toMatchObject({
      name: "first",
      seed: "reproduce-me",
      batchLabel: "A",
      items: 10,
      completed: 0,
    });
    expect(summary!.params).toMatchObject({
      stratify: true,
      populationSize: 20,
      drawn: 10,
      sizeKind: "count",
    });
    expect((await listSamples(t.db)).length).toBeGreaterThanOrEqual(3);
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, first.sampleId));
    expect(audit.map((e) => e.action)).toEqual(["qa.sample_create"]);
  });

  it("refuses an empty population", async () => {
    const result = await createSample(
      t.db,
      {
        size: { kind: "percent", value: 50 },
        stratify: false,
        skippedReviewOnly: false,
        batchId: crypto.randomUUID(),
        blind: false,
        seed: "x",
      },
      s.userId,
      SYSTEM_ACTOR,
    );
    expect(result).toEqual({ ok: false, reason: "empty_population" });
  });

  it("stores verdicts with the confidence copied, replaces them, completes the item, feeds the metrics", async () => {
    const created = await createSample(
      t.db,
      {
        size: { kind: "count", value: 3 },
        stratify: false,
        skippedReviewOnly: false,
        batchId: s.batchB,
        blind: true,
        seed: "verdicts",
      },
      s.userId,
      SYSTEM_ACTOR,
    );
    if (!created.ok) throw new Error("no sample");
    const [item] = await listSampleItems(t.db, created.sampleId);
    const check = await getItemForChecking(t.db, created.sampleId, item!.id);
    expect(check!.blind).toBe(true);
    expect(check!.fields.map((f) => f.confidence)).toEqual([null, null]);
    expect(check!.total).toBe(3);
    const [name, dob] = check!.fields;

    expect(
      await saveVerdict(t.db, { itemId: item!.id, fieldId: name!.id, correct: false }, s.userId),
    ).toEqual({
      ok: false,
      reason: "right_value_required",
    });
    expect(
      await saveVerdict(t.db, { itemId: item!.id, fieldId: crypto.randomUUID(), correct: true }, s.userId),
    ).toEqual({ ok: false, reason: "not_found" });

    expect(
      await saveVerdict(
        t.db,
        { itemId: item!.id, fieldId: name!.id, correct: false, rightValue: "R KUMAR" },
        s.userId,
      ),
    ).toEqual({ ok: true, checked: 1, total: 2, completed: false });
    expect(
      await saveVerdict(t.db, { itemId: item!.id, fieldId: dob!.id, correct: true }, s.userId),
    ).toMatchObject({
      completed: true,
    });
    // Changing one's mind replaces the verdict instead of adding one.
    expect(
      await saveVerdict(t.db, { itemId: item!.id, fieldId: name!.id, correct: true }, s.userId),
    ).toMatchObject({
      checked: 2,
      completed: true,
    });
    const stored = await t.db.select().from(qaVerdicts).where(eq(qaVerdicts.sampleItemId, item!.id));
    expect(stored).toHaveLength(2);
    const storedName = stored.find((v) => v.fieldPath === "name")!;
    expect(storedName).toMatchObject({ correct: true, rightValue: null, documentType: "PAN" });
    expect(storedName.confidence).toBeCloseTo(0.91, 5);
    const [itemRow] = await t.db.select().from(qaSampleItems).where(eq(qaSampleItems.id, item!.id));
    expect(itemRow!.completedAt).toBeInstanceOf(Date);

    const verdicts = await loadVerdicts(t.db, { sampleId: created.sampleId });
    expect(verdicts).toEqual(
      expect.arrayContaining([
        { correct: true, confidence: 0.91, documentType: "PAN", fieldPath: "name" },
        { correct: true, confidence: 0.6, documentType: "PAN", fieldPath: "dob" },
      ]),
    );
    expect(accuracyByDocumentType(verdicts)).toMatchObject([
      { documentType: "PAN", verdicts: 2, correct: 2 },
    ]);
    expect((await loadVerdicts(t.db)).length).toBeGreaterThanOrEqual(2);
  });

  it("keeps a typed Aadhaar number masked and never shows it in full", async () => {
    const created = await createSample(
      t.db,
      {
        size: { kind: "count", value: 25 },
        stratify: false,
        skippedReviewOnly: false,
        batchId: null,
        blind: false,
        seed: "aadhaar",
      },
      s.userId,
      SYSTEM_ACTOR,
    );
    if (!created.ok) throw new Error("no sample");
    const item = (await listSampleItems(t.db, created.sampleId)).find((i) => i.documentType === "AADHAAR")!;
    const check = await getItemForChecking(t.db, created.sampleId, item.id);
    const aadhaar = check!.fields.find((f) => f.path === "aadhaar_number")!;
    expect(aadhaar.value).toBe("XXXX XXXX 0123");
    expect(aadhaar.confidence).toBeCloseTo(0.91, 5);
    await saveVerdict(
      t.db,
      { itemId: item.id, fieldId: aadhaar.id, correct: false, rightValue: "2345 6789 0124" },
      s.userId,
    );
    const [stored] = await t.db.select().from(qaVerdicts).where(eq(qaVerdicts.fieldId, aadhaar.id));
    expect(stored!.rightValue).toBe("XXXX XXXX 0124");
  });
});
