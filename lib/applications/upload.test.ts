/**
 * Uploading to an application: recorded once and sent once; a 422 (Atlas cannot reach our auth
 * URL) is explained in words an admin can act on; polling stores the results when the callback
 * cannot reach us.
 */
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/db/queries/audit";
import { atlasUploads, crossChecks, documents, flows } from "@/lib/db/schema";
import { testDrivers, useTestDatabase } from "@/lib/db/test-utils";
import { FlowPoller } from "./poller";
import { recordFlowUpload, requeueFailedFlowUploads, submitFlowUpload } from "./upload";
import { CDL_1042, createTestUser, FlowHarness, THRESHOLDS } from "@/test/flow-harness";

describe.each(testDrivers)("flow uploads and polling (%s)", (driver) => {
  const t = useTestDatabase(driver);
  const h = new FlowHarness(() => t.db);
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

  const uploadsOf = (flowId: string) =>
    t.db
      .select()
      .from(atlasUploads)
      .where(eq(atlasUploads.flowId, flowId))
      .orderBy(asc(atlasUploads.chunkIndex));
  const docsOf = (flowId: string) =>
    t.db.select().from(documents).where(eq(documents.flowId, flowId)).orderBy(asc(documents.externalId));
  const simReceived = (prefix: string) =>
    h.sim.simulator.documents().filter((d) => d.documentId.startsWith(prefix));

  it("explains a 422 from the simulator's auth_url fault, sends nothing, and a retry goes through once", async () => {
    const flowId = await h.startedApplication(userId, "APP-422-fault");
    h.sim.simulator.addFault({ kind: "auth_url_unreachable" });
    const { uploadId, outcome } = await h.upload(flowId, h.sampleRows(CDL_1042, "f422"));
    expect(outcome.sent).toBe(false);
    const message = outcome.sent ? "" : outcome.message!;
    expect(message).toContain("could not reach this application's auth URL");
    expect(message).toContain(`${h.appBaseUrl}/api/applications/${flowId}/auth`);
    expect(message).toContain("APP_BASE_URL");
    expect(message).toMatch(/firewall/);
    expect(message).not.toContain("key=");
    const [upload] = await uploadsOf(flowId);
    expect(upload).toMatchObject({ status: "failed", errorMessage: message });
    expect(
      (await docsOf(flowId)).every((d) => d.status === "not_submitted" && d.submitError === message),
    ).toBe(true);
    const [flow] = await t.db.select().from(flows).where(eq(flows.id, flowId));
    expect(flow!.lastError).toBe(message);
    expect(simReceived("f422-")).toHaveLength(0);

    // Sending the same upload again without a person's decision does nothing.
    expect(await submitFlowUpload(t.db, h.atlas, uploadId, { appBaseUrl: h.appBaseUrl })).toMatchObject({
      sent: false,
      status: "failed",
    });
    expect(await requeueFailedFlowUploads(t.db, flowId)).toEqual([uploadId]);
    const retried = await submitFlowUpload(t.db, h.atlas, uploadId, { appBaseUrl: h.appBaseUrl });
    expect(retried).toEqual({ sent: true, documents: 4 });
    expect(await submitFlowUpload(t.db, h.atlas, uploadId, { appBaseUrl: h.appBaseUrl })).toMatchObject({
      sent: false,
      status: "already_sent",
    });
    expect(simReceived("f422-")).toHaveLength(4);
    await h.callbackStored(flowId);
  });

  it("explains a 422 when the auth URL really is unreachable (APP_BASE_URL pointing nowhere)", async () => {
    const nowhere = "http://127.0.0.1:9";
    const flowId = await h.startedApplication(userId, "APP-422-real", nowhere);
    const { outcome } = await h.upload(flowId, h.sampleRows(["cdl-1042-pan"], "real422"), nowhere);
    expect(outcome.sent).toBe(false);
    expect(outcome.sent ? "" : outcome.message).toContain(`(now ${nowhere})`);
    expect(simReceived("real422-")).toHaveLength(0);
  });

  it("records an upload once however often the form posts it, and refuses ids already in the application", async () => {
    const flowId = await h.startedApplication(userId, "APP-idempotent");
    const rows = h.sampleRows(["cdl-1042-pan", "cdl-1042-aadhaar"], "idem");
    const uploadId = crypto.randomUUID();
    const first = await recordFlowUpload(t.db, { flowId, uploadId, rows }, SYSTEM_ACTOR);
    const again = await recordFlowUpload(t.db, { flowId, uploadId, rows }, SYSTEM_ACTOR);
    expect(first).toEqual({ uploadId, created: true });
    expect(again).toEqual({ uploadId, created: false });
    expect(await docsOf(flowId)).toHaveLength(2);
    await expect(
      recordFlowUpload(t.db, { flowId, uploadId: crypto.randomUUID(), rows: rows.slice(0, 1) }, SYSTEM_ACTOR),
    ).rejects.toMatchObject({ code: "conflict" });
    const outcomes = await Promise.all(
      [1, 2, 3].map(() => submitFlowUpload(t.db, h.atlas, uploadId, { appBaseUrl: h.appBaseUrl })),
    );
    expect(outcomes.filter((o) => o.sent)).toHaveLength(1);
    expect(simReceived("idem-")).toHaveLength(2);
  });

  it("falls back to polling when the callback cannot reach us", async () => {
    const flowId = await h.startedApplication(userId, "APP-poll");
    h.failCallbacks = 1;
    await h.upload(flowId, h.sampleRows(CDL_1042, "poll"));
    await h.refusedCallbacksAttempted();
    expect(h.callbackStatuses.at(-1)).toBe(503);
    const poller = new FlowPoller({
      db: async () => t.db,
      atlas: () => h.atlas,
      thresholds: async () => THRESHOLDS,
      settings: () => ({ appBaseUrl: h.appBaseUrl, intervalMs: 0, leaseMs: 10_000, callbackGraceMs: 0 }),
    });
    expect(await poller.dueFlows(t.db)).toContain(flowId);
    const result = await poller.run(flowId);
    expect(result).toEqual({ master: "SUCCESS", storedFromPoll: 4 });
    expect((await docsOf(flowId)).every((d) => d.status === "extracted")).toBe(true);
    expect(
      (await t.db.select().from(crossChecks).where(eq(crossChecks.flowId, flowId))).length,
    ).toBeGreaterThan(0);
    const [flow] = await t.db.select().from(flows).where(eq(flows.id, flowId));
    expect(flow).toMatchObject({
      uploadStatus: "SUCCESS",
      processingStatus: "SUCCESS",
      crossheckStatus: "COMPLETED",
      masterStatus: "SUCCESS",
      callbackReceivedAt: null,
    });
    // Finished and complete: nothing left to poll.
    expect(await poller.dueFlows(t.db)).not.toContain(flowId);
  });

  it("gives the callback a grace period before reading extracts", async () => {
    const flowId = await h.startedApplication(userId, "APP-grace");
    h.failCallbacks = 1;
    await h.upload(flowId, h.sampleRows(["cdl-1042-pan"], "grace"));
    await h.refusedCallbacksAttempted();
    const poller = new FlowPoller({
      db: async () => t.db,
      atlas: () => h.atlas,
      thresholds: async () => THRESHOLDS,
      settings: () => ({ appBaseUrl: h.appBaseUrl, intervalMs: 0, leaseMs: 10_000, callbackGraceMs: 60_000 }),
    });
    expect(await poller.run(flowId)).toEqual({ master: "SUCCESS", storedFromPoll: 0 });
    expect(await poller.dueFlows(t.db)).not.toContain(flowId);
    expect((await docsOf(flowId))[0]!.status).toBe("submitted");
  });
});
