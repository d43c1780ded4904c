import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createBatch } from "@/lib/batches/create";
import { getBatchSummary } from "@/lib/batches/queries";
import { createTestUser } from "@/test/batch-pipeline";
import { SYSTEM_ACTOR } from "@/lib/db/queries/audit";
import { listBatchDocuments } from "@/lib/documents/queries";
import { queryRows, testDrivers, useTestDatabase } from "../test-utils";
import { atlasUploads, batches, documents } from "@/lib/db/schema";

/**
 * Free text from Atlas and from people (error messages, sync errors, labels, reject reasons) is
 * shown on pages that render it as stored: the column masks every Aadhaar number or VID in it
 * when written and when read, whatever wrote it (raw SQL like the sync's bulk upsert included).
 */
describe.each(testDrivers)("masked text columns on %s", (driver) => {
  const t = useTestDatabase(driver);
  // Other separators than one plain space: the classes of the masking function.
  const AADHAAR = "2345\u00a06789\u20130124";
  const VID = "9123 4567 8901 2345";

  it("masks Atlas errors, sync errors, labels and reasons on the way in and out", async () => {
    const userId = await createTestUser(t.db);
    const { batchId } = await createBatch(
      t.db,
      {
        clientKey: crypto.randomUUID(),
        label: `Ravi ${AADHAAR}`,
        productType: "POC_CDL",
        rows: [
          { documentId: "d1", fileUrl: "https://s3.example/a.jpg" },
          { documentId: "d2", fileUrl: "https://s3.example/b.jpg" },
        ],
        chunkSize: 10,
        createdBy: userId,
      },
      SYSTEM_ACTOR,
    );
    await t.db
      .update(batches)
      .set({ lastSyncError: `Atlas said: ${VID} unknown` })
      .where(eq(batches.id, batchId));
    await t.db
      .update(atlasUploads)
      .set({ errorMessage: `rejected ${AADHAAR}` })
      .where(eq(atlasUploads.batchId, batchId));
    await t.db
      .update(documents)
      .set({ submitError: `bad file for ${AADHAAR}`, rejectReason: `wrong number ${AADHAAR}` })
      .where(eq(documents.externalId, "d1"));
    // The sync writes results with raw SQL, past the column's mapping.
    await t.db.execute(
      sql`update documents set error_code = 'INVALID_DOC', error_message = ${`Aadhaar ${AADHAAR} not readable`} where batch_id = ${batchId} and document_id = 'd2'`,
    );

    const summary = await getBatchSummary(t.db, batchId);
    expect(summary?.label).toBe("Ravi XXXX XXXX 0124");
    expect(summary?.lastSyncError).toBe("Atlas said: XXXX XXXX XXXX 2345 unknown");
    expect(summary?.chunks[0]?.errorMessage).toBe("rejected XXXX XXXX 0124");
    const { rows } = await listBatchDocuments(t.db, batchId, {
      sort: "document_id",
      seek: { dir: "first" },
      pageSize: 10,
    });
    expect(rows.map((r) => [r.submitError, r.errorMessage])).toEqual([
      ["bad file for XXXX XXXX 0124", null],
      [null, "Aadhaar XXXX XXXX 0124 not readable"],
    ]);
    const [d1] = await t.db.select().from(documents).where(eq(documents.externalId, "d1"));
    expect(d1?.rejectReason).toBe("wrong number XXXX XXXX 0124");

    // What the database holds for the values written through Drizzle: masked already.
    const stored = await queryRows<{ label: string; last_sync_error: string; submit_error: string }>(
      t.db,
      sql`select b.label, b.last_sync_error, d.submit_error from batches b join documents d on d.batch_id = b.id where b.id = ${batchId} and d.document_id = 'd1'`,
    );
    expect(stored).toEqual([
      {
        label: "Ravi XXXX XXXX 0124",
        last_sync_error: "Atlas said: XXXX XXXX XXXX 2345 unknown",
        submit_error: "bad file for XXXX XXXX 0124",
      },
    ]);
  });
});
