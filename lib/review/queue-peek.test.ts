import { describe, expect, it } from "vitest";
import { testDrivers, useTestDatabase } from "@/lib/db/test-utils";
import { releaseLock } from "./locks";
import { claimNextDocument, peekNextDocument } from "./queue";
import { LOCK_MS, PAN_FIELDS, seedBatch, seedDocument, seedReviewer } from "./test-support";

describe.each(testDrivers)("peeking at the next queue document on %s", (driver) => {
  const t = useTestDatabase(driver);

  it("names the document that next then claims: after the current one, free, wrapping round", async () => {
    const [ravi, asha] = await Promise.all([
      seedReviewer(t.db, "Peek Ravi"),
      seedReviewer(t.db, "Peek Asha"),
    ]);
    const batchId = await seedBatch(t.db, ravi.id, "peek batch");
    const base = Date.now() - 3_600_000;
    const ids: string[] = [];
    for (let i = 0; i < 4; i++)
      ids.push(await seedDocument(t.db, batchId, `peek-${i}`, "PAN", PAN_FIELDS, new Date(base + i * 1000)));
    const filter = { batchId };
    const next = async (current: string) => {
      await releaseLock(t.db, current, ravi.id);
      return (
        (await claimNextDocument(t.db, ravi.id, filter, LOCK_MS, { after: current, exclude: current })) ??
        (await claimNextDocument(t.db, ravi.id, filter, LOCK_MS, { exclude: current }))
      );
    };

    expect(await claimNextDocument(t.db, ravi.id, filter, LOCK_MS)).toBe(ids[0]);
    // Asha holds the second one: the peek skips it, as the claim does.
    expect(await claimNextDocument(t.db, asha.id, filter, LOCK_MS)).toBe(ids[1]);
    const peeked = await peekNextDocument(t.db, ravi.id, filter, ids[0]!);
    expect(peeked).toBe(ids[2]);
    // Peeking claims nothing: Asha could still take it, and no lock was written.
    expect(await peekNextDocument(t.db, asha.id, filter, ids[1]!)).toBe(ids[2]);
    expect(await next(ids[0]!)).toBe(peeked);

    // From the last document the queue wraps round to the oldest free one, never the current one.
    await releaseLock(t.db, ids[2]!, ravi.id);
    expect(await peekNextDocument(t.db, ravi.id, filter, ids[3]!)).toBe(ids[0]);
    expect(await next(ids[3]!)).toBe(ids[0]);
    expect(await peekNextDocument(t.db, ravi.id, { batchId, type: "AADHAAR" }, ids[0]!)).toBeNull();
  });
});
