import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { loadMatchSettings, matchedWithOther } from "./match-settings-store";
import type { SecondReaderProgress } from "./types";

/**
 * How far the second reader is with one batch's extracted documents: read, failed (the file
 * could not be read), queued, and not yet queued (extracted moments ago; start-up sweeps up any
 * left behind); and of those read, how many are being matched again because an admin changed the
 * thresholds (Admin → Settings) since. Null with SECOND_READER=off.
 */
export async function secondReaderProgress(db: Db, batchId: string): Promise<SecondReaderProgress | null> {
  if (getEnv().SECOND_READER === "off") return null;
  const rechecking = matchedWithOther(await loadMatchSettings(db), sql`s.matched_with`);
  const result = await db.execute(sql`
    select count(*) filter (where s.status = 'done')::int as done,
           count(*) filter (where s.status = 'failed')::int as failed,
           count(*) filter (where s.status = 'queued' or s.document_id is null)::int as queued,
           count(*) filter (where s.status = 'done' and ${rechecking})::int as rechecking,
           count(*) filter (where s.status = 'done' and exists (
             select 1 from fields f where f.document_id = d.id and f.second_reader->>'flagged' = 'true'
           ))::int as flagged_documents
    from documents d
    left join second_reads s on s.document_id = d.id
    where d.batch_id = ${batchId} and d.status = 'extracted'`);
  const row = (result as unknown as { rows: Array<Record<string, number>> }).rows[0];
  return {
    done: row?.done ?? 0,
    failed: row?.failed ?? 0,
    queued: row?.queued ?? 0,
    rechecking: row?.rechecking ?? 0,
    flaggedDocuments: row?.flagged_documents ?? 0,
  };
}
