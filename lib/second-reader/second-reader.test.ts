/**
 * The second reader end to end on a stored document: a raster scan (a card drawn, slightly
 * rotated and blurred, saved as JPEG) is OCR'd by tesseract, its words kept with boxes and the
 * Aadhaar number masked, each field matched, and a wrong-but-confident value sent to review with
 * the page's reading. Then the pg-boss queue: jobs run, and SECOND_READER=off does nothing.
 */
import os from "node:os";
import path from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { documents, fields, secondReads } from "@/lib/db/schema";
import { testDrivers, useTestDatabase } from "@/lib/db/test-utils";
import { buildThresholdSet } from "@/lib/documents/thresholds";
import { parseEnv } from "@/lib/env";
import { toFieldView } from "@/lib/review/field-view";
import { seedBatch, seedDocument, seedReviewer } from "@/lib/review/test-support";
import { loadDocumentRead } from "./document-read";
import { OcrEngine } from "./engine";
import { enqueueSecondReads, startSecondReader, stopSecondReader } from "./queue";
import { readDocument, readerSettings } from "./read-document";
import type { OcrPage } from "./types";

const PRINTED = [
  ["Name", "RAVI KUMAR"],
  ["Father's Name", "SURESH KUMAR"],
  ["Date of Birth", "16 Jul 1986"],
  ["PAN", "ABCPK1234F"],
  ["Aadhaar", "2345 6789 0127"],
];

async function scanJpeg(): Promise<Buffer> {
  const rows = PRINTED.map(
    ([label, value], i) =>
      `<text x="40" y="${120 + i * 44}" font-size="18" fill="#555">${label}</text>` +
      `<text x="300" y="${120 + i * 44}" font-size="24" font-weight="bold">${value}</text>`,
  ).join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="380" font-family="Arial, Helvetica, sans-serif">
    <rect width="900" height="380" fill="#fbfaf5"/><rect width="900" height="64" fill="#1f4e79"/>
    <text x="40" y="42" font-size="26" fill="#fff">Permanent Account Number Card</text>${rows}</svg>`;
  const png = new Resvg(svg, { font: { loadSystemFonts: true } }).render().asPng();
  return sharp(png).rotate(0.8, { background: "#fbfaf5" }).blur(0.6).jpeg({ quality: 70 }).toBuffer();
}

const DATA_DIR = path.join(os.tmpdir(), "atlas-review-second-reader-test");
const env = (overrides: Record<string, string>) => parseEnv({ NODE_ENV: "test", DATA_DIR, ...overrides });

describe.each(testDrivers)("second reader on %s", (driver) => {
  const t = useTestDatabase(driver);
  const engine = new OcrEngine(["eng"], DATA_DIR);
  afterAll(async () => {
    await stopSecondReader();
    await engine.stop();
  });

  it("reads a raster scan, boxes each value, masks Aadhaar, and flags a value the page prints differently", async () => {
    const user = await seedReviewer(t.db, "Asha");
    const batchId = await seedBatch(t.db, user.id);
    const docId = await seedDocument(t.db, batchId, "pan-scan", "PAN", {
      name: { value: "RAVI KUMAR", confidence_score: 0.96 },
      father_name: { value: "SURESH KUMAR", confidence_score: 0.95 },
      date_of_birth: { value: "16/07/1986", confidence_score: 0.97 },
      // Atlas is sure, and wrong: two digits swapped.
      pan_number: { value: "ABCPK1243F", confidence_score: 0.97 },
    });
    const [before] = await t.db.select().from(documents).where(eq(documents.id, docId));
    expect(before!.needsReviewCount).toBe(0);

    const jpeg = await scanJpeg();
    const outcome = await readDocument(t.db, docId, engine, readerSettings(env({})), async () => ({
      bytes: jpeg,
      mediaType: "image/jpeg",
    }));
    expect(outcome).toMatchObject({ status: "done", pages: 1 });

    const [read] = await t.db.select().from(secondReads).where(eq(secondReads.documentId, docId));
    expect(read).toMatchObject({ status: "done", pageCount: 1 });
    const text = JSON.stringify(read!.pages);
    expect(text).not.toMatch(/2345\s*6789/);
    expect(text).toContain("0127");
    const page = (read!.pages as OcrPage[])[0]!;
    expect(page.width).toBeGreaterThan(800);

    const rows = await t.db.select().from(fields).where(eq(fields.documentId, docId));
    const view = (path: string) =>
      toFieldView(
        "PAN",
        rows.find((r) => r.path === path)!,
        buildThresholdSet([]),
        null,
      );
    const name = view("name");
    expect(name.evidence).toMatchObject({ status: "found", flagged: false });
    const box = name.evidence!.boxes[0]!;
    // Printed at x = 300, y ≈ 120 - 24 on a 900 × 380 card.
    expect(box.x).toBeGreaterThan(250);
    expect(box.x).toBeLessThan(350);
    expect(box.y).toBeGreaterThan(70);
    expect(box.y).toBeLessThan(140);
    expect(view("date_of_birth").evidence?.status).toBe("found");
    const pan = view("pan_number");
    expect(pan.evidence).toMatchObject({ status: "disagrees", reading: "ABCPK1234F", flagged: true });
    expect(pan.reasons).toContain("second_reader");
    expect(pan.needsReview).toBe(true);
    expect(pan.issues.map((i) => i.message)).toContain("page reads ABCPK1234F");

    // What the workspace gets: page sizes and the masked lines and words, for the evidence UI.
    const docRead = await loadDocumentRead(t.db, docId);
    expect(docRead).toMatchObject({ status: "done", error: null });
    expect(docRead!.pages[0]!.lines.length).toBeGreaterThanOrEqual(5);

    const [after] = await t.db.select().from(documents).where(eq(documents.id, docId));
    expect(after!.needsReviewCount).toBe(1);
    expect(after!.validatorFailureCount).toBe(1);
  }, 60_000);

  it("SECOND_READER=off starts nothing and queues nothing", async () => {
    const user = await seedReviewer(t.db, "Off");
    const batchId = await seedBatch(t.db, user.id);
    const docId = await seedDocument(t.db, batchId, "pan-off", "PAN", {
      pan_number: { value: "ABCPK1234F", confidence_score: 0.97 },
    });
    expect(await startSecondReader(t.db, env({ SECOND_READER: "off" }))).toBeUndefined();
    expect(await enqueueSecondReads({ batchId })).toBe(0);
    expect(await t.db.select().from(secondReads).where(eq(secondReads.documentId, docId))).toEqual([]);
  });

  it("queues a batch's extracted documents in pg-boss and a worker reads them", async () => {
    const user = await seedReviewer(t.db, "Queue");
    const batchId = await seedBatch(t.db, user.id);
    const docId = await seedDocument(t.db, batchId, "pan-queued", "PAN", {
      pan_number: { value: "ABCPK1234F", confidence_score: 0.97 },
    });
    // A pre-signed link that expired: the worker records why, without any network.
    await t.db
      .update(documents)
      .set({
        fileUrl: "https://bucket.s3.amazonaws.com/pan.jpg?X-Amz-Date=20200101T000000Z&X-Amz-Expires=60",
      })
      .where(eq(documents.id, docId));
    const running = await startSecondReader(t.db, env({ SECOND_READER: "on" }));
    expect(running).toBeDefined();
    // The start-up sweep queued it already; queueing again adds nothing.
    expect(await enqueueSecondReads({ batchId })).toBe(0);
    let row: typeof secondReads.$inferSelect | undefined;
    for (let i = 0; i < 120 && row?.status !== "failed"; i++) {
      await new Promise((r) => setTimeout(r, 250));
      [row] = await t.db.select().from(secondReads).where(eq(secondReads.documentId, docId));
    }
    expect(row).toMatchObject({ status: "failed" });
    expect(row!.error).toMatch(/expired/i);
  }, 60_000);
});
