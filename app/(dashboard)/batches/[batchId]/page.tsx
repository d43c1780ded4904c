import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConfidenceBadge } from "@/components/documents/confidence-badge";
import { FilterApply, FilterSelect } from "@/components/ui/filter-form";
import { PageHeader } from "@/components/ui/page-header";
import { CursorPagination } from "@/components/ui/pagination";
import { requirePageUser } from "@/lib/auth/current-user";
import { getBatchSummary, shortMasked } from "@/lib/batches/queries";
import { isBatchOpen } from "@/lib/batches/status";
import { getDb } from "@/lib/db";
import { cursorQuery, pageLinks, seekFrom } from "@/lib/documents/keyset";
import { DOCUMENT_SORT_KEYS, listBatchDocuments, missingDocuments } from "@/lib/documents/queries";
import { DOCUMENT_SORT_LABEL, DOCUMENT_SORTS } from "@/lib/documents/sort";
import { loadThresholds } from "@/lib/documents/thresholds-store";
import { can } from "@/lib/roles";
import { BatchLive, type BatchProgress } from "./batch-live";
import { loadBatchDocumentParams } from "./search-params";
import { maskAadhaarInText } from "@/lib/masking";

export const metadata: Metadata = { title: "Batch" };

const PAGE_SIZE = 50;
const headerLink =
  "rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";

export default async function BatchPage({
  params,
  searchParams,
}: {
  params: Promise<{ batchId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser("batches:view");
  const { batchId } = await params;
  const filters = await loadBatchDocumentParams(searchParams);
  const db = await getDb();
  const batch = await getBatchSummary(db, batchId);
  if (!batch) notFound();
  const seek = seekFrom(filters, DOCUMENT_SORT_KEYS[filters.sort]);
  const [list, missing, thresholds] = await Promise.all([
    listBatchDocuments(db, batchId, {
      type: filters.type,
      needsReview: filters.review,
      errors: filters.errors,
      sort: filters.sort,
      seek,
      pageSize: PAGE_SIZE,
    }),
    batch.status === "stalled" ? missingDocuments(db, batchId) : Promise.resolve([]),
    loadThresholds(db),
  ]);
  const { rows, total, types } = list;
  const initial: BatchProgress = {
    id: batch.id,
    status: batch.status,
    open: isBatchOpen(batch.status),
    counts: {
      documents: batch.documentCount,
      notSubmitted: batch.notSubmittedCount,
      submitted: batch.submittedCount,
      extracted: batch.extractedCount,
      failed: batch.failedCount,
      needsReview: batch.needsReviewCount,
    },
    lastSyncedAt: batch.lastSyncedAt?.toISOString() ?? null,
    lastProgressAt: batch.lastProgressAt?.toISOString() ?? null,
    lastSyncError: batch.lastSyncError,
    chunks: batch.chunks.map((c) => ({
      index: c.chunkIndex,
      status: c.status,
      atlasBatchId: c.atlasBatchId,
      error: c.errorMessage,
      attempts: c.attemptCount,
      answer: shortMasked(c.answerBody),
    })),
    unreadable: batch.unreadable,
    missing: missing.map((m) => maskAadhaarInText(m.documentId)),
  };
  const links = pageLinks(list, seek, filters.page, total, PAGE_SIZE, (cursor) => {
    const q = new URLSearchParams();
    if (filters.type) q.set("type", filters.type);
    if (filters.review) q.set("review", "true");
    if (filters.errors) q.set("errors", filters.errors);
    if (filters.sort !== "confidence") q.set("sort", filters.sort);
    return `/batches/${batchId}?${cursorQuery(q, cursor)}`;
  });

  return (
    <>
      <PageHeader
        title={batch.label ?? `Batch of ${batch.documentCount}`}
        description={
          <>
            {batch.productType} · started by {batch.createdByName} on{" "}
            {batch.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC ·{" "}
            <Link href="/batches" className="underline">
              All batches
            </Link>
          </>
        }
        actions={
          <>
            {can(user.role, "documents:review") && batch.needsReviewCount > 0 ? (
              <Link href={`/review?batch=${batch.id}`} className={headerLink}>
                Review this batch
              </Link>
            ) : null}
            <a href={`/api/batches/${batch.id}/export?format=csv`} className={headerLink} download>
              Export CSV
            </a>
            <a href={`/api/batches/${batch.id}/export?format=json`} className={headerLink} download>
              Export JSON
            </a>
            <a href={`/api/batches/${batch.id}/export?format=xlsx`} className={headerLink} download>
              Export Excel (.xlsx)
            </a>
          </>
        }
      />
      <BatchLive batchId={batch.id} initial={initial} canManage={can(user.role, "batches:create")} />

      <section aria-labelledby="documents-heading" className="mt-8">
        <h2 id="documents-heading" className="text-lg font-semibold">
          Documents
        </h2>
        <form method="get" className="mt-3 flex flex-wrap items-end gap-3" aria-label="Filter documents">
          <FilterSelect
            label="Type"
            name="type"
            defaultValue={filters.type ?? ""}
            any="Any type"
            options={types}
          />
          <FilterSelect
            label="Errors"
            name="errors"
            defaultValue={filters.errors ?? ""}
            any="With or without"
            options={[
              { value: "only", label: "Only with errors" },
              { value: "none", label: "Only without errors" },
            ]}
          />
          <FilterSelect
            label="Sort"
            name="sort"
            defaultValue={filters.sort}
            options={DOCUMENT_SORTS.map((s) => ({ value: s, label: DOCUMENT_SORT_LABEL[s] }))}
          />
          <label className="flex items-center gap-2 pb-2 text-sm font-medium">
            <input type="checkbox" name="review" value="true" defaultChecked={filters.review} />
            Needs review only
          </label>
          <FilterApply />
        </form>
        <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Documents of this batch</caption>
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-800/60 dark:text-slate-400">
              <tr>
                <th scope="col" className="px-4 py-2">
                  Document id
                </th>
                <th scope="col" className="px-4 py-2">
                  Type
                </th>
                <th scope="col" className="px-4 py-2 text-right">
                  Fields
                </th>
                <th scope="col" className="px-4 py-2">
                  Lowest confidence
                </th>
                <th scope="col" className="px-4 py-2 text-right">
                  Need review
                </th>
                <th scope="col" className="px-4 py-2">
                  Errors
                </th>
                <th scope="col" className="px-4 py-2">
                  Review
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {rows.map((d) => (
                <tr key={d.id} data-testid="document-row">
                  <td className="px-4 py-2 font-mono text-xs">
                    {d.status === "extracted" || d.status === "failed" ? (
                      <Link
                        href={`/documents/${d.id}`}
                        className="text-indigo-700 hover:underline dark:text-indigo-300"
                      >
                        {maskAadhaarInText(d.documentId)}
                      </Link>
                    ) : (
                      maskAadhaarInText(d.documentId)
                    )}
                  </td>
                  <td className="px-4 py-2 text-xs">
                    {d.documentType ?? (d.status === "submitted" ? "waiting…" : "—")}
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">{d.fieldCount}</td>
                  <td className="px-4 py-2">
                    <ConfidenceBadge value={d.minConfidence} threshold={thresholds.global} />
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">{d.needsReviewCount || ""}</td>
                  <td className="px-4 py-2 text-xs text-red-700 dark:text-red-300">
                    {d.errorCode
                      ? `${d.errorCode}${d.errorMessage ? `: ${d.errorMessage}` : ""}`
                      : d.submitError
                        ? `Not submitted: ${d.submitError}`
                        : ""}
                  </td>
                  <td className="px-4 py-2 text-xs">{d.reviewStatus.replace("_", " ")}</td>
                </tr>
              ))}
              {rows.length === 0 ? (
                <tr>
                  <td colSpan={7} className="px-4 py-8 text-center text-slate-500">
                    No documents match these filters.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
        <CursorPagination links={links} total={total} noun="document" />
      </section>
    </>
  );
}
