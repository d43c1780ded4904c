"use server";

import { ActionError, defineAction } from "@/lib/actions";
import { actorOf } from "@/lib/auth/actor";
import { createBatch } from "@/lib/batches/create";
import { parseBatchInput, validRows } from "@/lib/batches/input";
import { getBatchEngine } from "@/lib/batches/service";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { createBatchSchema } from "./schemas";

/**
 * Records the batch and all its valid rows, then starts sending them to Atlas in the background
 * (the batch page follows progress). The text is parsed again here: the browser's preview is a
 * convenience, never trusted.
 */
export const createBatchAction = defineAction(
  {
    name: "batches.create",
    guard: { kind: "permission", permission: "batches:create" },
    input: createBatchSchema,
  },
  async (input, { user }) => {
    const env = getEnv();
    if (!env.ATLAS_PRODUCT_TYPES.includes(input.productType)) {
      throw new ActionError(
        "invalid_input",
        `Unknown product type "${input.productType}". Choose one from the list.`,
      );
    }
    const parsed = parseBatchInput(input.text, {
      maxRows: env.BATCH_MAX_ROWS,
      allowHttp: env.allowHttpFileUrls,
      now: new Date(),
    });
    const rows = validRows(parsed.rows).slice(0, env.BATCH_MAX_ROWS);
    if (rows.length === 0) {
      throw new ActionError(
        "invalid_input",
        "There are no valid rows to submit. Fix the rows marked in the preview.",
      );
    }
    const { batchId, created } = await createBatch(
      await getDb(),
      {
        clientKey: input.clientKey,
        label: input.label,
        productType: input.productType,
        rows: rows.map((r) => ({ documentId: r.documentId, fileUrl: r.fileUrl })),
        chunkSize: env.BATCH_CHUNK_SIZE,
        createdBy: user.id,
      },
      await actorOf(user),
    );
    if (created) {
      getBatchEngine()
        .run(batchId)
        .catch((error) => logger.warn("batch.first_run_failed", { batchId, error }));
    }
    return { batchId, rows: rows.length, skipped: parsed.rows.length - rows.length };
  },
);
