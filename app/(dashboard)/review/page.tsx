import type { Metadata } from "next";
import Link from "next/link";
import { FilterApply, FilterSelect } from "@/components/ui/filter-form";
import { PageHeader } from "@/components/ui/page-header";
import { CursorPagination } from "@/components/ui/pagination";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { cursorQuery, pageLinks, seekFrom } from "@/lib/documents/keyset";
import { listQueue, QUEUE_KEY, queueFilterOptions } from "@/lib/review/queue";
import { StartReviewing } from "./start-reviewing";
import { loadReviewQueueParams, queueQuery, type QueueContext } from "./search-params";
import { maskAadhaarInText } from "@/lib/masking";

export const metadata: Metadata = { title: "Review" };

const PAGE_SIZE = 50;

const REASON_LABEL = { low_confidence: "Low confidence", validator: "Failed a validator" } as const;

function waited(from: Date, now: Date): string {
  const minutes = Math.floor((now.getTime() - from.getTime()) / 60_000);
  if (minutes < 60) return `${Math.max(minutes, 0)} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.floor(hours / 24)} days`;
}

export default async function ReviewQueuePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser("documents:review");
  const params = await loadReviewQueueParams(searchParams);
  const context: QueueContext = { batch: params.batch, type: params.type, reason: params.reason };
  const seek = seekFrom(params, QUEUE_KEY);
  const db = await getDb();
  const [queue, options] = await Promise.all([
    listQueue(db, { batchId: params.batch, type: params.type, reason: params.reason }, seek, PAGE_SIZE),
    queueFilterOptions(db),
  ]);
  const { rows, total } = queue;
  const now = new Date();
  const links = pageLinks(queue, seek, params.page, total, PAGE_SIZE, (cursor) => {
    const q = new URLSearchParams();
    if (params.batch) q.set("batch", params.batch);
    if (params.type) q.set("type", params.type);
    if (params.reason) q.set("reason", params.reason);
    return `/review?${cursorQuery(q, cursor)}`;
  });

  return (
    <>
      <PageHeader
        title="Review"
        description="Documents with fields below their confidence threshold or failing a validator, oldest first."
        actions={<StartReviewing context={context} disabled={total === 0} />}
      />
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter the queue">
        <FilterSelect
          label="Batch"
          name="batch"
          defaultValue={params.batch ?? ""}
          any="All batches"
          options={options.batches.map((b) => ({
            value: b.id,
            label: batchName(b.label, b.documentCount, b.createdAt),
          }))}
        />
        <FilterSelect
          label="Type"
          name="type"
          defaultValue={params.type ?? ""}
          any="Any type"
          options={options.types}
        />
        <FilterSelect
          label="Reason"
          name="reason"
          defaultValue={params.reason ?? ""}
          any="Any reason"
          options={[
            { value: "low_confidence", label: REASON_LABEL.low_confidence },
            { value: "validator", label: REASON_LABEL.validator },
          ]}
        />
        <FilterApply />
      </form>

      <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="min-w-full text-sm">
          <caption className="sr-only">Documents needing review</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-800/60 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-4 py-2">
                Document
              </th>
              <th scope="col" className="px-4 py-2">
                Type
              </th>
              <th scope="col" className="px-4 py-2">
                Batch
              </th>
              <th scope="col" className="px-4 py-2">
                Why
              </th>
              <th scope="col" className="px-4 py-2">
                Waiting
              </th>
              <th scope="col" className="px-4 py-2">
                Reviewer
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {rows.map((d) => (
              <tr key={d.id} data-testid="queue-row">
                <td className="px-4 py-2 font-mono text-xs">
                  <Link
                    href={`/documents/${d.id}?${queueQuery(context)}`}
                    className="text-indigo-700 hover:underline dark:text-indigo-300"
                  >
                    {maskAadhaarInText(d.documentId)}
                  </Link>
                </td>
                <td className="px-4 py-2 text-xs">{d.documentType}</td>
                <td className="px-4 py-2 text-xs">
                  {d.batchId ? (
                    <Link href={`/batches/${d.batchId}`} className="hover:underline">
                      {batchName(d.batchLabel, d.batchDocumentCount, d.batchCreatedAt)}
                    </Link>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="px-4 py-2 text-xs">
                  {d.validatorCount > 0 ? (
                    <span className="mr-1 inline-block rounded bg-red-100 px-1.5 py-0.5 text-red-800 dark:bg-red-900/60 dark:text-red-200">
                      {d.validatorCount} failed a validator
                    </span>
                  ) : null}
                  {d.lowConfidenceCount > 0 ? (
                    <span className="inline-block rounded bg-amber-100 px-1.5 py-0.5 text-amber-900 dark:bg-amber-900/60 dark:text-amber-200">
                      {d.lowConfidenceCount} low confidence
                    </span>
                  ) : null}
                </td>
                <td className="px-4 py-2 text-xs tabular-nums">
                  {waited(d.extractedAt ?? d.createdAt, now)}
                </td>
                <td className="px-4 py-2 text-xs" data-testid="queue-lock">
                  {d.lockOwner ? (
                    <span title={`Locked until ${d.lockExpiresAt?.toISOString().slice(11, 16)} UTC`}>
                      {d.lockOwner === user.id ? "You" : d.lockOwnerName} (reviewing)
                    </span>
                  ) : (
                    <span className="text-slate-500">Available</span>
                  )}
                </td>
              </tr>
            ))}
            {rows.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-4 py-8 text-center text-slate-500">
                  Nothing needs review
                  {params.batch || params.type || params.reason ? " with these filters" : ""}.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <CursorPagination links={links} total={total} noun="document" />
    </>
  );
}

/** Batches without a label are named as the batch list names them, plus when they started. */
function batchName(label: string | null, documentCount: number | null, createdAt: Date | null): string {
  if (label) return label;
  const when = createdAt ? ` (${createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC)` : "";
  return `Batch of ${documentCount ?? "?"}${when}`;
}
