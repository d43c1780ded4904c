import "server-only";
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { recordAudit, type AuditActor } from "@/lib/db/queries/audit";
import { batches, documents, qaSampleItems, qaSamples, qaVerdicts, users } from "@/lib/db/schema";
import { readSampleParams, type SampleParams } from "./params";
import { drawSample, sampleSize, type PopulationMember, type SampleSize } from "./sampler";

export type PopulationFilter = { skippedReviewOnly: boolean; batchId: string | null };

/**
 * Documents a sample may draw from: extracted (Atlas answered with fields), with at least one
 * field. "Skipped human review" (see README) additionally means: nothing needs review under the
 * current thresholds, the document is still `pending` (nobody approved or rejected it), and no
 * person touched any of its fields — Atlas's values went through on their own.
 */
function populationWhere(filter: PopulationFilter): SQL {
  const conditions: SQL[] = [eq(documents.status, "extracted"), sql`${documents.fieldCount} > 0`];
  if (filter.batchId) conditions.push(eq(documents.batchId, filter.batchId));
  if (filter.skippedReviewOnly) {
    conditions.push(
      eq(documents.needsReviewCount, 0),
      eq(documents.reviewStatus, "pending"),
      sql`not exists (select 1 from fields f where f.document_id = ${documents.id}
            and (f.review_state <> 'pending' or f.reviewed_by is not null))`,
    );
  }
  return and(...conditions)!;
}

export async function loadPopulation(db: Db, filter: PopulationFilter): Promise<PopulationMember[]> {
  return db
    .select({ id: documents.id, documentType: documents.documentType })
    .from(documents)
    .where(populationWhere(filter))
    .orderBy(asc(documents.id));
}

export type CreateSampleInput = {
  name?: string;
  size: SampleSize;
  stratify: boolean;
  skippedReviewOnly: boolean;
  batchId: string | null;
  blind: boolean;
  seed: string;
};

export type CreateSampleResult =
  | { ok: true; sampleId: string; drawn: number; populationSize: number }
  | { ok: false; reason: "empty_population" };

/** Draws and stores a sample in one transaction, audited. */
export async function createSample(
  db: Db,
  input: CreateSampleInput,
  createdBy: string,
  actor: AuditActor,
): Promise<CreateSampleResult> {
  return db.transaction(async (tx) => {
    const population = await loadPopulation(tx, input);
    const n = sampleSize(population.length, input.size);
    if (n === 0) return { ok: false, reason: "empty_population" } as const;
    const ids = drawSample(population, { n, stratify: input.stratify }, input.seed);
    const params: SampleParams = {
      sizeKind: input.size.kind,
      sizeValue: input.size.value,
      stratify: input.stratify,
      skippedReviewOnly: input.skippedReviewOnly,
      batchId: input.batchId,
      blind: input.blind,
      populationSize: population.length,
      drawn: ids.length,
    };
    const [sample] = await tx
      .insert(qaSamples)
      .values({ name: input.name || null, createdBy, seed: input.seed, params })
      .returning({ id: qaSamples.id });
    await tx
      .insert(qaSampleItems)
      .values(ids.map((documentId, position) => ({ sampleId: sample!.id, documentId, position })));
    await recordAudit(tx, {
      ...actor,
      action: "qa.sample_create",
      targetType: "qa_sample",
      targetId: sample!.id,
      metadata: { seed: input.seed, ...params },
    });
    return { ok: true, sampleId: sample!.id, drawn: ids.length, populationSize: population.length } as const;
  });
}

export type SampleSummary = {
  id: string;
  name: string | null;
  seed: string;
  params: SampleParams;
  createdAt: Date;
  createdByName: string;
  batchLabel: string | null;
  items: number;
  completed: number;
};

export async function listSamples(db: Db, limit = 50): Promise<SampleSummary[]> {
  return querySamples(db, undefined, limit);
}

export async function getSample(db: Db, sampleId: string): Promise<SampleSummary | null> {
  const [row] = await querySamples(db, eq(qaSamples.id, sampleId), 1);
  return row ?? null;
}

async function querySamples(db: Db, where: SQL | undefined, limit: number): Promise<SampleSummary[]> {
  const rows = await db
    .select({
      id: qaSamples.id,
      name: qaSamples.name,
      seed: qaSamples.seed,
      params: qaSamples.params,
      createdAt: qaSamples.createdAt,
      createdByName: users.name,
      batchLabel: sql<
        string | null
      >`(select b.label from ${batches} b where b.id::text = ${qaSamples.params}->>'batchId')`,
      items: sql<number>`(select count(*)::int from ${qaSampleItems} i where i.sample_id = ${qaSamples.id})`,
      completed: sql<number>`(select count(*)::int from ${qaSampleItems} i where i.sample_id = ${qaSamples.id} and i.completed_at is not null)`,
    })
    .from(qaSamples)
    .innerJoin(users, eq(users.id, qaSamples.createdBy))
    .where(where)
    .orderBy(desc(qaSamples.createdAt))
    .limit(limit);
  return rows.map((r) => ({
    ...r,
    params: readSampleParams(r.params),
    items: Number(r.items),
    completed: Number(r.completed),
  }));
}

export type SampleItemRow = {
  id: string;
  position: number;
  documentRowId: string;
  externalId: string;
  documentType: string | null;
  fieldCount: number;
  checked: number;
  incorrect: number;
  completedAt: Date | null;
};

export async function listSampleItems(db: Db, sampleId: string): Promise<SampleItemRow[]> {
  const rows = await db
    .select({
      id: qaSampleItems.id,
      position: qaSampleItems.position,
      documentRowId: documents.id,
      externalId: documents.externalId,
      documentType: documents.documentType,
      fieldCount: documents.fieldCount,
      checked: sql<number>`(select count(*)::int from ${qaVerdicts} v where v.sample_item_id = ${qaSampleItems.id})`,
      incorrect: sql<number>`(select count(*)::int from ${qaVerdicts} v where v.sample_item_id = ${qaSampleItems.id} and not v.correct)`,
      completedAt: qaSampleItems.completedAt,
    })
    .from(qaSampleItems)
    .innerJoin(documents, eq(documents.id, qaSampleItems.documentId))
    .where(eq(qaSampleItems.sampleId, sampleId))
    .orderBy(asc(qaSampleItems.position));
  return rows.map((r) => ({ ...r, checked: Number(r.checked), incorrect: Number(r.incorrect) }));
}

/** Recent batches with extracted documents, for the "only from one batch" choice. */
export async function listBatchesForSampling(db: Db, limit = 100) {
  return db
    .select({
      id: batches.id,
      label: batches.label,
      createdAt: batches.createdAt,
      extracted: batches.extractedCount,
    })
    .from(batches)
    .where(sql`${batches.extractedCount} > 0`)
    .orderBy(desc(batches.createdAt))
    .limit(limit);
}
