/**
 * Shared set-up for the application integration tests (tests only): the simulator served over HTTP, and
 * a small HTTP server standing in for our app's two Atlas endpoints, backed by the test database
 * through the same functions the route handlers call. The simulator really calls them.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { startSimServer, type SimServer } from "@/atlas-sim/server";
import { createAtlasClient, type AtlasClient, type FlowInitInput } from "@/lib/atlas/client";
import type { Db } from "@/lib/db";
import { SYSTEM_ACTOR } from "@/lib/db/queries/audit";
import { createUser } from "@/lib/db/queries/users";
import { applications } from "@/lib/db/schema";
import { buildThresholdSet } from "@/lib/documents/thresholds";
import { DEMO_ATLAS_CLIENT_ID, DEMO_ATLAS_CLIENT_SECRET } from "@/lib/env";
import { answerAuthRequest, answerCallback } from "@/lib/applications/callbacks";
import { createApplication, startFlow } from "@/lib/applications/create";
import { createCallbackTokenSigner } from "@/lib/applications/secrets";
import { recordApplicationUpload, submitApplicationUpload } from "@/lib/applications/upload";

export const THRESHOLDS = buildThresholdSet([]);
export const CDL_1042 = [
  "cdl-1042-pan",
  "cdl-1042-aadhaar",
  "cdl-1042-invoice",
  "cdl-1042-delivery-order-dealer-mismatch",
];

export class ApplicationHarness {
  readonly signer = createCallbackTokenSigner("flow-tests-signing-key-0123456789abcdef");
  readonly inits: FlowInitInput[] = [];
  /** While > 0, callbacks are answered 503 (Atlas's callback "cannot reach us"). */
  failCallbacks = 0;
  readonly callbackStatuses: number[] = [];
  private app!: Server;
  appBaseUrl = "";
  atlas!: AtlasClient;
  sim!: SimServer;

  constructor(private readonly db: () => Db) {}

  async start(): Promise<void> {
    this.sim = await startSimServer({
      latency: "instant",
      callbackRetryDelaysMs: [],
      authUrlTimeoutMs: 3_000,
    });
    this.app = createServer((req, res) => {
      let raw = "";
      req.on("data", (c: Buffer) => (raw += c.toString()));
      req.on("end", () => {
        void this.route(req.url ?? "/", new Headers(req.headers as Record<string, string>), raw).then(
          ({ status, body }) => {
            res.statusCode = status;
            res.setHeader("content-type", "application/json");
            res.end(JSON.stringify(body));
          },
        );
      });
    });
    await new Promise<void>((resolve) => this.app.listen(0, "127.0.0.1", resolve));
    this.appBaseUrl = `http://127.0.0.1:${(this.app.address() as AddressInfo).port}`;
    const real = createAtlasClient({
      baseUrl: this.sim.baseUrl,
      clientId: DEMO_ATLAS_CLIENT_ID,
      clientSecret: DEMO_ATLAS_CLIENT_SECRET,
      timeoutMs: 5_000,
      maxRetries: 1,
      retryBaseDelayMs: 1,
      maxRetryDelayMs: 5,
    });
    // Records what flow/init was given, so tests can use the secret a real Atlas would hold.
    this.atlas = {
      ...real,
      flow: { ...real.flow, init: (input) => (this.inits.push(input), real.flow.init(input)) },
    };
  }

  private async route(url: string, headers: Headers, bodyText: string) {
    const parsed = new URL(url, "http://app.test");
    const match = parsed.pathname.match(/^\/api\/applications\/([^/]+)\/(auth|callback)$/);
    if (!match) return { status: 404, body: {} };
    const [, applicationId, endpoint] = match as unknown as [string, string, string];
    if (endpoint === "auth")
      return answerAuthRequest(this.db(), {
        applicationId,
        key: parsed.searchParams.get("key"),
        signer: this.signer,
      });
    if (this.failCallbacks > 0) {
      this.failCallbacks--;
      this.callbackStatuses.push(503);
      return { status: 503, body: {} };
    }
    const answer = await answerCallback(this.db(), {
      applicationId,
      headers,
      bodyText,
      signer: this.signer,
      thresholds: async () => THRESHOLDS,
    });
    this.callbackStatuses.push(answer.status);
    return answer;
  }

  /**
   * Waits until every callback armed to fail (failCallbacks) has been attempted. The simulator
   * fires callbacks from a timer, so `idle()` alone can return before the attempt has started.
   */
  async refusedCallbacksAttempted(ms = 10_000) {
    const until = Date.now() + ms;
    while (this.failCallbacks > 0) {
      if (Date.now() > until)
        throw new Error(`${this.failCallbacks} armed callback failure(s) never attempted`);
      await new Promise((r) => setTimeout(r, 10));
    }
    await this.sim.simulator.idle();
  }

  /** The secret a real Atlas received in this flow's auth_url. */
  secretOf(applicationId: string): string {
    const init = [...this.inits]
      .reverse()
      .find((i) => i.authUrl.includes(`/api/applications/${applicationId}/auth`));
    return new URL(init!.authUrl).searchParams.get("key")!;
  }

  sampleRows(names: string[], prefix: string) {
    return names.map((name) => ({
      documentId: `${prefix}-${name}`,
      fileUrl: `${this.sim.baseUrl}/files/${name}.svg`,
    }));
  }

  /** An application recorded and started on the simulator. */
  async startedApplication(userId: string, applicationNumber: string, appBaseUrl = this.appBaseUrl) {
    const { applicationId } = await createApplication(
      this.db(),
      { applicationNumber, productType: "POC_CDL", flowParams: { branch: "Pune" }, createdBy: userId },
      SYSTEM_ACTOR,
    );
    const started = await startFlow(this.db(), this.atlas, applicationId, { appBaseUrl });
    if (!started.started) throw new Error(`flow/init failed: ${started.message}`);
    return applicationId;
  }

  async upload(
    applicationId: string,
    rows: { documentId: string; fileUrl: string }[],
    appBaseUrl = this.appBaseUrl,
  ) {
    const { uploadId } = await recordApplicationUpload(
      this.db(),
      { applicationId, uploadId: crypto.randomUUID(), rows },
      SYSTEM_ACTOR,
    );
    return {
      uploadId,
      outcome: await submitApplicationUpload(this.db(), this.atlas, uploadId, { appBaseUrl }),
    };
  }

  /** Waits until the callback for this flow has been stored (or fails after `ms`). */
  async callbackStored(applicationId: string, ms = 5_000) {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const [row] = await this.db()
        .select({ at: applications.callbackReceivedAt })
        .from(applications)
        .where(eq(applications.id, applicationId));
      if (row?.at) return row.at;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`No callback stored for ${applicationId} within ${ms} ms`);
  }

  async close() {
    this.sim.simulator.reset();
    await this.sim.simulator.idle();
    await this.sim.close();
    this.app.closeAllConnections();
    await new Promise((resolve) => this.app.close(resolve));
  }
}

export async function createTestUser(db: Db): Promise<string> {
  const user = await createUser(
    db,
    {
      email: `flows-${crypto.randomUUID()}@example.test`,
      name: "Flow tester",
      role: "admin",
      passwordHash: "x",
    },
    SYSTEM_ACTOR,
  );
  return user.id;
}
