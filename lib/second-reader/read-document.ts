import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { documents, fields, secondReads } from "@/lib/db/schema";
import { recomputeNeedsReview } from "@/lib/documents/thresholds-store";
import type { Env } from "@/lib/env";
import type { OcrEngine } from "./engine";
import { fetchScan } from "./fetch-scan";
import { matchFields, pageConfidence, type MatchSettings } from "./match";
import { rasterise, UnreadableFileError } from "./rasterise";
import { envMatchSettings, toMatchSettings } from "./match-settings";
import type { OcrLine, OcrPage } from "./types";

export type ReaderSettings = {
  maxPages: number;
  match: MatchSettings;
  /**
   * The thresholds in force once the read is stored: when an admin saved others during its OCR
   * (their re-check takes only finished reads, so it may have run before), it is matched again.
   */
  inForce?: () => Promise<MatchSettings>;
};

export function readerSettings(env: Env): ReaderSettings {
  return {
    maxPages: env.SECOND_READER_MAX_PAGES,
    match: toMatchSettings(envMatchSettings(env)),
  };
}

export type ReadOutcome = { status: "done" | "failed" | "gone" | "skipped"; pages: number; ocrMs: number };

type Fetcher = typeof fetchScan;

/**
 * One OCR job: fetch the document's scan, read every page, keep the words and lines, then match
 * each field to the page and recount what needs review. A problem with the file itself
 * (expired link, not an image) ends as "failed" with the reason; anything else throws, so the
 * queue retries it.
 */
export async function readDocument(
  db: Db,
  documentId: string,
  engine: OcrEngine,
  settings: ReaderSettings,
  fetcher: Fetcher = fetchScan,
): Promise<ReadOutcome> {
  const [doc] = await db
    .select({ fileUrl: documents.fileUrl, status: documents.status })
    .from(documents)
    .where(eq(documents.id, documentId));
  if (!doc || doc.status !== "extracted") {
    await db.delete(secondReads).where(eq(secondReads.documentId, documentId));
    return { status: "gone", pages: 0, ocrMs: 0 };
  }
  // Read already (done, or failed for good): a second job for it, queued by another instance's
  // start-up sweep while this one was reading, must not read it again. pg-boss's stately policy
  // runs at most one job per document at a time, so the check cannot race another reader.
  const [read] = await db
    .select({ status: secondReads.status })
    .from(secondReads)
    .where(eq(secondReads.documentId, documentId));
  if (read && read.status !== "queued") return { status: "skipped", pages: 0, ocrMs: 0 };
  await db
    .update(secondReads)
    .set({ attempts: sql`${secondReads.attempts} + 1`, updatedAt: new Date() })
    .where(eq(secondReads.documentId, documentId));
  const started = performance.now();
  let pages: OcrPage[];
  try {
    const scan = await fetcher(doc.fileUrl, documentId);
    const images = await rasterise(scan.bytes, scan.mediaType, settings.maxPages);
    pages = [];
    for (const image of images) pages.push(await engine.read(image));
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    await db
      .update(secondReads)
      .set({ status: "failed", error: error.message, updatedAt: new Date() })
      .where(eq(secondReads.documentId, documentId));
    return { status: "failed", pages: 0, ocrMs: Math.round(performance.now() - started) };
  }
  const ocrMs = Math.round(performance.now() - started);
  await storeReading(db, documentId, pages, ocrMs, settings.match);
  // Read after it is stored: a save from now on finds this read among those to check again.
  const inForce = await settings.inForce?.();
  if (inForce && JSON.stringify(inForce) !== JSON.stringify(settings.match))
    await rematchDocument(db, documentId, inForce);
  return { status: "done", pages: pages.length, ocrMs };
}

/** Keeps the page text and each field's evidence, and recounts the document's fields needing review. */
export async function storeReading(
  db: Db,
  documentId: string,
  pages: OcrPage[],
  ocrMs: number,
  settings: MatchSettings,
): Promise<void> {
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx.insert(secondReads).values({ documentId, status: "done" }).onConflictDoNothing();
    await tx
      .update(secondReads)
      .set({
        status: "done",
        pages,
        pageCount: pages.length,
        wordCount: pages.reduce((n, p) => n + p.lines.reduce((m, l) => m + l.words.length, 0), 0),
        meanConfidence: pageConfidence(pages),
        ocrMs,
        error: null,
        readAt: now,
        updatedAt: now,
      })
      .where(eq(secondReads.documentId, documentId));
    await storeEvidence(tx, documentId, pages, settings);
  });
}

/**
 * Matches a document read before against `settings` again, from the words it kept (no OCR):
 * after an admin changes the thresholds. With `remask`, its stored lines are masked again first
 * (reads stored by a version that masked fewer Aadhaar misreads). False when the document has
 * no finished read.
 */
export async function rematchDocument(
  db: Db,
  documentId: string,
  settings: MatchSettings,
  remask?: (line: OcrLine) => OcrLine,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ pages: secondReads.pages })
      .from(secondReads)
      .where(and(eq(secondReads.documentId, documentId), eq(secondReads.status, "done")))
      .for("update");
    if (!row || !Array.isArray(row.pages)) return false;
    let pages = row.pages as OcrPage[];
    if (remask) {
      const masked = pages.map((p) => ({ ...p, lines: p.lines.map(remask) }));
      if (JSON.stringify(masked) !== JSON.stringify(pages)) {
        pages = masked;
        await tx
          .update(secondReads)
          .set({ pages, updatedAt: new Date() })
          .where(eq(secondReads.documentId, documentId));
      }
    }
    await storeEvidence(tx, documentId, pages, settings);
    return true;
  });
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

async function storeEvidence(tx: Tx, documentId: string, pages: OcrPage[], settings: MatchSettings) {
  const rows = await tx
    .select({ id: fields.id, path: fields.path, value: fields.value })
    .from(fields)
    .where(eq(fields.documentId, documentId));
  const [doc] = await tx
    .select({ documentType: documents.documentType })
    .from(documents)
    .where(eq(documents.id, documentId));
  const evidence = matchFields(rows, pages, settings, doc?.documentType);
  await tx.update(secondReads).set({ matchedWith: settings }).where(eq(secondReads.documentId, documentId));
  if (rows.length > 0)
    await tx.execute(sql`
      update fields f set second_reader = v.evidence::jsonb
      from unnest(${sql.param(rows.map((r) => r.id))}::uuid[],
                  ${sql.param(rows.map((r) => JSON.stringify(evidence.get(r.path))))}::text[]) as v(id, evidence)
      where f.id = v.id`);
  await recomputeNeedsReview(tx, documentId);
}
