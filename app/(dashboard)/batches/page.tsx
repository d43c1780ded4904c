import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "@/components/auto-refresh";
import { BatchProgressBar, BatchStatusBadge } from "@/components/batches/batch-status";
import { FilterApply, FilterSelect, filterControl } from "@/components/ui/filter-form";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requirePageUser } from "@/lib/auth/current-user";
import { listBatches } from "@/lib/batches/queries";
import { BATCH_STATUS_LABEL, BATCH_STATUSES, isBatchOpen } from "@/lib/batches/status";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { can } from "@/lib/roles";
import { BATCH_SORTS, loadBatchListParams } from "./search-params";

export const metadata: Metadata = { title: "Batches" };

const PAGE_SIZE = 25;
const SORT_LABEL: Record<(typeof BATCH_SORTS)[number], string> = {
  newest: "Newest first",
  oldest: "Oldest first",
  label: "Label A–Z",
  needs_review: "Most needing review",
};

export default async function BatchesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser("batches:view");
  const params = await loadBatchListParams(searchParams);
  const page = Math.max(1, params.page);
  const { rows, total } = await listBatches(await getDb(), {
    status: params.status,
    productType: params.product,
    q: params.q,
    sort: params.sort,
    page,
    pageSize: PAGE_SIZE,
  });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const href = (p: number) => {
    const q = new URLSearchParams();
    if (params.status) q.set("status", params.status);
    if (params.product) q.set("product", params.product);
    if (params.q) q.set("q", params.q);
    if (params.sort !== "newest") q.set("sort", params.sort);
    if (p > 1) q.set("page", String(p));
    const s = q.toString();
    return s ? `/batches?${s}` : "/batches";
  };

  return (
    <>
      <AutoRefresh active={rows.some((b) => isBatchOpen(b.status))} />
      <PageHeader
        title="Batches"
        description="Every batch sent to Atlas, with its progress. Lists refresh by themselves while batches are running."
        actions={
          can(user.role, "batches:create") ? (
            <Link
              href="/batches/new"
              className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500"
            >
              New batch
            </Link>
          ) : null
        }
      />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter batches">
        <label className="text-sm font-medium">
          Search labels
          <input name="q" defaultValue={params.q} className={filterControl} />
        </label>
        <FilterSelect
          label="Status"
          name="status"
          defaultValue={params.status ?? ""}
          any="Any status"
          options={BATCH_STATUSES.map((s) => ({ value: s, label: BATCH_STATUS_LABEL[s] }))}
        />
        <FilterSelect
          label="Product type"
          name="product"
          defaultValue={params.product ?? ""}
          any="Any product"
          options={getEnv().ATLAS_PRODUCT_TYPES}
        />
        <FilterSelect
          label="Sort"
          name="sort"
          defaultValue={params.sort}
          options={BATCH_SORTS.map((s) => ({ value: s, label: SORT_LABEL[s] }))}
        />
        <FilterApply />
      </form>

      {rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-sm dark:border-slate-700 dark:bg-slate-900">
          {total === 0 && !params.status && !params.q && !params.product ? (
            <>
              <p className="font-medium">No batches yet.</p>
              {can(user.role, "batches:create") ? (
                <p className="mt-1">
                  <Link className="underline" href="/batches/new">
                    Start the first batch
                  </Link>{" "}
                  from pasted URLs or a CSV file.
                </p>
              ) : (
                <p className="mt-1 text-slate-600 dark:text-slate-400">
                  An admin starts batches; they will appear here.
                </p>
              )}
            </>
          ) : (
            <p>No batches match these filters.</p>
          )}
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Batches</caption>
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-800/60 dark:text-slate-400">
              <tr>
                <th scope="col" className="px-4 py-2">
                  Batch
                </th>
                <th scope="col" className="px-4 py-2">
                  Started
                </th>
                <th scope="col" className="px-4 py-2">
                  Status
                </th>
                <th scope="col" className="w-48 px-4 py-2">
                  Progress
                </th>
                <th scope="col" className="px-4 py-2 text-right">
                  Submitted
                </th>
                <th scope="col" className="px-4 py-2 text-right">
                  Extracted
                </th>
                <th scope="col" className="px-4 py-2 text-right">
                  Failed
                </th>
                <th scope="col" className="px-4 py-2 text-right">
                  Pending
                </th>
                <th scope="col" className="px-4 py-2 text-right">
                  Needs review
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {rows.map((b) => {
                const sent = b.submittedCount + b.extractedCount + b.failedCount;
                return (
                  <tr key={b.id} data-testid="batch-row">
                    <td className="px-4 py-2">
                      <Link
                        href={`/batches/${b.id}`}
                        className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                      >
                        {b.label ?? `Batch of ${b.documentCount}`}
                      </Link>
                      <span className="block text-xs text-slate-500">{b.productType}</span>
                    </td>
                    <td className="px-4 py-2 text-xs">
                      {b.createdByName}
                      <span className="block text-slate-500">
                        {b.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC
                      </span>
                    </td>
                    <td className="px-4 py-2">
                      <BatchStatusBadge status={b.status} />
                    </td>
                    <td className="px-4 py-2">
                      <BatchProgressBar
                        done={b.extractedCount}
                        failed={b.failedCount}
                        total={b.documentCount}
                      />
                      <span className="mt-1 block text-xs text-slate-500">
                        {b.extractedCount + b.failedCount} / {b.documentCount}
                      </span>
                    </td>
                    <td className="px-4 py-2 text-right tabular-nums">{sent}</td>
                    <td className="px-4 py-2 text-right tabular-nums">{b.extractedCount}</td>
                    <td className="px-4 py-2 text-right tabular-nums">
                      {b.failedCount + b.notSubmittedCount}
                    </td>
                    <td className="px-4 py-2 text-right tabular-nums">{b.submittedCount}</td>
                    <td className="px-4 py-2 text-right tabular-nums">{b.needsReviewCount}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pages={pages} total={total} noun="batch" plural="batches" href={href} />
    </>
  );
}
