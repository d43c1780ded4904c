import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { preload } from "react-dom";
import { ScanStartProvider } from "@/components/review/scan-start";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { maskAadhaarInText, maskFieldValue } from "@/lib/masking";
import { batchNeighbours, peekNextDocument, queuePrevious } from "@/lib/review/queue";
import { scanStart } from "@/lib/review/scan-start";
import { listComments } from "@/lib/review/comments";
import { describeRejectCode } from "@/lib/review/reject-reasons";
import { loadRejectReasons } from "@/lib/review/reject-reasons-store";
import { REVIEW_STATUS_LABEL } from "@/lib/review/types";
import { loadWorkspace } from "@/lib/review/workspace";
import { can } from "@/lib/roles";
import type { QueueContext } from "../../review/search-params";
import { AuditTrail } from "./audit-trail";
import { loadWorkspaceParams, queueDocumentHref } from "./search-params";
import { Workspace, type Navigation } from "./workspace";
import { DocumentTypeName } from "@/components/documents/document-type-name";

export const metadata: Metadata = { title: "Review document" };

function maskedFileData(documentType: string, fileData: unknown): unknown {
  if (!fileData || typeof fileData !== "object") return fileData;
  return Object.fromEntries(
    Object.entries(fileData as Record<string, unknown>).map(([key, raw]) => {
      if (raw && typeof raw === "object" && !Array.isArray(raw) && "value" in raw) {
        const masked: Record<string, unknown> = {
          ...(raw as object),
          value: maskFieldValue(documentType, key, (raw as { value: unknown }).value),
        };
        // A pre-signed link is a bearer credential: the masked copy is shown through the file route.
        if ("redact_url" in masked) masked.redact_url = "[link withheld: the masked copy is shown beside]";
        return [key, masked];
      }
      return [key, maskFieldValue(documentType, key, raw)];
    }),
  );
}

export default async function DocumentPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser("documents:view");
  const { id } = await params;
  const context = await loadWorkspaceParams(searchParams);
  const db = await getDb();
  const found = await loadWorkspace(db, id, user.id);
  if (!found) notFound();
  const [rejectReasons, comments] = await Promise.all([loadRejectReasons(db), listComments(db, id)]);
  const { doc, batch } = found;
  const type = doc.documentType ?? "UNKNOWN";
  const queue: QueueContext = { batch: context.batch, type: context.type, reason: context.reason };
  const fromQueue = context.from === "queue";
  const scan = scanStart(
    doc,
    found.fields.map((f) => f.path),
    user.role,
  );
  // The scan is the page's largest paint: its request starts from the <head>, first in line.
  if (scan) preload(scan.src, { as: "image", fetchPriority: "high" });
  let nav: Navigation;
  if (fromQueue) {
    const filter = { batchId: queue.batch, type: queue.type, reason: queue.reason };
    const [previous, next] = await Promise.all([
      queuePrevious(db, filter, doc.id),
      can(user.role, "documents:review") ? peekNextDocument(db, user.id, filter, doc.id) : null,
    ]);
    nav = {
      mode: "queue",
      previousHref: previous ? queueDocumentHref(previous, queue) : null,
      nextHref: null,
      queue,
      prefetch: next ? { id: next, href: queueDocumentHref(next, queue) } : null,
    };
  } else {
    const around = doc.batchId
      ? await batchNeighbours(db, doc.batchId, doc.externalId)
      : { previous: null, next: null };
    nav = {
      mode: "batch",
      previousHref: around.previous ? `/documents/${around.previous}` : null,
      nextHref: around.next ? `/documents/${around.next}` : null,
      queue,
      prefetch: around.next ? { id: around.next, href: `/documents/${around.next}` } : null,
    };
  }

  return (
    // data-wide: the dashboard shell gives the workspace more of a wide screen than other pages.
    <div data-wide>
      <PageHeader
        title={maskAadhaarInText(doc.externalId)}
        description={
          <>
            <DocumentTypeName type={type} withCode />
            {batch ? (
              <>
                {" "}
                · in batch{" "}
                <Link href={`/batches/${batch.id}`} className="underline">
                  {batch.label ?? `of ${batch.documentCount}`}
                </Link>
              </>
            ) : null}{" "}
            · review: <span data-testid="review-status">{REVIEW_STATUS_LABEL[doc.reviewStatus]}</span>
            {fromQueue ? (
              <>
                {" "}
                ·{" "}
                <Link href="/review" className="underline">
                  Back to the queue
                </Link>
              </>
            ) : null}
          </>
        }
      />
      {doc.errorCode ? (
        <Alert tone="error" role="status" className="mb-4">
          Atlas could not extract this document: <strong>{doc.errorCode}</strong>
          {doc.errorMessage ? ` — ${doc.errorMessage}` : ""}.{" "}
          {doc.reclassifiedFrom ? (
            <span data-testid="reclassified">
              A reviewer reclassified it as{" "}
              <strong>
                <DocumentTypeName type={type} withCode />
              </strong>
              : its fields are typed by hand.
            </span>
          ) : (
            "Check that the file is a readable document of a supported type."
          )}
        </Alert>
      ) : null}
      <ScanStartProvider value={scan}>
        <Workspace
          // A reclassification gives the document its fields: start the workspace afresh.
          key={`${doc.status}:${doc.documentType ?? ""}`}
          doc={{
            id: doc.id,
            externalId: maskAadhaarInText(doc.externalId),
            documentType: doc.documentType,
            status: doc.status,
            reviewStatus: doc.reviewStatus,
            rejectReason: doc.rejectReason,
            rejectLabel: doc.rejectCode
              ? `${describeRejectCode(doc.rejectCode, rejectReasons)} (${doc.rejectCode})`
              : null,
            reviewedByName: found.reviewedByName,
            reviewedAt: doc.reviewedAt?.toISOString() ?? null,
            version: doc.version,
          }}
          fields={found.fields}
          lock={found.lock}
          viewer={{ id: user.id, name: user.name }}
          canReview={can(user.role, "documents:review")}
          canReveal={can(user.role, "documents:reveal-pii")}
          lockMs={getEnv().REVIEW_LOCK_MS}
          nav={nav}
          rejectReasons={rejectReasons}
          comments={comments}
          errorCode={doc.errorCode}
          read={
            found.secondRead ?? {
              status: getEnv().SECOND_READER === "off" ? "off" : "queued",
              error: null,
              pages: [],
            }
          }
        />
      </ScanStartProvider>
      <AuditTrail events={found.trail} documentType={doc.documentType} />
      <Card asChild className="mt-6">
        <details>
          <summary className="cursor-pointer text-sm font-medium">
            Raw JSON from Atlas (Aadhaar masked)
          </summary>
          <pre
            className="mt-3 max-h-[32rem] overflow-auto rounded bg-slate-50 p-3 text-xs dark:bg-slate-950"
            data-testid="raw-json"
          >
            {JSON.stringify(maskedFileData(type, doc.fileData), null, 2)}
          </pre>
        </details>
      </Card>
      {/* Room under the last card for the decision bar fixed to the foot of smaller screens. */}
      <div aria-hidden className="h-32 xl:hidden" />
    </div>
  );
}
