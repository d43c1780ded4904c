/**
 * Sign late, end to end: a batch of `s3://` rows is recorded as such, each chunk is signed when it
 * is sent (a retry after the first links expired sends fresh ones), the simulator downloads every
 * file through the signed links from a real S3-compatible server (s3rver), and an object that
 * cannot be downloaded comes back as a failed document with the download error.
 */
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAtlasClient } from "@/lib/atlas/client";
import { documents } from "@/lib/db/schema";
import { testDrivers, useTestDatabase } from "@/lib/db/test-utils";
import { DEMO_ATLAS_CLIENT_ID, DEMO_ATLAS_CLIENT_SECRET, resetEnvForTests } from "@/lib/env";
import { createTestUser, newBatch, SimUnderTest, syncUntilDone } from "@/test/batch-pipeline";
import { startLocalS3, type LocalS3 } from "@/test/s3-server";
import { requeueFailedChunks, submitPendingChunks } from "./submit";

let s3: LocalS3;
let sim: SimUnderTest;
const saved = { ...process.env };

beforeAll(async () => {
  s3 = await startLocalS3(["kyc"]);
  await s3.put("kyc", "in/pan-1.jpg", "pan scan", "image/jpeg");
  await s3.put("kyc", "in/aadhaar-2.jpg", "aadhaar scan", "image/jpeg");
  Object.assign(process.env, s3.env, { S3_ALLOWED_BUCKETS: "kyc/in/", S3_SIGN_EXPIRY_SECONDS: "2" });
  resetEnvForTests();
  sim = await SimUnderTest.start({ downloads: true });
});

afterAll(async () => {
  await sim?.close();
  await s3?.close();
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  resetEnvForTests();
});

/** A client that keeps the file URLs of every upload it sends. */
function recordingClient(uploads: string[][]) {
  return createAtlasClient({
    baseUrl: sim.baseUrl,
    clientId: DEMO_ATLAS_CLIENT_ID,
    clientSecret: DEMO_ATLAS_CLIENT_SECRET,
    timeoutMs: 5_000,
    maxRetries: 0,
    fetch: (input, init) => {
      if (String(input).endsWith("/multiupload") && typeof init?.body === "string")
        uploads.push(
          (JSON.parse(init.body) as { file_urls: { file_url: string }[] }).file_urls.map((f) => f.file_url),
        );
      return fetch(input, init);
    },
  });
}

describe.each(testDrivers)("s3:// rows are signed when sent (%s)", (driver) => {
  const t = useTestDatabase(driver);

  it("signs per attempt, never stores a signed link, and the simulator downloads every file", async () => {
    sim.sim.reset(); // each driver's run counts its own downloads
    const userId = await createTestUser(t.db);
    const rows = [
      { documentId: "pan-1", fileUrl: "s3://kyc/in/pan-1.jpg" },
      { documentId: "aadhaar-2", fileUrl: "s3://kyc/in/aadhaar-2.jpg" },
      { documentId: "gone-3", fileUrl: "s3://kyc/in/gone-3.jpg" },
    ];
    const batchId = await newBatch(t.db, userId, rows, 50);
    const uploads: string[][] = [];
    const atlas = recordingClient(uploads);

    // First attempt: Atlas refuses the chunk (nothing processed); the chunk waits for a retry.
    sim.sim.addFault({ kind: "status", status: 429, endpoint: "/v1/bulk/multiupload", count: 1 });
    expect(await submitPendingChunks(t.db, atlas, batchId)).toMatchObject({ submitted: 0, failed: 1 });
    const first = uploads[0]!;
    expect(first.every((u) => u.startsWith(`${s3.endpoint}/kyc/in/`) && u.includes("X-Amz-Signature="))).toBe(
      true,
    );
    // The first links lapse before the person retries.
    await new Promise((r) => setTimeout(r, 3_000));
    expect((await fetch(first[0]!)).status).toBe(403);

    expect(await requeueFailedChunks(t.db, batchId)).toBe(1);
    expect(await submitPendingChunks(t.db, atlas, batchId)).toMatchObject({ submitted: 1, failed: 0 });
    const second = uploads[1]!;
    expect(second).toHaveLength(3);
    second.forEach((url, i) => expect(url).not.toBe(first[i]));

    // What is stored stays the readable location.
    const stored = await t.db
      .select({ fileUrl: documents.fileUrl })
      .from(documents)
      .where(eq(documents.batchId, batchId))
      .orderBy(asc(documents.externalId));
    expect(stored.map((d) => d.fileUrl)).toEqual([
      "s3://kyc/in/aadhaar-2.jpg",
      "s3://kyc/in/gone-3.jpg",
      "s3://kyc/in/pan-1.jpg",
    ]);

    await sim.sim.downloadsIdle();
    const downloads = sim.sim
      .downloads()
      .filter((d) => ["pan-1", "aadhaar-2", "gone-3"].includes(d.documentId));
    expect(downloads.map((d) => [d.documentId, d.status])).toEqual([
      ["pan-1", 200],
      ["aadhaar-2", 200],
      ["gone-3", 404],
    ]);

    await syncUntilDone(t.db, atlas, batchId);
    const [gone] = await t.db
      .select()
      .from(documents)
      .where(and(eq(documents.batchId, batchId), eq(documents.externalId, "gone-3")));
    expect(gone).toMatchObject({ status: "failed", errorCode: "DOWNLOAD_FAILED" });
    expect(gone!.errorMessage).toMatch(/^File could not be downloaded: HTTP 404 \(NoSuchKey/);
    const [pan] = await t.db
      .select()
      .from(documents)
      .where(and(eq(documents.batchId, batchId), eq(documents.externalId, "pan-1")));
    expect(pan!.status).not.toBe("failed");
  });

  it("a chunk whose rows cannot be signed is not sent, and says why", async () => {
    const userId = await createTestUser(t.db);
    const batchId = await newBatch(
      t.db,
      userId,
      [{ documentId: "x-1", fileUrl: "s3://kyc/secret/x-1.jpg" }],
      50,
    );
    const uploads: string[][] = [];
    expect(await submitPendingChunks(t.db, recordingClient(uploads), batchId)).toMatchObject({ failed: 1 });
    expect(uploads).toEqual([]);
    const [doc] = await t.db.select().from(documents).where(eq(documents.batchId, batchId));
    expect(doc!.submitError).toMatch(
      /^Not sent to Atlas: the S3 links could not be signed\. s3:\/\/kyc\/secret\/x-1\.jpg is not in a bucket or folder this server may read\. S3_ALLOWED_BUCKETS allows: kyc\/in\./,
    );
  });
});
