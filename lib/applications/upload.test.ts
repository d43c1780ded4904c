/**
 * Uploading to an application: recorded once and sent once; a 422 (Atlas cannot reach our auth
 * URL) is explained in words an admin can act on; polling stores the results when the callback
 * cannot reach us.
 */
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/db/queries/audit";
import { atlasUploads, crossChecks, documents, applications } from "@/lib/db/schema";
import { testDrivers, useTestDatabase } from "@/lib/db/test-utils";
import { ApplicationPoller } from "./poller";
import { recordApplicationUpload, requeueFailedApplicationUploads, submitApplicationUpload } from "./upload";
import { CDL_1042, createTestUser, ApplicationHarness, THRESHOLDS } from "@/test/application-harness";

describe.each(testDrivers)("application uploads and polling (%s)", (driver) => {
  const t = useTestDatabase(driver);
  const h = new ApplicationHarness(() => t.db);
  let userId: string;

  beforeAll(async () => {
    await h.start();
    userId = await createTestUser(t.db);
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.sim.simulator.clearFaults();
    h.failCallbacks = 0;
  });

  const uploadsOf = (applicationId: string) =>
    t.db
      .select()
      .from(atlasUploads)
      .where(eq(atlasUploads.applicationId, applicationId))
      .orderBy(asc(atlasUploads.chunkIndex));
  const docsOf = (applicationId: string) =>
    t.db
      .select()
      .from(documents)
      .where(eq(documents.applicationId, applicationId))
      .orderBy(asc(documents.externalId));
  const simReceived = (prefix: string) =>
    h.sim.simulator.documents().filter((d) => d.documentId.startsWith(prefix));

  it("explains a 422 from the simulator's auth_url fault, sends nothing, and a retry goes through once", async () => {
    const applicationId = await h.startedApplication(userId, "APP-422-fault");
    h.sim.simulator.addFault({ kind: "auth_url_unreachable" });
    const { uploadId, outcome } = await h.upload(applicationId, h.sampleRows(CDL_1042, "f422"));
    expect(outcome.sent).toBe(false);
    const message = outcome.sent ? "" : outcome.message!;
    expect(message).toContain("could not reach this application's auth URL");
    expect(message).toContain(`${h.appBaseUrl}/api/applications/${applicationId}/auth`);
    expect(message).toContain("APP_BASE_URL");
    expect(message).toMatch(/firewall/);
    expect(message).not.toContain("key=");
    const [upload] = await uploadsOf(applicationId);
    expect(upload).toMatchObject({ status: "failed", errorMessage: message });
    expect(
      (await docsOf(applicationId)).every((d) => d.status === "not_submitted" && d.submitError === message),
    ).toBe(true);
    const [application] = await t.db.select().from(applications).where(eq(applications.id, applicationId));
    expect(application!.lastError).toBe(message);
    expect(simReceived("f422-")).toHaveLength(0);

    // Sending the same upload again without a person's decision does nothing.
    expect(
      await submitApplicationUpload(t.db, h.atlas, uploadId, { appBaseUrl: h.appBaseUrl }),
    ).toMatchObject({
      sent: false,
      status: "failed",
    });
    expect(await requeueFailedApplicationUploads(t.db, applicationId)).toEqual([uploadId]);
    const retried = await submitApplicationUpload(t.db, h.atlas, uploadId, { appBaseUrl: h.appBaseUrl });
    expect(retried).toEqual({ sent: true, documents: 4 });
    expect(
      await submitApplicationUpload(t.db, h.atlas, uploadId, { appBaseUrl: h.appBaseUrl }),
    ).toMatchObject({
      sent: false,
      status: "already_sent",
    });
    expect(simReceived("f422-")).toHaveLength(4);
    await h.callbackStored(applicationId);
  });

  it("explains a 422 when the auth URL really is unreachable (APP_BASE_URL pointing nowhere)", async () => {
    const nowhere = "http://127.0.0.1:9";
    const applicationId = await h.startedApplication(userId, "APP-422-real", nowhere);
    const { outcome } = await h.upload(applicationId, h.sampleRows(["cdl-1042-pan"], "real422"), nowhere);
    expect(outcome.sent).toBe(false);
    expect(outcome.sent ? "" : outcome.message).toContain(`(now ${nowhere})`);
    expect(simReceived("real422-")).toHaveLength(0);
  });

  it("records an upload once however often the form posts it, and refuses ids already in the application", async () => {
    const applicationId = await h.startedApplication(userId, "APP-idempotent");
    const rows = h.sampleRows(["cdl-1042-pan", "cdl-1042-aadhaar"], "idem");
    const uploadId = crypto.randomUUID();
    const first = await recordApplicationUpload(t.db, { applicationId, uploadId, rows }, SYSTEM_ACTOR);
    const again = await recordApplicationUpload(t.db, { applicationId, uploadId, rows }, SYSTEM_ACTOR);
    expect(first).toEqual({ uploadId, created: true });
    expect(again).toEqual({ uploadId, created: false });
    expect(await docsOf(applicationId)).toHaveLength(2);
    await expect(
      recordApplicationUpload(
        t.db,
        { applicationId, uploadId: crypto.randomUUID(), rows: rows.slice(0, 1) },
        SYSTEM_ACTOR,
      ),
    ).rejects.toMatchObject({ code: "conflict" });
    const outcomes = await Promise.all(
      [1, 2, 3].map(() => submitApplicationUpload(t.db, h.atlas, uploadId, { appBaseUrl: h.appBaseUrl })),
    );
    expect(outcomes.filter((o) => o.sent)).toHaveLength(1);
    expect(simReceived("idem-")).toHaveLength(2);
  });

  it("falls back to polling when the callback cannot reach us", async () => {
    const applicationId = await h.startedApplication(userId, "APP-poll");
    h.failCallbacks = 1;
    await h.upload(applicationId, h.sampleRows(CDL_1042, "poll"));
    await h.refusedCallbacksAttempted();
    expect(h.callbackStatuses.at(-1)).toBe(503);
    const poller = new ApplicationPoller({
      db: async () => t.db,
      atlas: () => h.atlas,
      thresholds: async () => THRESHOLDS,
      settings: () => ({ appBaseUrl: h.appBaseUrl, intervalMs: 0, leaseMs: 10_000, callbackGraceMs: 0 }),
    });
    expect(await poller.dueApplications(t.db)).toContain(applicationId);
    const result = await poller.run(applicationId);
    expect(result).toEqual({ master: "SUCCESS", storedFromPoll: 4 });
    expect((await docsOf(applicationId)).every((d) => d.status === "extracted")).toBe(true);
    expect(
      (await t.db.select().from(crossChecks).where(eq(crossChecks.applicationId, applicationId))).length,
    ).toBeGreaterThan(0);
    const [application] = await t.db.select().from(applications).where(eq(applications.id, applicationId));
    expect(application).toMatchObject({
      uploadStatus: "SUCCESS",
      processingStatus: "SUCCESS",
      crossheckStatus: "COMPLETED",
      masterStatus: "SUCCESS",
      callbackReceivedAt: null,
    });
    // Finished and complete: nothing left to poll.
    expect(await poller.dueApplications(t.db)).not.toContain(applicationId);
  });

  it("gives the callback a grace period before reading extracts", async () => {
    const applicationId = await h.startedApplication(userId, "APP-grace");
    h.failCallbacks = 1;
    await h.upload(applicationId, h.sampleRows(["cdl-1042-pan"], "grace"));
    await h.refusedCallbacksAttempted();
    const poller = new ApplicationPoller({
      db: async () => t.db,
      atlas: () => h.atlas,
      thresholds: async () => THRESHOLDS,
      settings: () => ({ appBaseUrl: h.appBaseUrl, intervalMs: 0, leaseMs: 10_000, callbackGraceMs: 60_000 }),
    });
    expect(await poller.run(applicationId)).toEqual({ master: "SUCCESS", storedFromPoll: 0 });
    expect(await poller.dueApplications(t.db)).not.toContain(applicationId);
    expect((await docsOf(applicationId))[0]!.status).toBe("submitted");
  });
});
