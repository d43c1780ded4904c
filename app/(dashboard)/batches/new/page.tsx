import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { listSimulatorSpecimens } from "@/lib/atlas/specimens";
import { requirePageUser } from "@/lib/auth/current-user";
import { maxBatchTextBytes } from "@/lib/batches/limits";
import { getEnv } from "@/lib/env";
import { NewBatchForm } from "./new-batch-form";
import { listS3PageAction, lookUpS3Action } from "./s3-actions";
import { s3FormConfig } from "./s3-config";

export const metadata: Metadata = { title: "New batch" };

export default async function NewBatchPage() {
  await requirePageUser("batches:create");
  const env = getEnv();
  const specimens = env.allowHttpFileUrls ? await listSimulatorSpecimens() : [];
  return (
    <>
      <PageHeader
        title="New batch"
        description={
          <>
            Paste pre-signed URLs (one per line){env.s3.enabled ? ", s3:// locations" : ""} or{" "}
            <code>document_id,file_url</code> rows, or drop a .csv/.txt file. Each row is checked before
            anything is sent.{" "}
            <Link className="underline" href="/batches">
              All batches
            </Link>
          </>
        }
      />
      <NewBatchForm
        productTypes={env.ATLAS_PRODUCT_TYPES}
        defaultProductType={env.defaultProductType}
        maxRows={env.BATCH_MAX_ROWS}
        maxBytes={maxBatchTextBytes(env.BATCH_MAX_ROWS)}
        chunkSize={env.BATCH_CHUNK_SIZE}
        allowHttp={env.allowHttpFileUrls}
        specimens={specimens.map((s) => ({ name: s.name, fileUrl: s.fileUrl }))}
        s3={s3FormConfig()}
        s3Actions={{ lookUp: lookUpS3Action, listPage: listS3PageAction }}
      />
    </>
  );
}
