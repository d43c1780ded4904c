import "server-only";
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { recordAudit, type AuditActor } from "@/lib/db/queries/audit";
import { documents, thresholds } from "@/lib/db/schema";
import { buildThresholdSet, type ThresholdRow, type ThresholdSet } from "./thresholds";
import { needsReviewSql } from "./needs-review";
import { fieldThresholdSql } from "./thresholds-sql";

export async function listThresholdRows(db: Db): Promise<(ThresholdRow & { id: string })[]> {
  return db
    .select({
      id: thresholds.id,
      scope: thresholds.scope,
      documentType: thresholds.documentType,
      fieldPath: thresholds.fieldPath,
      threshold: thresholds.threshold,
    })
    .from(thresholds)
    .orderBy(thresholds.scope, thresholds.documentType, thresholds.fieldPath);
}

/** Types a threshold can be set for before any document of them has arrived. */
const KNOWN_TYPES = [
  "AADHAAR",
  "PAN",
  "DRIVING_LICENSE",
  "VOTER_ID",
  "PASSPORT",
  "GST_CERT",
  "UDYAM_CERT",
  "SHOP_ACT_LICENSE",
  "FSSAI",
  "INVOICE",
  "DELIVERY_ORDER",
  "BANK_STATEMENT",
];

/** The document types a per-type threshold can be set for: the known ones and every type seen. */
export async function thresholdDocumentTypes(db: Db): Promise<string[]> {
  const seen = await db
    .selectDistinct({ type: documents.documentType })
    .from(documents)
    .where(isNotNull(documents.documentType));
  return [
    ...new Set([
      ...KNOWN_TYPES,
      ...seen.map((s) => s.type!).filter((t) => t !== "UNRECOGNISED" && t !== "INVALID_DOC"),
    ]),
  ].sort();
}

export async function loadThresholds(db: Db): Promise<ThresholdSet> {
  return buildThresholdSet(await listThresholdRows(db));
}

export type ThresholdTarget =
  | { scope: "global" }
  | { scope: "document_type"; documentType: string }
  | { scope: "field"; documentType: string | null; fieldPath: string };

function whereTarget(target: ThresholdTarget) {
  const type = target.scope === "global" ? null : target.documentType;
  const path = target.scope === "field" ? target.fieldPath : null;
  return and(
    eq(thresholds.scope, target.scope),
    type === null ? isNull(thresholds.documentType) : eq(thresholds.documentType, type),
    path === null ? isNull(thresholds.fieldPath) : eq(thresholds.fieldPath, path),
  );
}

/**
 * Sets (or, with `threshold: null`, removes) one threshold, audits before/after, and recomputes
 * every document's "needs review" count in the same transaction, so highlighting, counts and
 * queues follow at once.
 */
export async function setThreshold(
  db: Db,
  target: ThresholdTarget,
  threshold: number | null,
  actor: AuditActor,
): Promise<void> {
  if (threshold !== null && !(threshold >= 0 && threshold <= 1))
    throw new RangeError("threshold must be within 0–1");
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(thresholds).where(whereTarget(target)).for("update");
    if ((before?.threshold ?? null) === threshold) return;
    if (threshold === null) {
      if (before) await tx.delete(thresholds).where(eq(thresholds.id, before.id));
    } else if (before) {
      await tx
        .update(thresholds)
        .set({ threshold, updatedBy: actor.actorUserId ?? null, updatedAt: new Date() })
        .where(eq(thresholds.id, before.id));
    } else {
      await tx.insert(thresholds).values({
        scope: target.scope,
        documentType: target.scope === "global" ? null : target.documentType,
        fieldPath: target.scope === "field" ? target.fieldPath : null,
        threshold,
        updatedBy: actor.actorUserId ?? null,
      });
    }
    await recordAudit(tx, {
      ...actor,
      action: "threshold.update",
      targetType: "threshold",
      targetId: [
        target.scope,
        target.scope === "global" ? "" : (target.documentType ?? "*"),
        target.scope === "field" ? target.fieldPath : "",
      ]
        .filter(Boolean)
        .join(":"),
      before: before ? { threshold: before.threshold } : null,
      after: threshold === null ? null : { threshold },
    });
    await recomputeNeedsReview(tx);
  });
}

/** The second reader reads something else on the page (lib/second-reader): a failed check too. */
const SECOND_READER_FLAGGED = sql`coalesce((f.second_reader->>'flagged')::boolean, false)`;

/**
 * Recounts, for every document (or one), the fields that still need a person: review state
 * pending AND (a validator failed OR the second reader flagged it OR confidence is below the threshold that applies to it,
 * field-in-type > field > type > global), and of those the ones failing a validator. One set-based statement, fast at 10,000s of rows.
 */
export async function recomputeNeedsReview(db: Db, documentId?: string): Promise<void> {
  await db.execute(sql`
    update documents d set needs_review_count = c.n, validator_failure_count = c.v
    from (
      select d2.id,
        count(f.id) filter (where coalesce((f.validation->>'ok')::boolean, true) = false
          or ${SECOND_READER_FLAGGED}
          or f.confidence < ${fieldThresholdSql(sql`f.path`, sql`d2.document_type`)})::int as n,
        count(f.id) filter (where coalesce((f.validation->>'ok')::boolean, true) = false
          or ${SECOND_READER_FLAGGED})::int as v
      from documents d2
      left join fields f on f.document_id = d2.id and f.review_state = 'pending'
      where d2.status = 'extracted' ${documentId ? sql`and d2.id = ${documentId}` : sql``}
      group by d2.id, d2.document_type
    ) c
    where d.id = c.id
      and (d.needs_review_count, d.validator_failure_count) is distinct from (c.n, c.v)
  `);
  // Batch-level cached counts follow.
  await db.execute(sql`
    update batches b set needs_review_count = coalesce((
      select count(*)::int from documents d
      where d.batch_id = b.id and ${sql.raw(needsReviewSql("d"))}
    ), 0)
    ${documentId ? sql`where b.id = (select batch_id from documents where id = ${documentId})` : sql``}
  `);
}
