/**
 * The second reader's thresholds as an admin sets them: validated, audited, taken over the
 * environment's defaults, and applied to documents read before — matched again from the words
 * kept, with no OCR — so a stricter or looser setting changes what needs review at once.
 */
import os from "node:os";
import { and, eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { setSetting } from "@/lib/db/queries/settings";
import { auditEvents, documents, fields, secondReads, settings } from "@/lib/db/schema";
import { queryRows, testDrivers, useTestDatabase } from "@/lib/db/test-utils";
import { parseEnv } from "@/lib/env";
import { seedBatch, seedDocument, seedReviewer } from "@/lib/review/test-support";
import type { OcrEngine } from "./engine";
import { DEFAULT_MATCH_SETTINGS } from "./match";
import { matchSettingsSchema, toMatchSettings, type MatchSettingsInput } from "./match-settings";
import {
  loadMatchSettings,
  loadMatchSettingsInput,
  MATCH_SETTING,
  rematchAll,
  rematchStale,
  saveMatchSettings,
  staleReadIds,
} from "./match-settings-store";
import { secondReaderProgress } from "./progress";
import { REMATCH_QUEUE, startSecondReader, stopSecondReader } from "./queue";
import { readDocument, storeReading } from "./read-document";
import type { OcrPage } from "./types";

/** A card OCR read with 80 % confidence: the PAN number printed is ABCPK1234D. */
const PAGE: OcrPage = {
  page: 1,
  width: 800,
  height: 400,
  lines: [
    {
      text: "PAN ABCPK1234D",
      conf: 80,
      page: 1,
      x: 20,
      y: 40,
      w: 200,
      h: 20,
      words: [
        { text: "PAN", conf: 80, page: 1, x: 20, y: 40, w: 40, h: 20 },
        { text: "ABCPK1234D", conf: 80, page: 1, x: 70, y: 40, w: 150, h: 20 },
      ],
    },
  ],
};

const env = parseEnv({ NODE_ENV: "test" });
const DEFAULT_INPUT: MatchSettingsInput = {
  foundPercent: 90,
  nearPercent: 60,
  minOcrConfidence: 50,
  flagMissing: true,
};

describe("second-reader thresholds (schema)", () => {
  it("refuses out-of-range values and a 'near' similarity above the 'found' one, naming the field", () => {
    const ok = { foundPercent: 90, nearPercent: 60, minOcrConfidence: 50, flagMissing: true };
    expect(matchSettingsSchema.safeParse(ok).success).toBe(true);
    const near = matchSettingsSchema.safeParse({ ...ok, nearPercent: 95 });
    expect(near.success).toBe(false);
    expect(near.error!.issues[0]).toMatchObject({ path: ["nearPercent"] });
    expect(matchSettingsSchema.safeParse({ ...ok, minOcrConfidence: 101 }).success).toBe(false);
    expect(matchSettingsSchema.safeParse({ ...ok, foundPercent: 49 }).success).toBe(false);
    expect(matchSettingsSchema.safeParse({ ...ok, foundPercent: 90.5 }).success).toBe(false);
  });

  it("turns percentages into the matcher's shares", () => {
    expect(
      toMatchSettings({ foundPercent: 90, nearPercent: 60, minOcrConfidence: 50, flagMissing: true }),
    ).toEqual(DEFAULT_MATCH_SETTINGS);
  });
});

describe.each(testDrivers)("second-reader thresholds on %s", (driver) => {
  const t = useTestDatabase(driver);

  async function seedRead() {
    const user = await seedReviewer(t.db, "Asha");
    const batchId = await seedBatch(t.db, user.id);
    const docId = await seedDocument(t.db, batchId, "pan-thresholds", "PAN", {
      // Atlas is sure, and wrong: two digits swapped.
      pan_number: { value: "ABCPK1243D", confidence_score: 0.97 },
    });
    await storeReading(t.db, docId, [PAGE], 1000, DEFAULT_MATCH_SETTINGS);
    return { user, batchId, docId };
  }
  const flagged = async (docId: string) => {
    const [row] = await t.db
      .select({ evidence: fields.secondReader })
      .from(fields)
      .where(and(eq(fields.documentId, docId), eq(fields.path, "pan_number")));
    return (row!.evidence as { flagged: boolean }).flagged;
  };
  /** Saves `input` as the admin's thresholds and matches every read (earlier tests' too) with them. */
  async function inForce(input: MatchSettingsInput) {
    const admin = await seedReviewer(t.db, "Admin");
    await setSetting(t.db, MATCH_SETTING, input, { actorUserId: admin.id });
    await rematchStale(t.db, env);
  }
  const needsReview = async (docId: string) =>
    (await t.db.select().from(documents).where(eq(documents.id, docId)))[0]!.needsReviewCount;

  it("uses the environment's thresholds until an admin saves others, and again when the saved value no longer fits", async () => {
    expect(await loadMatchSettingsInput(t.db, env)).toEqual({
      source: "environment",
      value: { foundPercent: 90, nearPercent: 60, minOcrConfidence: 50, flagMissing: true },
    });
    const user = await seedReviewer(t.db, "Admin");
    await setSetting(t.db, MATCH_SETTING, { foundPercent: "lots" }, { actorUserId: user.id });
    expect((await loadMatchSettingsInput(t.db, env)).source).toBe("environment");
  });

  it("a saved setting is audited and applies to documents read before, matched again from the kept words", async () => {
    const { user, docId } = await seedRead();
    expect(await flagged(docId)).toBe(true);
    expect(await needsReview(docId)).toBe(1);

    // Stricter: OCR must be 90 % sure of the differing words before a field is sent to review.
    const saved = await saveMatchSettings(
      t.db,
      { foundPercent: 90, nearPercent: 60, minOcrConfidence: 90, flagMissing: true },
      { actorUserId: user.id },
    );
    expect(saved.rechecking).toBe(1);
    await expect.poll(() => flagged(docId), { timeout: 10_000 }).toBe(false);
    expect(await needsReview(docId)).toBe(0);
    expect((await loadMatchSettingsInput(t.db, env)).source).toBe("settings");
    const audits = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "setting.update"));
    expect(audits.length).toBeGreaterThanOrEqual(1);

    // Back to the default, by the re-check itself: flagged again.
    expect(
      await rematchAll(t.db, [docId], async () => ({ ...DEFAULT_MATCH_SETTINGS, minOcrConfidence: 50 })),
    ).toBe(1);
    expect(await flagged(docId)).toBe(true);
    expect(await needsReview(docId)).toBe(1);
  });

  it("a batch's progress counts the reads matched with other thresholds until they are matched again", async () => {
    await inForce(DEFAULT_INPUT);
    const { user, batchId, docId } = await seedRead();
    const progress = () => secondReaderProgress(t.db, batchId);
    expect(await progress()).toMatchObject({ done: 1, rechecking: 0, flaggedDocuments: 1 });
    const looser = { foundPercent: 90, nearPercent: 60, minOcrConfidence: 95, flagMissing: true };
    // Saved directly (no re-check started): the read is now matched with other thresholds.
    await setSetting(t.db, MATCH_SETTING, looser, { actorUserId: user.id });
    expect(await progress()).toMatchObject({ done: 1, rechecking: 1, flaggedDocuments: 1 });
    expect(await staleReadIds(t.db, toMatchSettings(looser))).toContain(docId);
    // A read stored with the old thresholds while the admin saved (its job had loaded them
    // before) is found too: the re-check goes on until none is left.
    const late = await seedDocument(t.db, batchId, "pan-late", "PAN", {
      pan_number: { value: "ABCPK1243D", confidence_score: 0.97 },
    });
    await storeReading(t.db, late, [PAGE], 1000, DEFAULT_MATCH_SETTINGS);
    expect(await progress()).toMatchObject({ done: 2, rechecking: 2 });
    // (Reads from earlier tests in this database are matched again too.)
    expect(await rematchStale(t.db, env)).toBeGreaterThanOrEqual(2);
    expect(await progress()).toMatchObject({ done: 2, rechecking: 0, flaggedDocuments: 0 });
    expect(await rematchStale(t.db, env)).toBe(0);
    // Saving what is already in force re-checks nothing.
    expect((await saveMatchSettings(t.db, looser, { actorUserId: user.id })).rechecking).toBe(0);
  });

  it("a read whose OCR outlasts an admin's save and its re-check is matched with the new thresholds", async () => {
    await inForce(DEFAULT_INPUT);
    const user = await seedReviewer(t.db, "Asha");
    const batchId = await seedBatch(t.db, user.id);
    const docId = await seedDocument(t.db, batchId, "pan-slow", "PAN", {
      pan_number: { value: "ABCPK1243D", confidence_score: 0.97 },
    });
    const looser = { foundPercent: 90, nearPercent: 60, minOcrConfidence: 95, flagMissing: true };
    // While the page is being read, the admin saves and the re-check runs to its end (no read
    // of this document finished yet, so none to match again).
    const engine = {
      read: async () => {
        await setSetting(t.db, MATCH_SETTING, looser, { actorUserId: user.id });
        await rematchStale(t.db, env);
        return PAGE;
      },
    } as unknown as OcrEngine;
    const scan = await sharp({ create: { width: 40, height: 20, channels: 3, background: "#fff" } })
      .png()
      .toBuffer();
    const settings = {
      maxPages: 1,
      match: DEFAULT_MATCH_SETTINGS,
      inForce: () => loadMatchSettings(t.db, env),
    };
    expect(
      await readDocument(t.db, docId, engine, settings, async () => ({
        bytes: scan,
        mediaType: "image/png",
      })),
    ).toMatchObject({ status: "done" });
    // Not left "being checked again" (the batch page would poll until the next save or restart).
    expect(await staleReadIds(t.db, toMatchSettings(looser))).not.toContain(docId);
    expect(await secondReaderProgress(t.db, batchId)).toMatchObject({
      done: 1,
      rechecking: 0,
      flaggedDocuments: 0,
    });
  });

  it("reads matched before the thresholds were recorded are matched again at start", async () => {
    await inForce(DEFAULT_INPUT);
    const { docId } = await seedRead();
    await t.db.update(secondReads).set({ matchedWith: null }).where(eq(secondReads.documentId, docId));
    expect(await staleReadIds(t.db, DEFAULT_MATCH_SETTINGS)).toContain(docId);
    await startSecondReader(t.db, parseEnv({ NODE_ENV: "test", SECOND_READER: "on", DATA_DIR: os.tmpdir() }));
    try {
      await expect.poll(() => staleReadIds(t.db, DEFAULT_MATCH_SETTINGS), { timeout: 20_000 }).toEqual([]);
    } finally {
      await stopSecondReader({ timeoutMs: 1_000 });
    }
  });

  it("with the second reader running, the re-check is a queue job that survives the instance", async () => {
    const { user, docId } = await seedRead();
    expect(await flagged(docId)).toBe(true);
    const running = await startSecondReader(
      t.db,
      parseEnv({ NODE_ENV: "test", SECOND_READER: "on", DATA_DIR: os.tmpdir() }),
    );
    expect(running).toBeDefined();
    try {
      await saveMatchSettings(
        t.db,
        { foundPercent: 90, nearPercent: 60, minOcrConfidence: 95, flagMissing: true },
        { actorUserId: user.id },
      );
      const jobs = await queryRows<{ n: number }>(
        t.db,
        sql`select count(*)::int as n from pgboss.job where name = ${REMATCH_QUEUE}`,
      );
      expect(jobs[0]!.n).toBeGreaterThanOrEqual(1);
      await expect.poll(() => flagged(docId), { timeout: 20_000 }).toBe(false);
    } finally {
      await stopSecondReader({ timeoutMs: 1_000 });
    }
  });

  it("at start, reads stored before OCR misreads of Aadhaar numbers were masked are masked once", async () => {
    const { docId } = await seedRead();
    // As an older version stored it: "O" read for "0", so the number escaped the masking.
    const leaked = "Aadhaar 2345 6789 O123";
    const words = ["Aadhaar", "2345", "6789", "O123"].map((text, i) => ({
      text,
      conf: 85,
      page: 1,
      x: 20 + i * 80,
      y: 100,
      w: 70,
      h: 20,
    }));
    const line = { text: leaked, conf: 85, words, page: 1, x: 20, y: 100, w: 320, h: 20 };
    await t.db
      .update(secondReads)
      .set({ pages: [{ ...PAGE, lines: [...PAGE.lines, line] }] })
      .where(eq(secondReads.documentId, docId));
    await t.db.delete(settings).where(eq(settings.key, "second_reader.masking"));
    const stored = async () =>
      JSON.stringify(
        (await t.db.select().from(secondReads).where(eq(secondReads.documentId, docId)))[0]!.pages,
      );
    expect(await stored()).toContain("6789");
    await startSecondReader(t.db, parseEnv({ NODE_ENV: "test", SECOND_READER: "on", DATA_DIR: os.tmpdir() }));
    try {
      await expect.poll(stored, { timeout: 20_000 }).not.toContain("6789");
      expect(await stored()).toContain("O123");
      expect(await stored()).toContain("ABCPK1234D");
    } finally {
      await stopSecondReader({ timeoutMs: 1_000 });
    }
  });

  it("refuses an invalid setting without saving it", async () => {
    const user = await seedReviewer(t.db, "Admin2");
    const before = await loadMatchSettingsInput(t.db, env);
    await expect(
      saveMatchSettings(
        t.db,
        { foundPercent: 60, nearPercent: 80, minOcrConfidence: 50, flagMissing: true },
        { actorUserId: user.id },
      ),
    ).rejects.toThrow(/found/);
    expect(await loadMatchSettingsInput(t.db, env)).toEqual(before);
  });
});
