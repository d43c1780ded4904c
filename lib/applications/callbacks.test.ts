/**
 * The callback handshake end to end: the simulator calls our auth endpoint during the upload and
 * posts the results to our callback endpoint with the token it obtained. Refused callbacks store
 * nothing; a replayed callback changes nothing.
 */
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditEvents,
  crossChecks,
  documents,
  fields,
  applicationCallbacks,
  applications,
} from "@/lib/db/schema";
import { testDrivers, useTestDatabase } from "@/lib/db/test-utils";
import { answerAuthRequest, answerCallback } from "./callbacks";
import { CALLBACK_TOKEN_TTL_MS } from "./secrets";
import { CDL_1042, createTestUser, ApplicationHarness, THRESHOLDS } from "@/test/application-harness";

describe.each(testDrivers)("application callbacks (%s)", (driver) => {
  const t = useTestDatabase(driver);
  const h = new ApplicationHarness(() => t.db);
  let userId: string;

  beforeAll(async () => {
    await h.start();
    userId = await createTestUser(t.db);
  });
  afterAll(() => h.close());

  /** Everything a callback could have written for this flow. */
  async function footprint(applicationId: string) {
    const n = async (q: Promise<{ n: number }[]>) => Number((await q)[0]!.n);
    const [application] = await t.db.select().from(applications).where(eq(applications.id, applicationId));
    return {
      callbacks: await n(
        t.db
          .select({ n: count() })
          .from(applicationCallbacks)
          .where(eq(applicationCallbacks.applicationId, applicationId)),
      ),
      crossChecks: await n(
        t.db.select({ n: count() }).from(crossChecks).where(eq(crossChecks.applicationId, applicationId)),
      ),
      fields: await n(
        t.db
          .select({ n: count() })
          .from(fields)
          .innerJoin(documents, eq(documents.id, fields.documentId))
          .where(eq(documents.applicationId, applicationId)),
      ),
      audits: await n(
        t.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.targetId, applicationId)),
      ),
      documents: (
        await t.db
          .select({ id: documents.id, status: documents.status, updatedAt: documents.updatedAt })
          .from(documents)
          .where(eq(documents.applicationId, applicationId))
          .orderBy(documents.externalId)
      ).map((d) => `${d.id}:${d.status}:${d.updatedAt.toISOString()}`),
      callbackReceivedAt: application!.callbackReceivedAt,
      masterStatus: application!.masterStatus,
    };
  }

  const post = (applicationId: string, headers: Record<string, string>, body: unknown) =>
    answerCallback(t.db, {
      applicationId,
      headers: new Headers(headers),
      bodyText: JSON.stringify(body),
      signer: h.signer,
      thresholds: async () => THRESHOLDS,
    });

  it("delivers the results by callback, with exactly one dealer_address mismatch for case 1042", async () => {
    const applicationId = await h.startedApplication(userId, "APP-1042-roundtrip");
    const { outcome } = await h.upload(applicationId, h.sampleRows(CDL_1042, "rt"));
    expect(outcome).toEqual({ sent: true, documents: 4 });
    await h.callbackStored(applicationId);

    const docs = await t.db.select().from(documents).where(eq(documents.applicationId, applicationId));
    expect(docs.map((d) => [d.status, d.documentType]).sort()).toEqual([
      ["extracted", "AADHAAR"],
      ["extracted", "DELIVERY_ORDER"],
      ["extracted", "INVOICE"],
      ["extracted", "PAN"],
    ]);
    expect(docs.every((d) => d.fieldCount > 0)).toBe(true);
    const checks = await t.db.select().from(crossChecks).where(eq(crossChecks.applicationId, applicationId));
    expect(checks.length).toBeGreaterThan(1);
    const below = checks.filter((c) => (c.similarityScore ?? 0) < 80);
    expect(below.map((c) => c.fieldName)).toEqual(["dealer_address"]);
    const [application] = await t.db.select().from(applications).where(eq(applications.id, applicationId));
    expect(application).toMatchObject({ masterStatus: "SUCCESS", crossheckStatus: "COMPLETED" });
    expect(h.callbackStatuses.at(-1)).toBe(200);
  });

  it("refuses a callback without a token, with a wrong or expired token, or with another flow's token, and stores nothing", async () => {
    const applicationA = await h.startedApplication(userId, "APP-A");
    const applicationB = await h.startedApplication(userId, "APP-B");
    h.failCallbacks = 1; // keep the simulator's own callback away: flow A waits for one
    const { outcome } = await h.upload(applicationA, h.sampleRows(CDL_1042, "a"));
    expect(outcome.sent).toBe(true);
    await h.refusedCallbacksAttempted();
    const [{ flowUuid }] = (await t.db
      .select({ flowUuid: applications.flowUuid })
      .from(applications)
      .where(eq(applications.id, applicationA))) as [{ flowUuid: string }];
    const payload = await h.atlas.flow.extracts(flowUuid);
    const before = await footprint(applicationA);
    expect(before.callbacks).toBe(0);

    const tokenB = (
      await answerAuthRequest(t.db, {
        applicationId: applicationB,
        key: h.secretOf(applicationB),
        signer: h.signer,
      })
    ).body.access_token as string;
    const validA = h.signer.issue(applicationA).accessToken;
    const expiredA = h.signer.issue(applicationA, Date.now() - CALLBACK_TOKEN_TTL_MS - 1).accessToken;
    const forged = `${validA.slice(0, -4)}AAAA`;
    const attempts: Record<string, string>[] = [
      {},
      { authorization: "Bearer not-a-token" },
      { token: "not-a-token" },
      { authorization: `Bearer ${tokenB}` },
      { token: tokenB },
      { authorization: `Bearer ${expiredA}` },
      { authorization: `Bearer ${forged}` },
      { authorization: `Basic ${validA}` },
    ];
    for (const headers of attempts) {
      const answer = await post(applicationA, headers, payload.raw);
      expect(answer.status, JSON.stringify(headers)).toBe(401);
    }
    expect(await footprint(applicationA)).toEqual(before);

    // The same payload with A's own token is taken.
    expect((await post(applicationA, { token: validA }, payload.raw)).status).toBe(200);
    expect((await footprint(applicationA)).callbacks).toBe(1);
  });

  it("issues a token only to a caller presenting the application's own secret", async () => {
    const applicationA = await h.startedApplication(userId, "APP-auth-A");
    const applicationB = await h.startedApplication(userId, "APP-auth-B");
    const ask = (applicationId: string, key: string | null) =>
      answerAuthRequest(t.db, { applicationId, key, signer: h.signer });
    expect((await ask(applicationA, null)).status).toBe(401);
    expect((await ask(applicationA, "guess")).status).toBe(401);
    expect((await ask(applicationA, h.secretOf(applicationB))).status).toBe(401);
    expect((await ask("not-a-uuid", h.secretOf(applicationA))).status).toBe(401);
    const granted = await ask(applicationA, h.secretOf(applicationA));
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ token_type: "Bearer", expires_in: 600 });
    const token = granted.body.access_token as string;
    expect(h.signer.verify(token, applicationA)).toBe(true);
    expect(h.signer.verify(token, applicationB)).toBe(false);
    // The secret itself is never stored.
    const [row] = await t.db
      .select({ hash: applications.authSecretHash })
      .from(applications)
      .where(eq(applications.id, applicationA));
    expect(row!.hash).not.toContain(h.secretOf(applicationA));
  });

  it("treats a replayed callback as a no-op, even with its keys reordered", async () => {
    const applicationId = await h.startedApplication(userId, "APP-replay");
    await h.upload(applicationId, h.sampleRows(CDL_1042, "replay"));
    await h.callbackStored(applicationId);
    const [stored] = await t.db
      .select()
      .from(applicationCallbacks)
      .where(eq(applicationCallbacks.applicationId, applicationId));
    const before = await footprint(applicationId);
    expect(before.callbacks).toBe(1);

    const token = h.signer.issue(applicationId).accessToken;
    const replay = await post(applicationId, { authorization: `Bearer ${token}` }, stored!.payload);
    expect(replay).toEqual({ status: 200, body: { received: true, duplicate: true } });
    const reordered = Object.fromEntries(Object.entries(stored!.payload as object).reverse());
    expect((await post(applicationId, { token }, reordered)).body).toMatchObject({ duplicate: true });
    expect(await footprint(applicationId)).toEqual(before);
  });

  it("refuses bodies that are not CallbackData, and callbacks naming another Atlas flow", async () => {
    const applicationId = await h.startedApplication(userId, "APP-bad-body");
    const token = h.signer.issue(applicationId).accessToken;
    const before = await footprint(applicationId);
    const notJson = await answerCallback(t.db, {
      applicationId,
      headers: new Headers({ token }),
      bodyText: "{not json",
      signer: h.signer,
      thresholds: async () => THRESHOLDS,
    });
    expect(notJson.status).toBe(400);
    expect((await post(applicationId, { token }, { ocr_data: "nope" })).status).toBe(400);
    const other = await post(
      applicationId,
      { token },
      { flow_uuid: "someone-else", ocr_data: [], cross_checks: [] },
    );
    expect(other.status).toBe(409);
    expect(await footprint(applicationId)).toEqual(before);
  });
});
