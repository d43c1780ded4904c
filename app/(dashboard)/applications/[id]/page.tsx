import type { Metadata } from "next";
import { REVIEW_STATUS_LABEL } from "@/lib/review/types";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConfidenceBadge } from "@/components/documents/confidence-badge";
import { DocumentTypeName } from "@/components/documents/document-type-name";
import { CrossChecksTable } from "@/components/applications/cross-checks-table";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableCaption, TBody, Td, Th, THead } from "@/components/ui/table";
import { listSimulatorSpecimens } from "@/lib/atlas/specimens";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { loadThresholds } from "@/lib/documents/thresholds-store";
import { getEnv } from "@/lib/env";
import { getPassMark } from "@/lib/applications/pass-mark";
import { toApplicationProgress } from "@/lib/applications/progress";
import { getApplication, listApplicationDocuments, listCrossChecks } from "@/lib/applications/queries";
import { crossCheckVerdict } from "@/lib/applications/status";
import { MAX_APPLICATION_UPLOAD_ROWS } from "@/lib/applications/upload";
import { can } from "@/lib/roles";
import { maskDeep } from "@/lib/masking";
import { ApplicationLive } from "./application-live";
import { PassMarkForm } from "./pass-mark-form";
import { UploadForm, type SpecimenCase } from "./upload-form";
import { listS3PageAction, lookUpS3Action } from "../../batches/new/s3-actions";
import { s3FormConfig } from "../../batches/new/s3-config";
import { maskAadhaarInText } from "@/lib/masking";
import { serverFormatter } from "@/lib/format/server";
import { needsReview } from "@/lib/documents/needs-review";

export const metadata: Metadata = { title: "Application" };

/** Demo mode: the simulator's loan cases (`cdl-<n>-…` specimens share one applicant and dealer). */
async function specimenCases(): Promise<SpecimenCase[]> {
  const cases = new Map<string, SpecimenCase>();
  for (const s of await listSimulatorSpecimens()) {
    const id = s.name.match(/^cdl-(\d+)-/)?.[1];
    if (!id) continue;
    const label = `sample case ${id}${/mismatch/i.test(s.description) ? " (with a mismatch)" : ""}`;
    const entry = cases.get(id) ?? { label, rows: [] };
    entry.rows.push({ documentId: s.name, fileUrl: s.fileUrl });
    cases.set(id, entry);
  }
  return [...cases.values()];
}

export default async function ApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("applications:view");
  const { id: applicationId } = await params;
  const db = await getDb();
  const application = await getApplication(db, applicationId);
  if (!application) notFound();
  const canManage = can(user.role, "applications:create");
  const [docs, checks, passMark, thresholds, specimens] = await Promise.all([
    listApplicationDocuments(db, applicationId),
    listCrossChecks(db, applicationId),
    getPassMark(db),
    loadThresholds(db),
    canManage && application.flowUuid && getEnv().demoMode ? specimenCases() : Promise.resolve([]),
  ]);
  const documentLinks = Object.fromEntries(
    docs
      .filter((d) => d.status === "extracted" || d.status === "failed")
      .map((d) => [d.externalId, `/documents/${d.id}`]),
  );
  const mismatches = checks.filter(
    (c) => crossCheckVerdict(c.similarityScore, passMark) === "mismatch",
  ).length;
  const params_ =
    application.flowParams && Object.keys(application.flowParams).length
      ? JSON.stringify(maskDeep(application.flowParams))
      : null;

  return (
    <>
      <PageHeader
        title={application.applicationNumber}
        description={
          <>
            {application.productType} · started by {application.createdByName} on{" "}
            {serverFormatter().dateTime(application.createdAt)}
            {params_ ? (
              <>
                {" "}
                · flow_params <code className="text-xs">{params_}</code>
              </>
            ) : null}{" "}
            ·{" "}
            <Link href="/applications" className="underline">
              All applications
            </Link>
          </>
        }
      />
      <ApplicationLive
        applicationId={applicationId}
        initial={toApplicationProgress(application)}
        canManage={canManage}
        belowPassMark={mismatches}
      />

      {canManage && application.flowUuid ? (
        <section aria-labelledby="upload-heading" className="mt-8">
          <h2 id="upload-heading" className="mb-3 text-lg font-semibold">
            Add documents
          </h2>
          <UploadForm
            applicationId={applicationId}
            maxRows={MAX_APPLICATION_UPLOAD_ROWS}
            allowHttp={getEnv().demoMode}
            existingDocumentIds={docs.map((d) => d.externalId)}
            specimenCases={specimens}
            s3={s3FormConfig()}
            s3Actions={{ lookUp: lookUpS3Action, listPage: listS3PageAction }}
          />
        </section>
      ) : null}

      <section aria-labelledby="documents-heading" className="mt-8">
        <h2 id="documents-heading" className="mb-3 text-lg font-semibold">
          Documents
        </h2>
        {docs.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No documents yet.</p>
        ) : (
          <Table>
            <TableCaption>Documents of this application</TableCaption>
            <THead>
              <tr>
                <Th>Document id</Th>
                <Th>Type</Th>
                <Th numeric>Fields</Th>
                <Th>Lowest confidence</Th>
                <Th numeric>Need review</Th>
                <Th>Problems</Th>
                <Th>Review</Th>
              </tr>
            </THead>
            <TBody>
              {docs.map((d) => (
                <tr key={d.id} data-testid="application-document-row">
                  <Td className="font-mono text-xs">
                    {documentLinks[d.externalId] ? (
                      <Link
                        href={documentLinks[d.externalId]!}
                        className="text-indigo-700 hover:underline dark:text-indigo-300"
                      >
                        {maskAadhaarInText(d.externalId)}
                      </Link>
                    ) : (
                      d.externalId
                    )}
                  </Td>
                  <Td className="text-xs">
                    {d.documentType ? (
                      <DocumentTypeName type={d.documentType} />
                    ) : d.status === "submitted" ? (
                      "waiting…"
                    ) : d.status === "not_submitted" ? (
                      "not sent"
                    ) : (
                      "—"
                    )}
                  </Td>
                  <Td numeric>{d.fieldCount}</Td>
                  <Td>
                    <ConfidenceBadge value={d.minConfidence} threshold={thresholds.global} />
                  </Td>
                  <Td numeric>{needsReview(d) ? d.needsReviewCount : ""}</Td>
                  <Td className="text-xs text-red-700 dark:text-red-300">
                    {d.errorCode
                      ? `${d.errorCode}${d.errorMessage ? `: ${d.errorMessage}` : ""}`
                      : d.submitError && d.status === "not_submitted"
                        ? "Not sent (see the status above)"
                        : ""}
                  </Td>
                  <Td className="text-xs">{REVIEW_STATUS_LABEL[d.reviewStatus]}</Td>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
      </section>

      <section aria-labelledby="cross-checks-heading" className="mt-8">
        <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 id="cross-checks-heading" className="text-lg font-semibold">
              Cross-checks
            </h2>
            <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="cross-check-summary">
              {checks.length === 0
                ? "None yet: Atlas compares documents once they are all processed."
                : `${checks.length} comparison${checks.length === 1 ? "" : "s"}, ${mismatches} mismatch${mismatches === 1 ? "" : "es"} below the pass mark of ${passMark}.`}
            </p>
          </div>
          {can(user.role, "settings:manage") ? <PassMarkForm passMark={passMark} /> : null}
        </div>
        {checks.length > 0 ? (
          <CrossChecksTable rows={checks} passMark={passMark} documentLinks={documentLinks} />
        ) : null}
      </section>
    </>
  );
}
