import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DocumentTypeName } from "@/components/documents/document-type-name";
import { DocumentsTable } from "@/components/documents/documents-table";
import { documentTypeOptions } from "@/lib/fields/registry";
import { Button } from "@/components/ui/button";
import { FilterApply, FilterCheckbox, FilterForm, FilterSelect } from "@/components/ui/filter-form";
import { PageHeader } from "@/components/ui/page-header";
import { CursorPagination } from "@/components/ui/pagination";
import { requirePageUser } from "@/lib/auth/current-user";
import { toBatchProgress } from "@/lib/batches/progress";
import { getBatchSummary } from "@/lib/batches/queries";
import { getDb } from "@/lib/db";
import { pageLinks, seekFrom } from "@/lib/documents/keyset";
import { DOCUMENT_SORT_KEYS, listBatchDocuments, missingDocuments } from "@/lib/documents/queries";
import { DOCUMENT_SORT_LABEL, DOCUMENT_SORTS } from "@/lib/documents/sort";
import { loadThresholds } from "@/lib/documents/thresholds-store";
import { maskAadhaarInText } from "@/lib/masking";
import { can } from "@/lib/roles";
import { secondReaderProgress } from "@/lib/second-reader/progress";
import { reviewQueueHref } from "../../review/search-params";
import { BatchLive } from "./batch-live";
import { batchDocumentsHref, loadBatchDocumentParams } from "./search-params";
import { serverFormatter } from "@/lib/format/server";
import { needsReview } from "@/lib/documents/needs-review";

export const metadata: Metadata = { title: "Batch" };

const PAGE_SIZE = 50;
const EXPORTS = [
  ["csv", "Export CSV"],
  ["json", "Export JSON"],
  ["xlsx", "Export Excel (.xlsx)"],
] as const;

export default async function BatchPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser("batches:view");
  const { id: batchId } = await params;
  const filters = await loadBatchDocumentParams(searchParams);
  const db = await getDb();
  const batch = await getBatchSummary(db, batchId);
  if (!batch) notFound();
  const seek = seekFrom(filters, DOCUMENT_SORT_KEYS[filters.sort]);
  const [list, missing, thresholds, secondReader] = await Promise.all([
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
    secondReaderProgress(db, batchId),
  ]);
  const { rows, total, types } = list;
  const initial = toBatchProgress(batch, missing, secondReader);
  const links = pageLinks(list, seek, filters.page, total, PAGE_SIZE, (cursor) =>
    batchDocumentsHref(batchId, filters, cursor),
  );
  return (
    <>
      <PageHeader
        title={batch.label ?? `Batch of ${batch.documentCount}`}
        description={
          <>
            {batch.productType} · started by {batch.createdByName} on{" "}
            {serverFormatter().dateTime(batch.createdAt)} ·{" "}
            <Link href="/batches" className="underline">
              All batches
            </Link>
          </>
        }
        actions={
          <>
            {can(user.role, "documents:review") && batch.needsReviewCount > 0 ? (
              <Button asChild variant="secondary">
                <Link href={reviewQueueHref({ batch: batch.id }, 1)}>Review this batch</Link>
              </Button>
            ) : null}
            {EXPORTS.map(([format, label]) => (
              <Button key={format} asChild variant="secondary">
                <a href={`/api/batches/${batch.id}/export?format=${format}`} download>
                  {label}
                </a>
              </Button>
            ))}
          </>
        }
      />
      <BatchLive batchId={batch.id} initial={initial} canManage={can(user.role, "batches:create")} />

      <section aria-labelledby="documents-heading" className="mt-8">
        <h2 id="documents-heading" className="text-lg font-semibold">
          Documents
        </h2>
        <FilterForm label="Filter documents" className="mt-3">
          <FilterSelect
            label="Type"
            name="type"
            defaultValue={filters.type ?? ""}
            any="Any type"
            options={documentTypeOptions(types)}
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
          <FilterCheckbox label="Needs review only" name="review" defaultChecked={filters.review} />
          <FilterApply />
        </FilterForm>
        <DocumentsTable
          className="mt-3"
          caption="Documents of this batch"
          rowTestId="document-row"
          threshold={thresholds.global}
          empty="No documents match these filters."
          rows={rows.map((d) => ({
            id: d.id,
            label: maskAadhaarInText(d.externalId),
            href: d.status === "extracted" || d.status === "failed" ? `/documents/${d.id}` : null,
            type: d.documentType ? (
              <DocumentTypeName type={d.documentType} />
            ) : d.status === "submitted" ? (
              "waiting…"
            ) : (
              "—"
            ),
            fieldCount: d.fieldCount,
            minConfidence: d.minConfidence,
            // Counted only where the document needs review, as the counts above and the filter count it.
            needsReviewCount: needsReview(d) ? d.needsReviewCount : 0,
            problem: d.errorCode
              ? `${d.errorCode}${d.errorMessage ? `: ${d.errorMessage}` : ""}`
              : d.submitError
                ? `Not submitted: ${d.submitError}`
                : "",
            reviewStatus: d.reviewStatus,
          }))}
        />
        <CursorPagination links={links} total={total} noun="document" />
      </section>
    </>
  );
}
