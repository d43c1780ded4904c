import "server-only";
import { and, asc, count, eq, gt, isNull, lt, desc, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { documents, fields, qaSampleItems, qaSamples, qaVerdicts } from "@/lib/db/schema";
import { isAadhaarField, maskFieldValue } from "@/lib/masking";
import { agreementOf } from "./agreement";
import type { Verdict } from "./metrics";
import { readSampleParams } from "./params";
import { inRegistryOrder } from "@/lib/fields/registry";

export type CheckField = {
  id: string;
  path: string;
  /** Atlas's value, Aadhaar masked: QA judges the extraction, not a reviewer's correction. */
  value: unknown;
  /** Null in blind mode (or when Atlas gave none). */
  confidence: number | null;
  verdict: { correct: boolean; rightValue: string | null } | null;
};

export type CheckItem = {
  itemId: string;
  sampleId: string;
  sampleName: string | null;
  blind: boolean;
  position: number;
  total: number;
  /** No file link: the scan is shown through the guarded file route, by document id. */
  document: { id: string; externalId: string; documentType: string | null };
  fields: CheckField[];
  previousItemId: string | null;
  nextItemId: string | null;
  /** The next item (after this one, else from the start) not completed yet. */
  nextUncheckedItemId: string | null;
};

function rightValueText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

export async function getItemForChecking(
  db: Db,
  sampleId: string,
  itemId: string,
): Promise<CheckItem | null> {
  const [row] = await db
    .select({ item: qaSampleItems, sample: qaSamples, document: documents })
    .from(qaSampleItems)
    .innerJoin(qaSamples, eq(qaSamples.id, qaSampleItems.sampleId))
    .innerJoin(documents, eq(documents.id, qaSampleItems.documentId))
    .where(and(eq(qaSampleItems.id, itemId), eq(qaSampleItems.sampleId, sampleId)));
  if (!row) return null;
  const { item, sample, document } = row;
  const blind = readSampleParams(sample.params).blind;
  const type = document.documentType ?? "UNKNOWN";
  const [fieldRows, verdictRows, [total], [previous], [next], unchecked] = await Promise.all([
    db.select().from(fields).where(eq(fields.documentId, document.id)),
    db.select().from(qaVerdicts).where(eq(qaVerdicts.sampleItemId, item.id)),
    db.select({ n: count() }).from(qaSampleItems).where(eq(qaSampleItems.sampleId, sampleId)),
    db
      .select({ id: qaSampleItems.id })
      .from(qaSampleItems)
      .where(and(eq(qaSampleItems.sampleId, sampleId), lt(qaSampleItems.position, item.position)))
      .orderBy(desc(qaSampleItems.position))
      .limit(1),
    db
      .select({ id: qaSampleItems.id })
      .from(qaSampleItems)
      .where(and(eq(qaSampleItems.sampleId, sampleId), gt(qaSampleItems.position, item.position)))
      .orderBy(asc(qaSampleItems.position))
      .limit(1),
    db
      .select({ id: qaSampleItems.id, position: qaSampleItems.position })
      .from(qaSampleItems)
      .where(and(eq(qaSampleItems.sampleId, sampleId), isNull(qaSampleItems.completedAt)))
      .orderBy(asc(qaSampleItems.position)),
  ]);
  const byField = new Map(verdictRows.map((v) => [v.fieldId, v]));
  const others = unchecked.filter((u) => u.id !== item.id);
  const nextUnchecked = others.find((u) => u.position > item.position) ?? others[0];
  return {
    itemId: item.id,
    sampleId,
    sampleName: sample.name,
    blind,
    position: item.position,
    total: Number(total?.n ?? 0),
    document: {
      id: document.id,
      externalId: document.externalId,
      documentType: document.documentType,
    },
    fields: inRegistryOrder(document.documentType, fieldRows).map((f) => {
      const verdict = byField.get(f.id);
      return {
        id: f.id,
        path: f.path,
        value: maskFieldValue(type, f.path, f.value),
        confidence: blind ? null : f.confidence,
        verdict: verdict
          ? {
              correct: verdict.correct,
              rightValue: rightValueText(maskFieldValue(type, f.path, verdict.rightValue)),
            }
          : null,
      };
    }),
    previousItemId: previous?.id ?? null,
    nextItemId: next?.id ?? null,
    nextUncheckedItemId: nextUnchecked?.id ?? null,
  };
}

export type SaveVerdictInput = { itemId: string; fieldId: string; correct: boolean; rightValue?: string };
export type SaveVerdictResult =
  | { ok: true; checked: number; total: number; completed: boolean }
  | { ok: false; reason: "not_found" | "right_value_required" };

/**
 * Stores (or replaces) one verdict, copying the field's confidence, type and path as they are
 * now, and marks the item completed once every field has a verdict. A right value typed for an
 * Aadhaar field is stored masked: QA never needs the full number to be kept.
 */
export async function saveVerdict(
  db: Db,
  input: SaveVerdictInput,
  checkedBy: string,
): Promise<SaveVerdictResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ field: fields, documentType: documents.documentType, itemId: qaSampleItems.id })
      .from(qaSampleItems)
      .innerJoin(documents, eq(documents.id, qaSampleItems.documentId))
      .innerJoin(fields, and(eq(fields.documentId, documents.id), eq(fields.id, input.fieldId)))
      .where(eq(qaSampleItems.id, input.itemId));
    if (!row) return { ok: false, reason: "not_found" } as const;
    const typed = input.rightValue?.trim() ?? "";
    if (!input.correct && typed === "") return { ok: false, reason: "right_value_required" } as const;
    const type = row.documentType ?? "UNKNOWN";
    const rightValue = input.correct
      ? null
      : isAadhaarField(type, row.field.path)
        ? maskFieldValue(type, row.field.path, typed)
        : typed;
    const values = {
      correct: input.correct,
      rightValue,
      confidence: row.field.confidence,
      documentType: row.documentType,
      fieldPath: row.field.path,
      checkedBy,
      checkedAt: new Date(),
    };
    await tx
      .insert(qaVerdicts)
      .values({ sampleItemId: input.itemId, fieldId: input.fieldId, ...values })
      .onConflictDoUpdate({ target: [qaVerdicts.sampleItemId, qaVerdicts.fieldId], set: values });
    const [[checked], [total]] = await Promise.all([
      tx.select({ n: count() }).from(qaVerdicts).where(eq(qaVerdicts.sampleItemId, input.itemId)),
      tx.select({ n: count() }).from(fields).where(eq(fields.documentId, row.field.documentId)),
    ]);
    const done = Number(checked?.n ?? 0) >= Number(total?.n ?? 0);
    await tx
      .update(qaSampleItems)
      .set({ completedAt: done ? new Date() : null })
      .where(and(eq(qaSampleItems.id, input.itemId), done ? isNull(qaSampleItems.completedAt) : undefined));
    return {
      ok: true,
      checked: Number(checked?.n ?? 0),
      total: Number(total?.n ?? 0),
      completed: done,
    } as const;
  });
}

/** Rounded to 4 decimals: `real` columns come back as float4 noise (0.9100000262) on PGlite. */
function roundConfidence(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10_000) / 10_000;
}

/** Every verdict (or one sample's), as the metrics read them. */
export async function loadVerdicts(db: Db, filter: { sampleId?: string | null } = {}): Promise<Verdict[]> {
  const base = db
    .select({
      correct: qaVerdicts.correct,
      confidence: qaVerdicts.confidence,
      documentType: qaVerdicts.documentType,
      fieldPath: qaVerdicts.fieldPath,
      secondReader: sql<string | null>`${fields.secondReader}->>'status'`,
    })
    .from(qaVerdicts)
    .leftJoin(fields, eq(fields.id, qaVerdicts.fieldId));
  const rows = filter.sampleId
    ? await base
        .innerJoin(qaSampleItems, eq(qaSampleItems.id, qaVerdicts.sampleItemId))
        .where(eq(qaSampleItems.sampleId, filter.sampleId))
    : await base;
  return rows.map(({ secondReader, ...r }) => {
    const agreement = agreementOf(secondReader);
    // Left out when the scan was not read (the metrics count a missing one as not read).
    return {
      ...r,
      confidence: roundConfidence(r.confidence),
      ...(agreement === "not_read" ? {} : { secondReader: agreement }),
    };
  });
}
