import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { UserError } from "@/lib/errors";
import { actorOf } from "@/lib/auth/actor";
import type { CurrentUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { batches } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { withoutControlCharacters } from "@/lib/text/control";
import { createBatch } from "./create";
import { validRows } from "./input";
import { extensionsSchema } from "./input/extensions";
import { summariseSkipped, type SkippedSummary } from "./input/skipped";
import { maxBatchTextBytes } from "./limits";
import { parseBatchInputWithS3 } from "./s3-input";
import { getBatchEngine } from "./service";

export const batchMetaSchema = z.object({
  clientKey: z.string().uuid("The form is out of date; reload the page."),
  label: z
    .string()
    // One line, without control characters (PostgreSQL refuses NUL): a pasted tab or line break is a space.
    .transform((v) => withoutControlCharacters(v.replace(/[\t\n\r]+/g, " ")).trim())
    .pipe(z.string().max(120, "Keep the label under 120 characters."))
    .transform((v) => v || null),
  productType: z.string().trim().min(1, "Choose a product type."),
  /** The include filter for `s3://` folder rows ("jpg,png,pdf"); the configured one when absent. */
  extensions: extensionsSchema(),
});

export type RecordedBatch = {
  batchId: string;
  /** false: this client key was recorded before (a reload and a second submit) — nothing new. */
  created: boolean;
  rows: number;
  recordedAt: string;
  label: string | null;
  skipped: SkippedSummary;
};

/**
 * Records a batch from the pasted text and starts sending it to Atlas in the background. The
 * text is parsed again here with the current time (the browser's preview is a convenience,
 * never trusted): a link that lapsed since the preview is skipped AND reported.
 */
export async function recordBatchFromText(
  meta: z.output<typeof batchMetaSchema>,
  text: string,
  user: CurrentUser,
): Promise<RecordedBatch> {
  const env = getEnv();
  if (!env.ATLAS_PRODUCT_TYPES.includes(meta.productType)) {
    throw new UserError(
      "invalid_input",
      `Unknown product type "${meta.productType}". Choose one from the list.`,
    );
  }
  if (text.length > maxBatchTextBytes(env.BATCH_MAX_ROWS)) {
    throw new UserError("invalid_input", "The list is over the size limit. Split it into several batches.");
  }
  const parsed = await parseBatchInputWithS3(text, {
    maxRows: env.BATCH_MAX_ROWS,
    allowHttp: env.allowHttpFileUrls,
    now: new Date(),
    extensions: meta.extensions,
  });
  const rows = validRows(parsed.rows).slice(0, env.BATCH_MAX_ROWS);
  if (rows.length === 0) {
    const skipped = summariseSkipped(parsed.rows);
    throw new UserError(
      "invalid_input",
      `There are no valid rows to submit${skipped.count ? ` (${skipped.text})` : ""}. Fix the rows marked in the preview.`,
    );
  }
  const db = await getDb();
  const { batchId, created } = await createBatch(
    db,
    {
      clientKey: meta.clientKey,
      label: meta.label,
      productType: meta.productType,
      rows: rows.map((r) => ({ documentId: r.documentId, fileUrl: r.fileUrl })),
      chunkSize: env.BATCH_CHUNK_SIZE,
      createdBy: user.id,
      skipped: parsed.rows.length - rows.length,
    },
    await actorOf(user),
  );
  if (created) {
    getBatchEngine()
      .run(batchId)
      .catch((error) => logger.warn("batch.first_run_failed", { batchId, error }));
  }
  const [batch] = await db
    .select({ documentCount: batches.documentCount, createdAt: batches.createdAt, label: batches.label })
    .from(batches)
    .where(eq(batches.id, batchId));
  return {
    batchId,
    created,
    rows: created ? rows.length : (batch?.documentCount ?? rows.length),
    recordedAt: (batch?.createdAt ?? new Date()).toISOString(),
    label: batch?.label ?? meta.label,
    skipped: created ? summariseSkipped(parsed.rows) : { count: 0, text: "", rows: [] },
  };
}
