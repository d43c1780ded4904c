import "server-only";
import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { applications, batches, documents, qaSamples, users } from "@/lib/db/schema";
import type { Formatter } from "@/lib/format";
import { isUuid } from "@/lib/ids";
import { maskAadhaarInText } from "@/lib/masking";

/** An audit event's target as people know it: a name, what it is, and where it lives. */
export type AuditTarget = { kind: string; label: string; detail?: string; href?: string };

type Event = { targetType: string | null; targetId: string | null };

const KIND: Record<string, string> = {
  document: "Document",
  batch: "Batch",
  user: "User",
  application: "Application",
  qa_sample: "QA sample",
  setting: "Setting",
  threshold: "Threshold",
};

/** A batch as the batch list names it: its label, or "Batch of N (started …)". */
export function batchName(
  format: Formatter,
  b: { label: string | null; documentCount: number | null; createdAt: Date | null },
) {
  return (
    b.label ?? `Batch of ${b.documentCount ?? "?"}${b.createdAt ? ` (${format.dateTime(b.createdAt)})` : ""}`
  );
}

/**
 * Resolves the targets of a page of events in one query per kind: a document by its document id
 * (the one sent to Atlas) and batch, a batch by its label, a user by email, an application by its
 * number, a QA sample by name. A target that no longer exists keeps its stored id.
 */
export async function resolveAuditTargets(
  db: Db,
  events: Event[],
  format: Formatter,
): Promise<(AuditTarget | null)[]> {
  const ids = (type: string) => [
    ...new Set(events.filter((e) => e.targetType === type && isUuid(e.targetId)).map((e) => e.targetId!)),
  ];
  const [docRows, batchRows, userRows, applicationRows, sampleRows] = await Promise.all([
    ids("document").length
      ? db
          .select({
            id: documents.id,
            externalId: documents.externalId,
            batchId: documents.batchId,
            batchLabel: batches.label,
            batchCount: batches.documentCount,
            batchCreatedAt: batches.createdAt,
            applicationNumber: applications.applicationNumber,
          })
          .from(documents)
          .leftJoin(batches, eq(batches.id, documents.batchId))
          .leftJoin(applications, eq(applications.id, documents.applicationId))
          .where(inArray(documents.id, ids("document")))
      : [],
    ids("batch").length
      ? db
          .select({
            id: batches.id,
            label: batches.label,
            documentCount: batches.documentCount,
            createdAt: batches.createdAt,
          })
          .from(batches)
          .where(inArray(batches.id, ids("batch")))
      : [],
    ids("user").length
      ? db
          .select({ id: users.id, email: users.email })
          .from(users)
          .where(inArray(users.id, ids("user")))
      : [],
    ids("application").length
      ? db
          .select({ id: applications.id, number: applications.applicationNumber })
          .from(applications)
          .where(inArray(applications.id, ids("application")))
      : [],
    ids("qa_sample").length
      ? db
          .select({ id: qaSamples.id, name: qaSamples.name, seed: qaSamples.seed })
          .from(qaSamples)
          .where(inArray(qaSamples.id, ids("qa_sample")))
      : [],
  ]);
  const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
  const docs = byId(docRows);
  const batchMap = byId(batchRows);
  const userMap = byId(userRows);
  const applicationMap = byId(applicationRows);
  const samples = byId(sampleRows);

  return events.map(({ targetType, targetId }): AuditTarget | null => {
    if (!targetType) return null;
    const kind = KIND[targetType] ?? targetType;
    const id = targetId ?? "";
    const known = (label: string, detail?: string, href?: string): AuditTarget => ({
      kind,
      label,
      detail,
      href,
    });
    if (targetType === "document" && docs.has(id)) {
      const d = docs.get(id)!;
      const where = d.batchId
        ? `in ${batchName(format, { label: d.batchLabel, documentCount: d.batchCount, createdAt: d.batchCreatedAt })}`
        : d.applicationNumber
          ? `in application ${d.applicationNumber}`
          : undefined;
      return known(maskAadhaarInText(d.externalId), where, `/documents/${d.id}`);
    }
    if (targetType === "batch" && batchMap.has(id))
      return known(batchName(format, batchMap.get(id)!), undefined, `/batches/${id}`);
    if (targetType === "user" && userMap.has(id)) return known(userMap.get(id)!.email);
    if (targetType === "application" && applicationMap.has(id))
      return known(applicationMap.get(id)!.number, undefined, `/applications/${id}`);
    if (targetType === "qa_sample" && samples.has(id)) {
      const s = samples.get(id)!;
      return known(s.name ?? `seed ${s.seed}`, undefined, `/qa/samples/${id}`);
    }
    // Settings and thresholds are named by their key; anything gone keeps its stored id.
    return known(maskAadhaarInText(id), isUuid(id) ? "no longer exists" : undefined);
  });
}

/**
 * The documents a "Document" filter means: a document id as sent to Atlas (every batch's
 * document of that id), or our own row id.
 */
export async function documentIdsFor(db: Db, query: string): Promise<string[]> {
  const q = query.trim();
  if (!q) return [];
  const rows = await db
    .select({ id: documents.id })
    .from(documents)
    .where(isUuid(q) ? eq(documents.id, q) : eq(documents.externalId, q))
    .limit(500);
  return rows.map((r) => r.id);
}
