import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { getSample, listBatchesForSampling, listSamples } from "@/lib/qa/samples";
import { NewSampleForm, type SampleDefaults } from "./new-sample-form";
import { isUuid } from "@/lib/ids";

export const metadata: Metadata = { title: "QA" };

export default async function QaPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageUser("qa:use");
  const { reproduce } = await searchParams;
  const db = await getDb();
  const [samples, batchRows, source] = await Promise.all([
    listSamples(db),
    listBatchesForSampling(db),
    isUuid(reproduce) ? getSample(db, reproduce) : Promise.resolve(null),
  ]);
  const defaults: SampleDefaults = source
    ? { ...source.params, seed: source.seed, name: source.name ? `${source.name} (again)` : undefined }
    : {};
  const batches = batchRows.map((b) => ({
    id: b.id,
    label: `${b.label ?? "Untitled batch"} · ${b.extracted} extracted · ${b.createdAt.toISOString().slice(0, 10)}`,
  }));

  return (
    <>
      <PageHeader
        title="QA"
        description="Spot-check Atlas's extractions on a random sample, then see how far its confidence can be trusted."
        actions={
          <Link
            href="/qa/metrics"
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            Accuracy and calibration
          </Link>
        }
      />
      {source ? (
        <p role="status" className="mb-3 text-sm text-slate-600 dark:text-slate-400">
          The form holds the seed and choices of sample {source.name ?? source.seed}: drawing it again over
          the same documents gives the same sample.
        </p>
      ) : null}
      <NewSampleForm key={source?.id ?? "new"} batches={batches} defaults={defaults} />

      <section aria-labelledby="samples-heading" className="mt-8">
        <h2 id="samples-heading" className="text-lg font-semibold">
          Samples
        </h2>
        <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Samples</caption>
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-800/60 dark:text-slate-400">
              <tr>
                <th scope="col" className="px-4 py-2">
                  Sample
                </th>
                <th scope="col" className="px-4 py-2">
                  Seed
                </th>
                <th scope="col" className="px-4 py-2">
                  Drawn from
                </th>
                <th scope="col" className="px-4 py-2 text-right">
                  Checked
                </th>
                <th scope="col" className="px-4 py-2">
                  Created
                </th>
                <th scope="col" className="px-4 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {samples.map((s) => (
                <tr key={s.id} data-testid="sample-row">
                  <td className="px-4 py-2">
                    <Link
                      href={`/qa/samples/${s.id}`}
                      className="text-indigo-700 hover:underline dark:text-indigo-300"
                    >
                      {s.name ?? `Sample of ${s.items}`}
                    </Link>
                    <span className="block text-xs text-slate-500">
                      {s.params.sizeKind === "percent"
                        ? `${s.params.sizeValue}%`
                        : `N = ${s.params.sizeValue}`}
                      {s.params.stratify ? " · stratified" : ""}
                      {s.params.skippedReviewOnly ? " · skipped review only" : ""}
                      {s.params.blind ? " · blind" : ""}
                    </span>
                  </td>
                  <td className="px-4 py-2 font-mono text-xs">{s.seed}</td>
                  <td className="px-4 py-2 text-xs">
                    {s.items} of {s.params.populationSize}{" "}
                    {s.batchLabel ? `in ${s.batchLabel}` : "in all batches"}
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">
                    {s.completed}/{s.items}
                  </td>
                  <td className="px-4 py-2 text-xs">
                    {s.createdByName} · {s.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC
                  </td>
                  <td className="px-4 py-2 text-xs">
                    <Link href={`/qa?reproduce=${s.id}`} className="underline">
                      Reproduce
                    </Link>
                  </td>
                </tr>
              ))}
              {samples.length === 0 ? (
                <tr>
                  <td colSpan={6} className="px-4 py-8 text-center text-slate-500">
                    No samples yet. Draw one above.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
