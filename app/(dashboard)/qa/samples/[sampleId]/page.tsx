import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableCaption, TBody, Td, Th, THead } from "@/components/ui/table";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { getSample, listSampleItems } from "@/lib/qa/samples";
import { maskAadhaarInText } from "@/lib/masking";
import { isUuid } from "@/lib/ids";
import { DocumentTypeName } from "@/components/documents/document-type-name";

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
            <Button asChild variant="secondary">
              <Link href={`/qa/metrics?sample=${sample.id}`}>Metrics for this sample</Link>
            </Button>
            {firstOpen ? (
              <Button asChild>
                <Link href={`/qa/samples/${sample.id}/items/${firstOpen.id}`}>
                  {sample.completed === 0
                    ? "Start checking"
                    : sample.completed < sample.items
                      ? "Continue checking"
                      : "Look again"}
                </Link>
              </Button>
            ) : null}
          </>
        }
      />
      <p className="mb-3 text-sm" data-testid="sample-progress">
        {sample.completed} of {sample.items} documents checked
      </p>
      <Table>
        <TableCaption>Sampled documents</TableCaption>
        <THead>
          <tr>
            <Th numeric>#</Th>
            <Th>Document id</Th>
            <Th>Type</Th>
            <Th numeric>Fields checked</Th>
            <Th numeric>Incorrect</Th>
            <Th>Status</Th>
          </tr>
        </THead>
        <TBody>
          {items.map((item) => (
            <tr key={item.id} data-testid="sample-item-row">
              <Td numeric>{item.position + 1}</Td>
              <Td className="font-mono text-xs">
                <Link
                  href={`/qa/samples/${sample.id}/items/${item.id}`}
                  className="text-indigo-700 hover:underline dark:text-indigo-300"
                >
                  {maskAadhaarInText(item.externalId)}
                </Link>
              </Td>
              <Td className="text-xs">
                {item.documentType ? <DocumentTypeName type={item.documentType} /> : "—"}
              </Td>
              <Td numeric>
                {item.checked}/{item.fieldCount}
              </Td>
              <Td numeric>{item.incorrect || ""}</Td>
              <Td className="text-xs">
                {item.completedAt ? "Checked" : item.checked ? "In progress" : "To check"}
              </Td>
            </tr>
          ))}
        </TBody>
      </Table>
    </>
  );
}
