import type { Metadata } from "next";
import Link from "next/link";
import { DocumentTypeName } from "@/components/documents/document-type-name";
import { Badge } from "@/components/ui/badge";
import { FilterApply, FilterForm, FilterSelect } from "@/components/ui/filter-form";
import { PageHeader } from "@/components/ui/page-header";
import { CursorPagination } from "@/components/ui/pagination";
import { Table, TableCaption, TableEmpty, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { pageLinks, seekFrom } from "@/lib/documents/keyset";
import { documentTypeOptions } from "@/lib/fields/registry";
import { maskAadhaarInText } from "@/lib/masking";
import { listQueue, QUEUE_KEY, queueFilterOptions } from "@/lib/review/queue";
import { queueDocumentHref } from "../documents/[id]/search-params";
import { loadReviewQueueParams, reviewQueueHref, type QueueContext } from "./search-params";
import { StartReviewing } from "./start-reviewing";
import { serverFormatter } from "@/lib/format/server";
import { formatDuration } from "@/lib/format";

export const metadata: Metadata = { title: "Review" };

const PAGE_SIZE = 50;

const REASON_LABEL = { low_confidence: "Low confidence", validator: "Failed a validator" } as const;

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
  const format = serverFormatter();
  const links = pageLinks(queue, seek, params.page, total, PAGE_SIZE, (cursor) =>
    reviewQueueHref(context, cursor),
  );
  return (
    <>
      <PageHeader
        title="Review"
        description="Documents with fields below their confidence threshold or failing a validator, oldest first."
        actions={<StartReviewing context={context} disabled={total === 0} />}
      />
      <FilterForm label="Filter the queue">
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
          options={documentTypeOptions(options.types)}
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
      </FilterForm>

      <Table className="mt-4">
        <TableCaption>Documents needing review</TableCaption>
        <THead>
          <Tr>
            <Th>Document</Th>
            <Th>Type</Th>
            <Th>Batch</Th>
            <Th>Why</Th>
            <Th>Waiting</Th>
            <Th>Reviewer</Th>
          </Tr>
        </THead>
        <TBody>
          {rows.map((d) => (
            <Tr key={d.id} data-testid="queue-row">
              <Td className="font-mono text-xs">
                <Link
                  href={queueDocumentHref(d.id, context)}
                  className="text-indigo-700 hover:underline dark:text-indigo-300"
                >
                  {maskAadhaarInText(d.externalId)}
                </Link>
              </Td>
              <Td className="text-xs">{d.documentType ? <DocumentTypeName type={d.documentType} /> : "—"}</Td>
              <Td className="text-xs">
                {d.batchId ? (
                  <Link href={`/batches/${d.batchId}`} className="hover:underline">
                    {batchName(d.batchLabel, d.batchDocumentCount, d.batchCreatedAt)}
                  </Link>
                ) : (
                  "—"
                )}
              </Td>
              <Td className="text-xs">
                {d.validatorCount > 0 ? (
                  <Badge tone="danger" shape="tag" className="mr-1 inline-block">
                    {d.validatorCount} failed a validator
                  </Badge>
                ) : null}
                {d.lowConfidenceCount > 0 ? (
                  <Badge tone="warning" shape="tag" className="inline-block">
                    {d.lowConfidenceCount} low confidence
                  </Badge>
                ) : null}
                {d.status === "failed" ? (
                  <Badge tone="danger" shape="tag" className="inline-block">
                    Atlas could not extract it ({d.errorCode ?? "no fields"}): close it
                  </Badge>
                ) : null}
              </Td>
              <Td className="text-xs tabular-nums">
                {formatDuration(now.getTime() - (d.extractedAt ?? d.createdAt).getTime())}
              </Td>
              <Td className="text-xs" data-testid="queue-lock">
                {d.lockOwner ? (
                  <span title={`Locked until ${format.time(d.lockExpiresAt)}`}>
                    {d.lockOwner === user.id ? "You" : d.lockOwnerName} (reviewing)
                  </span>
                ) : (
                  <span className="text-slate-500">Available</span>
                )}
              </Td>
            </Tr>
          ))}
          {rows.length === 0 ? (
            <TableEmpty colSpan={6}>
              Nothing needs review
              {params.batch || params.type || params.reason ? " with these filters" : ""}.
            </TableEmpty>
          ) : null}
        </TBody>
      </Table>
      <CursorPagination links={links} total={total} noun="document" />
    </>
  );
}

/** Batches without a label are named as the batch list names them, plus when they started. */
function batchName(label: string | null, documentCount: number | null, createdAt: Date | null): string {
  if (label) return label;
  const when = createdAt ? ` (${serverFormatter().dateTime(createdAt)})` : "";
  return `Batch of ${documentCount ?? "?"}${when}`;
}
