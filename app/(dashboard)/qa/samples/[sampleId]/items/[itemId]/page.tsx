import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { getItemForChecking } from "@/lib/qa/verdicts";
import { CheckWorkspace } from "./check-workspace";
import { maskAadhaarInText } from "@/lib/masking";
import { isUuid } from "@/lib/ids";
import { DocumentTypeName } from "@/components/documents/document-type-name";

export const metadata: Metadata = { title: "QA check" };

export default async function CheckItemPage({
  params,
}: {
  params: Promise<{ sampleId: string; itemId: string }>;
}) {
  await requirePageUser("qa:use");
  const { sampleId, itemId } = await params;
  if (!isUuid(sampleId) || !isUuid(itemId)) notFound();
  const item = await getItemForChecking(await getDb(), sampleId, itemId);
  if (!item) notFound();
  return (
    <>
      <PageHeader
        title={`Check ${maskAadhaarInText(item.document.externalId)}`}
        description={
          <>
            Document {item.position + 1} of {item.total} ·{" "}
            {item.document.documentType ? (
              <DocumentTypeName type={item.document.documentType} withCode />
            ) : (
              "unknown type"
            )}
            {item.blind ? " · blind: confidence hidden" : ""} ·{" "}
            <Link href={`/qa/samples/${sampleId}`} className="underline">
              {item.sampleName ?? "Back to the sample"}
            </Link>
          </>
        }
      />
      <CheckWorkspace key={item.itemId} item={item} />
    </>
  );
}
