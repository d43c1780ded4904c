import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { DEFAULT_THRESHOLD } from "./thresholds";

/**
 * The threshold that applies to field `f` of a document whose type is `documentType`, in SQL:
 * field-in-type > field > type > global > default, the order `thresholdFor` resolves in code
 * and `recomputeNeedsReview` in SQL. Used there.
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
