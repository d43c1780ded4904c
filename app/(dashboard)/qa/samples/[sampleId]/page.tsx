import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { getSample, listSampleItems } from "@/lib/qa/samples";
import { maskAadhaarInText } from "@/lib/masking";
import { isUuid } from "@/lib/ids";

export const metadata: Metadata = { title: "QA sample" };

export default async function SamplePage({ params }: { params: Promise<{ sampleId: string }> }) {
  await requirePageUser("qa:use");
  const { sampleId } = await params;
  if (!isUuid(sampleId)) notFound();
  const db = await getDb();
  const sample = await getSample(db, sampleId);
  if (!sample) notFound();
  const items = await listSampleItems(db, sampleId);
  const firstOpen = items.find((i) => !i.completedAt) ?? items[0];
  const p = sample.params;

  return (
    <>
      <PageHeader
        title={sample.name ?? `Sample of ${sample.items}`}
        description={
          <>
            Seed{" "}
            <code className="font-mono" data-testid="sample-seed">
              {sample.seed}
            </code>{" "}
            · {p.sizeKind === "percent" ? `${p.sizeValue}%` : `N = ${p.sizeValue}`}: {sample.items} of{" "}
            {p.populationSize} documents{" "}
            {sample.batchLabel ? `in batch ${sample.batchLabel}` : "in all batches"}
            {p.stratify ? " · stratified by type" : ""}
            {p.skippedReviewOnly ? " · only documents that skipped review" : ""}
            {p.blind ? " · blind (confidence hidden)" : ""} ·{" "}
            <Link href="/qa" className="underline">
              All samples
            </Link>
          </>
        }
        actions={
          <>
            <Link
              href={`/qa/metrics?sample=${sample.id}`}
              className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
            >
              Metrics for this sample
            </Link>
            {firstOpen ? (
              <Link
                href={`/qa/samples/${sample.id}/items/${firstOpen.id}`}
                className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500"
              >
                {sample.completed === 0
                  ? "Start checking"
                  : sample.completed < sample.items
                    ? "Continue checking"
                    : "Look again"}
              </Link>
            ) : null}
          </>
        }
      />
      <p className="mb-3 text-sm" data-testid="sample-progress">
        {sample.completed} of {sample.items} documents checked
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="min-w-full text-sm">
          <caption className="sr-only">Sampled documents</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-800/60 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-4 py-2 text-right">
                #
              </th>
              <th scope="col" className="px-4 py-2">
                Document id
              </th>
              <th scope="col" className="px-4 py-2">
                Type
              </th>
              <th scope="col" className="px-4 py-2 text-right">
                Fields checked
              </th>
              <th scope="col" className="px-4 py-2 text-right">
                Incorrect
              </th>
              <th scope="col" className="px-4 py-2">
                Status
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {items.map((item) => (
              <tr key={item.id} data-testid="sample-item-row">
                <td className="px-4 py-2 text-right tabular-nums">{item.position + 1}</td>
                <td className="px-4 py-2 font-mono text-xs">
                  <Link
                    href={`/qa/samples/${sample.id}/items/${item.id}`}
                    className="text-indigo-700 hover:underline dark:text-indigo-300"
                  >
                    {maskAadhaarInText(item.documentId)}
                  </Link>
                </td>
                <td className="px-4 py-2 text-xs">{item.documentType ?? "—"}</td>
                <td className="px-4 py-2 text-right tabular-nums">
                  {item.checked}/{item.fieldCount}
                </td>
                <td className="px-4 py-2 text-right tabular-nums">{item.incorrect || ""}</td>
                <td className="px-4 py-2 text-xs">
                  {item.completedAt ? "Checked" : item.checked ? "In progress" : "To check"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
