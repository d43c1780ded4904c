import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableCaption, TableEmpty, TBody, Td, Th, THead } from "@/components/ui/table";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { getSample, listBatchesForSampling, listSamples } from "@/lib/qa/samples";
import { NewSampleForm, type SampleDefaults } from "./new-sample-form";
import { isUuid } from "@/lib/ids";
import { serverFormatter } from "@/lib/format/server";

export const metadata: Metadata = { title: "QA" };

export default async function QaPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageUser("qa:use");
  const format = serverFormatter();
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
    label: `${b.label ?? "Untitled batch"} · ${b.extracted} extracted · ${format.date(b.createdAt)}`,
  }));

  return (
    <>
      <PageHeader
        title="QA"
        description="Spot-check Atlas's extractions on a random sample, then see how far its confidence can be trusted."
        actions={
          <Button asChild variant="secondary">
            <Link href="/qa/metrics">Accuracy and calibration</Link>
          </Button>
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
        <Table className="mt-3">
          <TableCaption>Samples</TableCaption>
          <THead>
            <tr>
              <Th>Sample</Th>
              <Th>Seed</Th>
              <Th>Drawn from</Th>
              <Th numeric>Checked</Th>
              <Th>Created</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </THead>
          <TBody>
            {samples.map((s) => (
              <tr key={s.id} data-testid="sample-row">
                <Td>
                  <Link
                    href={`/qa/samples/${s.id}`}
                    className="text-indigo-700 hover:underline dark:text-indigo-300"
                  >
                    {s.name ?? `Sample of ${s.items}`}
                  </Link>
                  <span className="block text-xs text-slate-500">
                    {s.params.sizeKind === "percent" ? `${s.params.sizeValue}%` : `N = ${s.params.sizeValue}`}
                    {s.params.stratify ? " · stratified" : ""}
                    {s.params.skippedReviewOnly ? " · skipped review only" : ""}
                    {s.params.blind ? " · blind" : ""}
                  </span>
                </Td>
                <Td className=" font-mono text-xs">{s.seed}</Td>
                <Td className=" text-xs">
                  {s.items} of {s.params.populationSize}{" "}
                  {s.batchLabel ? `in ${s.batchLabel}` : "in all batches"}
                </Td>
                <Td numeric>
                  {s.completed}/{s.items}
                </Td>
                <Td className=" text-xs">
                  {s.createdByName} · {format.dateTime(s.createdAt)}
                </Td>
                <Td className=" text-xs">
                  <Link href={`/qa?reproduce=${s.id}`} className="underline">
                    Reproduce
                  </Link>
                </Td>
              </tr>
            ))}
            {samples.length === 0 ? (
              <TableEmpty colSpan={6}>No samples yet. Draw one above.</TableEmpty>
            ) : null}
          </TBody>
        </Table>
      </section>
    </>
  );
}
