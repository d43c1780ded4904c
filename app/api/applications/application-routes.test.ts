/**
 * The Flow API behaviours of issue 12 through the REAL route handlers (app/api/applications/[id]/
 * auth and callback, and their aliases under app/api/flows/[id]/), served over HTTP to the simulator in each of its flow profiles: the
 * simulator authenticates at our auth route (GET, POST, credential in the query, a header, a JSON
 * or form body), posts its callbacks to our callback route (full or status-only), and the poller
 * reads whatever status words it uses. Also issue 13 item 3: a body is never read before the
 * token is checked, and a chunked body is capped while it streams.
 */
import fs from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "flow-routes-"));
process.env.DATA_DIR = dataDir;
process.env.AUTH_SECRET = "flow-routes-test-secret-0123456789abcdef0123";
process.env.SYNC_ENABLED = "false";
delete process.env.DATABASE_URL;
delete process.env.ATLAS_BASE_URL;

const { startSimServer } = await import("@/atlas-sim/server");
const { createAtlasClient } = await import("@/lib/atlas/client");
const { closeDb, getDb } = await import("@/lib/db");
const { SYSTEM_ACTOR } = await import("@/lib/db/queries/audit");
const { createUser } = await import("@/lib/db/queries/users");
const { crossChecks, documents, fields, applications } = await import("@/lib/db/schema");
const { loadThresholds } = await import("@/lib/documents/thresholds-store");
const { DEMO_ATLAS_CLIENT_ID, DEMO_ATLAS_CLIENT_SECRET, resetEnvForTests } = await import("@/lib/env");
const { createApplication, startFlow } = await import("@/lib/applications/create");
const { ApplicationPoller, MAX_UNKNOWN_STATUS_POLLS } = await import("@/lib/applications/poller");
const { getCallbackTokenSigner } = await import("@/lib/applications/service");
const { recordApplicationUpload, submitApplicationUpload } = await import("@/lib/applications/upload");
const { MAX_CALLBACK_BYTES } = await import("@/lib/applications/callbacks");
const authRoute = await import("./[id]/auth/route");
const callbackRoute = await import("./[id]/callback/route");
const legacyAuthRoute = await import("../flows/[id]/auth/route");
const legacyCallbackRoute = await import("../flows/[id]/callback/route");

type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;

/**
 * The request body as a Web stream that reads the socket only when pulled, and drains (without
 * keeping) whatever is left when the handler stops reading, as Node's server does for Next.
 */
function bodyOf(req: IncomingMessage): ReadableStream<Uint8Array> {
  let finished = false;
  req.pause();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on("data", (chunk: Buffer) => {
        if (finished) return;
        controller.enqueue(new Uint8Array(chunk));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.on("end", () => {
        if (!finished) controller.close();
        finished = true;
      });
      req.on("error", (e) => {
        if (!finished) controller.error(e);
        finished = true;
      });
    },
    pull() {
      req.resume();
    },
    cancel() {
      finished = true;
      req.resume();
    },
  });
}

/** Node request → Web Request (body streamed, never buffered here) → the real route handler. */
async function serve(req: IncomingMessage, res: ServerResponse, origin: string) {
  const url = new URL(req.url ?? "/", origin);
  const match = url.pathname.match(/^\/api\/(applications|flows)\/([^/]+)\/(auth|callback)$/);
  const legacy = match?.[1] === "flows";
  const route =
    match?.[3] === "auth"
      ? legacy
        ? legacyAuthRoute
        : authRoute
      : legacy
        ? legacyCallbackRoute
        : callbackRoute;
  const handler = match
    ? ((route as Record<string, unknown>)[req.method ?? ""] as Handler | undefined)
    : undefined;
  if (!match || !handler) {
    res.statusCode = match ? 405 : 404;
    res.end();
    return;
  }
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers))
    if (typeof value === "string") headers.set(key, value);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const request = new Request(url, {
    method: req.method,
    headers,
    body: hasBody ? bodyOf(req) : undefined,
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
  const response = await handler(request, { params: Promise.resolve({ id: match[2]! }) });
  res.statusCode = response.status;
  response.headers.forEach((v, k) => res.setHeader(k, v));
  res.end(Buffer.from(await response.arrayBuffer()));
  req.resume();
}

const CDL = [
  "cdl-1042-pan",
  "cdl-1042-aadhaar",
  "cdl-1042-invoice",
  "cdl-1042-delivery-order-dealer-mismatch",
];

describe("application routes against the simulator's flow profiles", () => {
  let app: Server;
  let appBaseUrl = "";
  let sim: Awaited<ReturnType<typeof startSimServer>>;
  let atlas: ReturnType<typeof createAtlasClient>;
  let userId: string;
  const secrets = new Map<string, string>();
  let poller: InstanceType<typeof ApplicationPoller>;

  beforeAll(async () => {
    resetEnvForTests();
    app = createServer((req, res) => {
      serve(req, res, appBaseUrl).catch((e: unknown) => {
        res.statusCode = 500;
        res.end(String(e));
      });
    });
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    appBaseUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    sim = await startSimServer({ latency: "instant", callbackRetryDelaysMs: [], authUrlTimeoutMs: 5_000 });
    const real = createAtlasClient({
      baseUrl: sim.baseUrl,
      clientId: DEMO_ATLAS_CLIENT_ID,
      clientSecret: DEMO_ATLAS_CLIENT_SECRET,
      timeoutMs: 5_000,
      maxRetries: 1,
      retryBaseDelayMs: 1,
      maxRetryDelayMs: 5,
    });
    atlas = {
      ...real,
      flow: {
        ...real.flow,
        init: (input) => {
          const applicationId = input.authUrl.match(/\/api\/applications\/([^/]+)\/auth/)![1]!;
          secrets.set(applicationId, new URL(input.authUrl).searchParams.get("key")!);
          return real.flow.init(input);
        },
      },
    };
    const db = await getDb();
    userId = (
      await createUser(
        db,
        { email: "routes@example.test", name: "Routes", role: "admin", passwordHash: "x" },
        SYSTEM_ACTOR,
      )
    ).id;
    poller = new ApplicationPoller({
      db: getDb,
      atlas: () => atlas,
      thresholds: loadThresholds,
      settings: () => ({ appBaseUrl, intervalMs: 10, leaseMs: 60_000, callbackGraceMs: 0 }),
    });
  }, 60_000);

  afterAll(async () => {
    sim?.simulator.reset();
    await sim?.simulator.idle();
    await sim?.close();
    app?.closeAllConnections();
    await new Promise((resolve) => app?.close(resolve));
    await closeDb();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Creates an application, uploads the CDL set, and waits for the callback(s) to land. */
  async function startedApplication(name: string, profile: string) {
    sim.simulator.setFlowProfile(profile);
    const db = await getDb();
    const { applicationId } = await createApplication(
      db,
      { applicationNumber: name, productType: "POC_CDL", flowParams: {}, createdBy: userId },
      SYSTEM_ACTOR,
    );
    const started = await startFlow(db, atlas, applicationId, { appBaseUrl });
    expect(started.started).toBe(true);
    const rows = CDL.map((file) => ({
      documentId: `${name}-${file}`,
      fileUrl: `${sim.baseUrl}/files/${file}.svg`,
    }));
    const { uploadId } = await recordApplicationUpload(
      db,
      { applicationId, uploadId: crypto.randomUUID(), rows },
      SYSTEM_ACTOR,
    );
    const outcome = await submitApplicationUpload(db, atlas, uploadId, { appBaseUrl });
    expect(outcome, `upload under ${profile}`).toEqual({ sent: true, documents: CDL.length });
    await sim.simulator.idle();
    for (let i = 0; i < 800; i++) {
      const [application] = await db.select().from(applications).where(eq(applications.id, applicationId));
      if (application?.callbackReceivedAt) return { applicationId, application };
      await new Promise((r) => setTimeout(r, 25));
      await sim.simulator.idle();
    }
    throw new Error(`no callback stored for ${name} under ${profile}`);
  }

  async function documentStates(applicationId: string) {
    const db = await getDb();
    const docs = await db.select().from(documents).where(eq(documents.applicationId, applicationId));
    const withFields = await db
      .selectDistinct({ id: fields.documentId })
      .from(fields)
      .innerJoin(documents, eq(documents.id, fields.documentId))
      .where(eq(documents.applicationId, applicationId));
    return {
      docs,
      waiting: docs.filter((d) => d.status === "submitted").length,
      withFields: withFields.length,
    };
  }

  const lastAttempt = (flowUuid: string) =>
    sim.simulator
      .callbackAttempts()
      .filter((a) => a.flowUuid === flowUuid)
      .at(-1);

  it.each([
    ["flow-lowercase", "success"],
    ["flow-completed", "COMPLETED"],
    ["flow-lowercase,flow-completed", "completed"],
    ["flow-done", "DONE"],
  ])(
    "%s: master_status %s is finished; results stored from the callback, polling stops",
    async (profile, word) => {
      const { applicationId, application } = await startedApplication(`APP-${profile}`, profile);
      expect(application.masterStatus).toBe(word);
      expect(lastAttempt(application.flowUuid!)?.status).toBe(200);
      const states = await documentStates(applicationId);
      expect(states.waiting).toBe(0);
      expect(states.withFields).toBe(CDL.length);
      expect(await poller.dueApplications(await getDb())).not.toContain(applicationId);
      const polled = await poller.run(applicationId);
      expect(polled).toMatchObject({ master: word, storedFromPoll: 0 });
    },
  );

  it("status-only callback: answered 2xx, stores nothing itself, and the poller reads the results at once", async () => {
    const { applicationId, application } = await startedApplication(
      "APP-status-only",
      "flow-status-only-callback,flow-lowercase",
    );
    expect(lastAttempt(application.flowUuid!)?.status).toBe(200);
    expect(application.masterStatus).toBe("success");
    expect((await documentStates(applicationId)).waiting).toBe(CDL.length);
    const db = await getDb();
    expect(await poller.dueApplications(db)).toContain(applicationId);
    const polled = await poller.run(applicationId);
    expect(polled).toMatchObject({ master: "success", storedFromPoll: CDL.length });
    const states = await documentStates(applicationId);
    expect(states.waiting).toBe(0);
    expect(states.withFields).toBe(CDL.length);
    expect(await poller.dueApplications(db)).not.toContain(applicationId);
  });

  it.each<[string, (flowUuid: string) => { body: string; type: string }]>([
    ["an empty body", () => ({ body: "", type: "application/json" })],
    [
      "a form-encoded body",
      (uuid) => ({
        body: `flow_uuid=${uuid}&master_status=Success.`,
        type: "application/x-www-form-urlencoded",
      }),
    ],
    [
      "members in other shapes",
      (uuid) => ({
        body: JSON.stringify({
          flow_uuid: uuid,
          master_status: "success",
          flow_params: "n/a",
          product_type: 7,
          ocr_data: {},
        }),
        type: "application/json",
      }),
    ],
    [
      "CallbackData wrapped in data, ocr_data as a map, an entry still processing",
      (uuid) => ({
        body: JSON.stringify({
          data: {
            flow_uuid: uuid,
            master_status: "SUCCESS",
            ocr_data: { "not-ours": { status: "PROCESSING", file_data: { document_type: "PAN" } } },
          },
        }),
        type: "application/json",
      }),
    ],
  ])("a callback with %s is answered 2xx and the poller reads the results", async (name, make) => {
    const { applicationId, application } = await startedApplication(
      `APP-odd-${name.length}`,
      "flow-status-only-callback",
    );
    const { body, type } = make(application.flowUuid!);
    const token = getCallbackTokenSigner().issue(applicationId).accessToken;
    const res = await callbackRoute.POST(
      new Request(`${appBaseUrl}/api/applications/${applicationId}/callback`, {
        method: "POST",
        headers: { "content-type": type, token },
        body,
      }),
      { params: Promise.resolve({ id: applicationId }) },
    );
    expect(res.status, await res.clone().text()).toBe(200);
    const db = await getDb();
    expect(await poller.dueApplications(db)).toContain(applicationId);
    await poller.run(applicationId);
    const states = await documentStates(applicationId);
    expect(states.waiting).toBe(0);
    expect(states.withFields).toBe(CDL.length);
  });

  it("a status answer wrapped in data is read: the poller sees the finished word and stops", async () => {
    const { applicationId } = await startedApplication(
      "APP-status-wrapped",
      "flow-status-wrapped,flow-status-only-callback",
    );
    const polled = await poller.run(applicationId);
    expect(polled).toMatchObject({ master: "SUCCESS", storedFromPoll: CDL.length });
    expect(await poller.dueApplications(await getDb())).not.toContain(applicationId);
  });

  it("answers on the paths Atlas was given before the rename (/api/flows/<id>/auth and /callback)", async () => {
    expect(legacyAuthRoute.GET).toBe(authRoute.GET);
    expect(legacyAuthRoute.POST).toBe(authRoute.POST);
    expect(legacyCallbackRoute.POST).toBe(callbackRoute.POST);
    const { applicationId, application } = await startedApplication(
      "APP-legacy-paths",
      "flow-status-only-callback",
    );
    const key = encodeURIComponent(secrets.get(applicationId)!);
    const auth = await fetch(`${appBaseUrl}/api/flows/${applicationId}/auth?key=${key}`);
    expect(auth.status).toBe(200);
    const { access_token: token } = (await auth.json()) as { access_token: string };
    const res = await fetch(`${appBaseUrl}/api/flows/${applicationId}/callback`, {
      method: "POST",
      headers: { "content-type": "application/json", token },
      body: JSON.stringify({ flow_uuid: application.flowUuid, master_status: "SUCCESS" }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await poller.dueApplications(await getDb())).toContain(applicationId);
    await poller.run(applicationId);
    expect((await documentStates(applicationId)).withFields).toBe(CDL.length);
  });

  it("cross-check items with other keys are stored raw (none dropped) and a 0–1 similarity is read on 0–100", async () => {
    const { applicationId, application } = await startedApplication(
      "APP-xcheck-keys",
      "flow-cross-check-keys,flow-similarity-0-1",
    );
    const sent = (await (
      await fetch(`${sim.baseUrl}/v3/verification/extracts?flow_uuid=${application.flowUuid}`, {
        headers: {
          token: (
            (await (
              await fetch(`${sim.baseUrl}/v3/verification/authtoken`, {
                method: "POST",
                headers: { "client-id": DEMO_ATLAS_CLIENT_ID, "client-secret": DEMO_ATLAS_CLIENT_SECRET },
              })
            ).json()) as { access_token: string }
          ).access_token,
        },
      })
    ).json()) as { cross_checks: { match_score: number }[] };
    expect(sent.cross_checks.length).toBeGreaterThan(0);
    expect(sent.cross_checks.every((c) => c.match_score <= 1)).toBe(true);
    const stored = await (
      await getDb()
    )
      .select()
      .from(crossChecks)
      .where(eq(crossChecks.applicationId, applicationId));
    expect(stored).toHaveLength(sent.cross_checks.length);
    expect(stored.map((c) => c.raw)).toEqual(expect.arrayContaining(sent.cross_checks));
    expect(stored.map((c) => c.similarityScore).sort()).toEqual(
      sent.cross_checks.map((c) => Math.round(c.match_score * 100 * 100) / 100).sort(),
    );
  });

  it("0–1 similarity in the documented shape: the same verdicts as the 0–100 answer", async () => {
    const hundred = await startedApplication("APP-sim-100", "default");
    const one = await startedApplication("APP-sim-1", "flow-similarity-0-1");
    const db = await getDb();
    const scores = async (applicationId: string) =>
      (await db.select().from(crossChecks).where(eq(crossChecks.applicationId, applicationId)))
        .map((c) => `${c.fieldName}:${c.similarityScore! >= 80 ? "pass" : "mismatch"}`)
        .sort();
    const a = await scores(hundred.applicationId);
    expect(a.length).toBeGreaterThan(0);
    expect(a.some((s) => s.endsWith("mismatch"))).toBe(true);
    expect(await scores(one.applicationId)).toEqual(a);
  });

  it.each(["flow-auth-get", "flow-auth-header", "flow-auth-body", "flow-auth-form"])(
    "%s: the auth route hands out a token, the upload passes Atlas's auth check and the callback lands",
    async (profile) => {
      const { applicationId, application } = await startedApplication(`APP-${profile}`, profile);
      expect(lastAttempt(application.flowUuid!)?.status).toBe(200);
      expect((await documentStates(applicationId)).waiting).toBe(0);
    },
  );

  it("an unknown master_status is shown verbatim, polled a bounded number of times, and the stop is visible", async () => {
    const { applicationId, application } = await startedApplication("APP-unknown", "flow-unknown-status");
    expect(application.masterStatus).toBe("AWAITING_MANUAL_QC");
    const db = await getDb();
    const due = async () => {
      await db
        .update(applications)
        .set({ nextPollAt: new Date(Date.now() - 1000) })
        .where(eq(applications.id, applicationId));
      return (await poller.dueApplications(db)).includes(applicationId);
    };
    let polls = 0;
    while (await due()) {
      await poller.run(applicationId);
      polls++;
      expect(polls).toBeLessThanOrEqual(MAX_UNKNOWN_STATUS_POLLS);
      const [row] = await db.select().from(applications).where(eq(applications.id, applicationId));
      expect(row!.lastError).toContain('"AWAITING_MANUAL_QC"');
    }
    expect(polls).toBe(MAX_UNKNOWN_STATUS_POLLS);
    const [row] = await db.select().from(applications).where(eq(applications.id, applicationId));
    expect(row!.lastError).toMatch(/polling has stopped/);
    expect(row!.masterStatus).toBe("AWAITING_MANUAL_QC");
  });

  describe("the auth route directly", () => {
    let applicationId: string;
    let key: string;
    beforeAll(async () => {
      ({ applicationId } = await startedApplication("APP-auth-direct", "default"));
      key = secrets.get(applicationId)!;
    });
    const call = (init: RequestInit & { query?: string }) =>
      fetch(`${appBaseUrl}/api/applications/${applicationId}/auth${init.query ?? ""}`, init);

    it("accepts GET and POST, the secret in the query, a header or the body", async () => {
      const ways: Array<RequestInit & { query?: string }> = [
        { method: "GET", query: `?key=${encodeURIComponent(key)}` },
        { method: "POST", query: `?key=${encodeURIComponent(key)}` },
        { method: "GET", headers: { authorization: `Bearer ${key}` } },
        { method: "POST", headers: { "x-api-key": key } },
        {
          method: "GET",
          headers: { authorization: `Basic ${Buffer.from(`atlas:${key}`).toString("base64")}` },
        },
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ key, flow_uuid: "x" }),
        },
        {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: `client_secret=${encodeURIComponent(key)}`,
        },
      ];
      for (const way of ways) {
        const res = await call(way);
        expect(res.status, JSON.stringify(way)).toBe(200);
        const token = ((await res.json()) as { access_token: string }).access_token;
        expect(getCallbackTokenSigner().verify(token, applicationId)).toBe(true);
      }
    });

    it("finds the secret next to credentials of Atlas's own, and in other usual places", async () => {
      const ways: Array<RequestInit & { query?: string }> = [
        {
          method: "POST",
          headers: {
            "content-type": "application/json",
            token: "eyJatlas.own.jwt",
            authorization: "Bearer atlas-own",
          },
          body: JSON.stringify({ application_id: "APP-auth-direct", key }),
        },
        { method: "GET", headers: { authorization: key } },
        { method: "POST", headers: { "x-client-secret": key } },
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ credentials: { clientSecret: key } }),
        },
      ];
      for (const way of ways) {
        const res = await call(way);
        expect(res.status, JSON.stringify(way)).toBe(200);
      }
    });

    it("refuses a wrong or missing secret wherever it is put", async () => {
      for (const way of [
        { method: "GET" },
        { method: "GET", query: "?key=wrong" },
        { method: "POST", headers: { authorization: "Bearer wrong" } },
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ key: "wrong" }),
        },
      ] as Array<RequestInit & { query?: string }>) {
        expect((await call(way)).status).toBe(401);
      }
    });

    it("refuses an oversized body (chunked, no Content-Length) with 413 without reading it all", async () => {
      let pulled = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled += 65_536;
          controller.enqueue(new Uint8Array(65_536).fill(120));
          if (pulled >= 50_000_000) controller.close();
        },
      });
      const request = new Request(`${appBaseUrl}/api/applications/${applicationId}/auth`, {
        method: "POST",
        body,
        duplex: "half",
      } as RequestInit);
      const res = await authRoute.POST(request, { params: Promise.resolve({ id: applicationId }) });
      expect(res.status).toBe(413);
      expect(pulled).toBeLessThan(1_000_000);
    });
  });

  describe("the callback route reads nothing before the token is checked", () => {
    /** A 200 MB chunked body made lazily: `pulled` says how much of it anyone read. */
    function hugeBody(totalBytes: number) {
      const state = { pulled: 0 };
      const chunk = new Uint8Array(65_536).fill(123);
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (state.pulled >= totalBytes) return controller.close();
          state.pulled += chunk.byteLength;
          controller.enqueue(chunk.slice());
        },
      });
      return { stream, state };
    }
    const post = (
      applicationId: string,
      body: ReadableStream<Uint8Array>,
      headers: Record<string, string> = {},
    ) =>
      callbackRoute.POST(
        new Request(`${appBaseUrl}/api/applications/${applicationId}/callback`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body,
          duplex: "half",
        } as RequestInit),
        { params: Promise.resolve({ id: applicationId }) },
      );

    it("a 200 MB chunked body without a token: 401, and memory grows by less than 20 MB", async () => {
      const applicationId = crypto.randomUUID();
      global.gc?.();
      const before = process.memoryUsage();
      const huge = hugeBody(200 * 1024 * 1024);
      const res = await post(applicationId, huge.stream);
      const after = process.memoryUsage();
      expect(res.status).toBe(401);
      expect(huge.state.pulled).toBeLessThan(1_000_000);
      expect(after.rss - before.rss).toBeLessThan(20 * 1024 * 1024);
      expect(after.heapUsed - before.heapUsed).toBeLessThan(20 * 1024 * 1024);
    });

    it("with a valid token, a chunked body past the cap is cut off at the cap: 413", async () => {
      const { applicationId } = await startedApplication("APP-callback-cap", "default");
      const token = getCallbackTokenSigner().issue(applicationId).accessToken;
      const huge = hugeBody(200 * 1024 * 1024);
      const res = await post(applicationId, huge.stream, { authorization: `Bearer ${token}` });
      expect(res.status).toBe(413);
      expect(huge.state.pulled).toBeLessThanOrEqual(MAX_CALLBACK_BYTES + 2 * 65_536);
      const db = await getDb();
      const [row] = await db
        .select({ n: documents.id })
        .from(documents)
        .where(and(eq(documents.applicationId, applicationId), eq(documents.status, "submitted")));
      expect(row).toBeUndefined();
    });
  });
});
