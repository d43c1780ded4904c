import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConfidenceBadge } from "@/components/documents/confidence-badge";
import { FieldValue, humanise } from "@/components/documents/field-value";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import type { StoredValidation } from "@/lib/documents/extract";
import { fieldNeedsReview } from "@/lib/documents/extract";
import { getDocumentWithFields } from "@/lib/documents/queries";
import { thresholdFor } from "@/lib/documents/thresholds";
import { loadThresholds } from "@/lib/documents/thresholds-store";
import { maskFieldValue } from "@/lib/masking";

export const metadata: Metadata = { title: "Document" };

function maskedFileData(documentType: string, fileData: unknown): unknown {
  if (!fileData || typeof fileData !== "object") return fileData;
  return Object.fromEntries(
    Object.entries(fileData as Record<string, unknown>).map(([key, raw]) => {
      if (raw && typeof raw === "object" && !Array.isArray(raw) && "value" in raw) {
        return [
          key,
          { ...(raw as object), value: maskFieldValue(documentType, key, (raw as { value: unknown }).value) },
        ];
      }
      return [key, maskFieldValue(documentType, key, raw)];
    }),
  );
}

export default async function DocumentPage({ params }: { params: Promise<{ documentId: string }> }) {
  await requirePageUser("documents:view");
  const { documentId } = await params;
  const db = await getDb();
  const found = await getDocumentWithFields(db, documentId);
  if (!found) notFound();
  const { doc, fields, batch } = found;
  const thresholds = await loadThresholds(db);
  const type = doc.documentType ?? "UNKNOWN";
  const rows = fields
    .map((f) => {
      const validation = (f.validation ?? { ok: true, failed: [], issues: [] }) as StoredValidation;
      const threshold = thresholdFor(thresholds, doc.documentType, f.path);
      const needsReview = fieldNeedsReview(
        { path: f.path, confidence: f.confidence, validation },
        doc.documentType,
        thresholds,
      );
      return { ...f, validation, threshold, needsReview, shown: maskFieldValue(type, f.path, f.value) };
    })
    // Fields that need review first, then Atlas's order.
    .sort((a, b) => Number(b.needsReview) - Number(a.needsReview) || a.position - b.position);

  return (
    <>
      <PageHeader
        title={`${doc.documentId}`}
        description={
          <>
            {type}
            {batch ? (
              <>
                {" "}
                · in batch{" "}
                <Link href={`/batches/${batch.id}`} className="underline">
                  {batch.label ?? `of ${batch.documentCount}`}
                </Link>
              </>
            ) : null}{" "}
            · review: {doc.reviewStatus.replace("_", " ")}
          </>
        }
      />
      {doc.errorCode ? (
        <p
          role="status"
          className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-200"
        >
          Atlas could not extract this document: <strong>{doc.errorCode}</strong>
          {doc.errorMessage ? ` — ${doc.errorMessage}` : ""}. Check that the file is a readable document of a
          supported type.
        </p>
      ) : null}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="min-w-full text-sm">
          <caption className="sr-only">Extracted fields</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-800/60 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-4 py-2">
                Field
              </th>
              <th scope="col" className="px-4 py-2">
                Value
              </th>
              <th scope="col" className="px-4 py-2">
                Confidence
              </th>
              <th scope="col" className="px-4 py-2">
                Why it needs review
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top dark:divide-slate-800">
            {rows.map((f) => (
              <tr
                key={f.id}
                data-testid={`field-${f.path}`}
                data-needs-review={f.needsReview ? "true" : "false"}
                className={f.needsReview ? "bg-amber-50 dark:bg-amber-950/30" : ""}
              >
                <th scope="row" className="px-4 py-2 text-left font-medium">
                  {humanise(f.path)}
                  <span className="block font-mono text-xs font-normal text-slate-500">{f.path}</span>
                </th>
                <td className="px-4 py-2">
                  <FieldValue value={f.shown} />
                </td>
                <td className="px-4 py-2">
                  <ConfidenceBadge value={f.confidence} threshold={f.threshold} />
                </td>
                <td className="px-4 py-2 text-xs">
                  {f.validation.issues.map((i) => (
                    <span
                      key={`${i.path}-${i.check}`}
                      className={`mb-1 mr-1 inline-block rounded px-1.5 py-0.5 ${i.severity === "error" ? "bg-red-100 text-red-800 dark:bg-red-900/60 dark:text-red-200" : "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300"}`}
                      title={i.check}
                    >
                      {i.message}
                    </span>
                  ))}
                  {f.confidence !== null && f.confidence < f.threshold ? (
                    <span className="inline-block rounded bg-amber-100 px-1.5 py-0.5 text-amber-900 dark:bg-amber-900/60 dark:text-amber-200">
                      Confidence below {f.threshold.toFixed(2)}
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details className="mt-6 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <summary className="cursor-pointer text-sm font-medium">Raw JSON from Atlas (Aadhaar masked)</summary>
        <pre
          className="mt-3 max-h-[32rem] overflow-auto rounded bg-slate-50 p-3 text-xs dark:bg-slate-950"
          data-testid="raw-json"
        >
          {JSON.stringify(maskedFileData(type, doc.fileData), null, 2)}
        </pre>
      </details>
      <p className="mt-4 text-sm">
        <a href={doc.fileUrl} target="_blank" rel="noreferrer noopener" className="underline">
          Open the original file
        </a>
      </p>
    </>
  );
}
