import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "@/components/auto-refresh";
import { MasterStatusBadge } from "@/components/applications/application-stages";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { ListFilters } from "@/components/ui/list-filters";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, TableCaption, TBody, Td, Th, THead } from "@/components/ui/table";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { getPassMark } from "@/lib/applications/pass-mark";
import { listApplications } from "@/lib/applications/queries";
import {
  APPLICATION_SORTS,
  APPLICATION_STATUS_FILTERS,
  honestStatus,
  isTerminalMaster,
  statusLabel,
  statusMeaning,
} from "@/lib/applications/status";
import { can } from "@/lib/roles";
import { applicationListHref, loadApplicationListParams } from "./search-params";
import { serverFormatter } from "@/lib/format/server";

export const metadata: Metadata = { title: "Applications" };

const PAGE_SIZE = 25;
const SORT_LABEL: Record<(typeof APPLICATION_SORTS)[number], string> = {
  newest: "Newest first",
  oldest: "Oldest first",
  application: "Application id A–Z",
};
const STATUS_LABEL: Record<(typeof APPLICATION_STATUS_FILTERS)[number], string> = {
  not_started: "Not started",
  in_progress: "In progress",
  success: "Success",
  failed: "Failed",
};

export default async function ApplicationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser("applications:view");
  const format = serverFormatter();
  const params = await loadApplicationListParams(searchParams);
  const page = Math.max(1, params.page);
  const db = await getDb();
  const { rows, total } = await listApplications(db, {
    passMark: await getPassMark(db),
    status: params.status,
    productType: params.product,
    q: params.q,
    sort: params.sort,
    page,
    pageSize: PAGE_SIZE,
  });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const href = (p: number) => applicationListHref(params, p);
  const filtered = !!(params.status || params.q || params.product);

  return (
    <>
      <AutoRefresh active={rows.some((a) => a.masterStatus === "IN_PROGRESS")} />
      <PageHeader
        title="Applications"
        description="Loan applications on Atlas's Flow API: their documents, statuses and cross-document checks."
        actions={
          can(user.role, "applications:create") ? (
            <Button asChild className="py-2">
              <Link href="/applications/new">New application</Link>
            </Button>
          ) : null
        }
      />
      <ListFilters
        label="Filter applications"
        searchLabel="Search application ids"
        params={params}
        statuses={APPLICATION_STATUS_FILTERS.map((s) => ({ value: s, label: STATUS_LABEL[s] }))}
        productTypes={getEnv().ATLAS_PRODUCT_TYPES}
        sorts={APPLICATION_SORTS.map((s) => ({ value: s, label: SORT_LABEL[s] }))}
      />

      {rows.length === 0 ? (
        <EmptyState>
          {filtered ? (
            <p>No applications match these filters.</p>
          ) : (
            <>
              <p className="font-medium">No applications yet.</p>
              <p className="mt-1 text-slate-600 dark:text-slate-400">
                {can(user.role, "applications:create") ? (
                  <Link className="underline" href="/applications/new">
                    Start the first application
                  </Link>
                ) : (
                  "An admin starts applications; they will appear here."
                )}
              </p>
            </>
          )}
        </EmptyState>
      ) : (
        <Table>
          <TableCaption>Applications</TableCaption>
          <THead>
            <tr>
              <Th>Application</Th>
              <Th>Started</Th>
              <Th>Status</Th>
              <Th>Stages</Th>
              <Th numeric>Documents</Th>
            </tr>
          </THead>
          <TBody>
            {rows.map((a) => (
              <tr key={a.id} data-testid="application-row">
                <Td>
                  <Link
                    href={`/applications/${a.id}`}
                    className="font-mono font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                  >
                    {a.applicationNumber}
                  </Link>
                  <span className="block text-xs text-slate-500">{a.productType}</span>
                </Td>
                <Td className="text-xs">
                  {a.createdByName}
                  <span className="block text-slate-500">{format.dateTime(a.createdAt)}</span>
                </Td>
                <Td>
                  {a.flowUuid ? (
                    <MasterStatusBadge status={a.masterStatus} belowPassMark={a.belowPassMark} />
                  ) : (
                    <span className="text-xs text-red-700 dark:text-red-300">Not started on Atlas</span>
                  )}
                </Td>
                <Td className="text-xs text-slate-600 dark:text-slate-400">
                  {isTerminalMaster(a.masterStatus) || statusMeaning(a.masterStatus) === "running"
                    ? `Upload ${statusLabel(a.uploadStatus)} · Processing ${statusLabel(a.processingStatus)} · Cross-checks ${honestStatus(a.crossheckStatus, a.belowPassMark).label}`
                    : "—"}
                </Td>
                <Td numeric>{a.documentCount}</Td>
              </tr>
            ))}
          </TBody>
        </Table>
      )}
      <Pagination page={page} pages={pages} total={total} noun="application" href={href} />
    </>
  );
}
