import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "@/components/auto-refresh";
import { BatchProgressBar, BatchStatusBadge } from "@/components/batches/batch-status";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { ListFilters } from "@/components/ui/list-filters";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, TableCaption, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { requirePageUser } from "@/lib/auth/current-user";
import { listBatches } from "@/lib/batches/queries";
import { BATCH_STATUS_LABEL, BATCH_STATUSES, isBatchOpen } from "@/lib/batches/status";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { can } from "@/lib/roles";
import { BATCH_SORTS, batchListHref, loadBatchListParams } from "./search-params";
import { serverFormatter } from "@/lib/format/server";

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
  const format = serverFormatter();
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
  const canCreate = can(user.role, "batches:create");

  return (
    <>
      <AutoRefresh active={rows.some((b) => isBatchOpen(b.status))} />
      <PageHeader
        title="Batches"
        description="Every batch sent to Atlas, with its progress. Lists refresh by themselves while batches are running."
        actions={
          canCreate ? (
            <Button asChild className="py-2">
              <Link href="/batches/new">New batch</Link>
            </Button>
          ) : null
        }
      />
      <ListFilters
        label="Filter batches"
        searchLabel="Search labels"
        params={params}
        statuses={BATCH_STATUSES.map((s) => ({ value: s, label: BATCH_STATUS_LABEL[s] }))}
        productTypes={getEnv().ATLAS_PRODUCT_TYPES}
        sorts={BATCH_SORTS.map((s) => ({ value: s, label: SORT_LABEL[s] }))}
      />

      {rows.length === 0 ? (
        <EmptyState>
          {total === 0 && !params.status && !params.q && !params.product ? (
            <>
              <p className="font-medium">No batches yet.</p>
              {canCreate ? (
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
        </EmptyState>
      ) : (
        <Table>
          <TableCaption>Batches</TableCaption>
          <THead>
            <Tr>
              <Th>Batch</Th>
              <Th>Started</Th>
              <Th>Status</Th>
              <Th className="w-48">Progress</Th>
              <Th numeric>Submitted</Th>
              <Th numeric>Extracted</Th>
              <Th numeric>Failed</Th>
              <Th numeric>Pending</Th>
              <Th numeric>Needs review</Th>
            </Tr>
          </THead>
          <TBody>
            {rows.map((b) => (
              <Tr key={b.id} data-testid="batch-row">
                <Td>
                  <Link
                    href={`/batches/${b.id}`}
                    className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                  >
                    {b.label ?? `Batch of ${b.documentCount}`}
                  </Link>
                  <span className="block text-xs text-slate-500">{b.productType}</span>
                </Td>
                <Td className="text-xs">
                  {b.createdByName}
                  <span className="block text-slate-500">{format.dateTime(b.createdAt)}</span>
                </Td>
                <Td>
                  <BatchStatusBadge status={b.status} />
                </Td>
                <Td>
                  <BatchProgressBar done={b.extractedCount} failed={b.failedCount} total={b.documentCount} />
                  <span className="mt-1 block text-xs text-slate-500">
                    {b.extractedCount + b.failedCount} / {b.documentCount}
                  </span>
                </Td>
                <Td numeric>{b.submittedCount + b.extractedCount + b.failedCount}</Td>
                <Td numeric>{b.extractedCount}</Td>
                <Td numeric>{b.failedCount + b.notSubmittedCount}</Td>
                <Td numeric>{b.submittedCount}</Td>
                <Td numeric>{b.needsReviewCount}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      <Pagination
        page={page}
        pages={pages}
        total={total}
        noun="batch"
        plural="batches"
        href={(p) => batchListHref(params, p)}
      />
    </>
  );
}
