import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { DEFAULT_THRESHOLD } from "./thresholds";

/**
 * The threshold that applies to field `f` of a document whose type is `documentType`, in SQL:
 * field-in-type > field > type > global > default, the order `thresholdFor` resolves in code
 * and `recomputeNeedsReview` in SQL. Used there and by the review queue's "reason" filter.
 */
export function fieldThresholdSql(fieldPath: SQL, documentType: SQL): SQL {
  return sql`coalesce(
    (select t.threshold from thresholds t where t.scope = 'field' and t.field_path = ${fieldPath} and t.document_type = ${documentType}),
    (select t.threshold from thresholds t where t.scope = 'field' and t.field_path = ${fieldPath} and t.document_type is null),
    (select t.threshold from thresholds t where t.scope = 'document_type' and t.document_type = ${documentType}),
    (select t.threshold from thresholds t where t.scope = 'global'),
    ${DEFAULT_THRESHOLD}
  )`;
}

/** Pending fields of document `documentId` that fail a validator. */
export function validatorFailuresSql(documentId: SQL): SQL {
  return sql`(select count(*)::int from fields f where f.document_id = ${documentId}
    and f.review_state = 'pending' and coalesce((f.validation->>'ok')::boolean, true) = false)`;
}

/** Pending fields of the document that pass their validators but are below their threshold. */
export function lowConfidenceSql(documentId: SQL, documentType: SQL): SQL {
  return sql`(select count(*)::int from fields f where f.document_id = ${documentId}
    and f.review_state = 'pending' and coalesce((f.validation->>'ok')::boolean, true) = true
    and f.confidence < ${fieldThresholdSql(sql`f.path`, documentType)})`;
}
