/**
 * Application uploads sign `s3://` rows when they are sent, as batches do: Atlas (the simulator,
 * downloading) gets working links, the stored file URL stays the readable location.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documents } from "@/lib/db/schema";
import { testDrivers, useTestDatabase } from "@/lib/db/test-utils";
import { resetEnvForTests } from "@/lib/env";
import { ApplicationHarness, createTestUser } from "@/test/application-harness";
import { startLocalS3, type LocalS3 } from "@/test/s3-server";

let s3: LocalS3;
const saved = { ...process.env };

beforeAll(async () => {
  s3 = await startLocalS3(["loans"]);
  await s3.put("loans", "app-7/pan.jpg", "pan", "image/jpeg");
  Object.assign(process.env, s3.env, { S3_ALLOWED_BUCKETS: "loans" });
  resetEnvForTests();
});

afterAll(async () => {
  await s3?.close();
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  resetEnvForTests();
});

describe.each(testDrivers)("application uploads from S3 (%s)", (driver) => {
  const t = useTestDatabase(driver);
  const h = new ApplicationHarness(() => t.db);

  beforeAll(() => h.start());
  afterAll(() => h.close());

  it("sends a freshly signed link that the simulator downloads; stores s3://", async () => {
    h.sim.simulator.setDownloads(true);
    const userId = await createTestUser(t.db);
    const applicationId = await h.startedApplication(userId, "APP-S3-7");
    const { outcome } = await h.upload(applicationId, [
      { documentId: "s3-pan", fileUrl: "s3://loans/app-7/pan.jpg" },
    ]);
    expect(outcome).toMatchObject({ sent: true, documents: 1 });
    await h.sim.simulator.downloadsIdle();
    const [download] = h.sim.simulator.downloads().filter((d) => d.documentId === "s3-pan");
    expect(download).toMatchObject({ url: `${s3.endpoint}/loans/app-7/pan.jpg`, status: 200, ok: true });
    expect(download!.signedAt).toMatch(/^\d{8}T\d{6}Z$/);
    const [doc] = await t.db.select().from(documents).where(eq(documents.applicationId, applicationId));
    expect(doc!.fileUrl).toBe("s3://loans/app-7/pan.jpg");
  });
});
