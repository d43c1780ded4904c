import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { files, SimHarness } from "./test-harness";

interface Received {
  path: string;
  headers: IncomingMessage["headers"];
  body: Record<string, unknown>;
}

/** A tiny receiver for auth_url and callback_url; fails the first `failCallbacks` callbacks. */
let receiver: Server;
let receiverUrl: string;
let received: Received[];
let failCallbacks = 0;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString()));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body: JSON.parse(raw || "{}") });
      res.setHeader("content-type", "application/json");
      if (req.url === "/auth") return res.end(JSON.stringify({ token: "partner-token-1" }));
      if (failCallbacks-- > 0) {
        res.statusCode = 503;
        return res.end("{}");
      }
      res.end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => receiver.close(resolve)));
let h: SimHarness;

beforeEach(() => {
  h = new SimHarness();
  received = [];
  failCallbacks = 0;
});

afterEach(async () => {
  // Stop this test's callbacks from reaching the shared receiver during the next test.
  h.sim.reset();
  await h.sim.idle();
});

describe("flows", () => {
  async function cdlFlow(names: string[]) {
    const t = await h.token("v3/verification");
    const init = await h.call(
      "POST",
      "/v3/verification/flow/init",
      {
        product_type: "POC_CDL",
        application_id: "APP-9",
        auth_url: `${receiverUrl}/auth`,
        callback_url: `${receiverUrl}/callback`,
        flow_params: { branch: "Pune" },
      },
      t,
    );
    expect(init.status).toBe(201);
    const flowUuid = String(init.json.flow_uuid);
    const status = async () =>
      (await h.call("GET", `/v3/verification/status?flow_uuid=${flowUuid}`, undefined, t)).json;
    return {
      t,
      flowUuid,
      status,
      upload: () =>
        h.call("POST", "/v3/verification/multiupload", { flow_uuid: flowUuid, file_urls: files(names) }, t),
    };
  }

  it("moves through the four status fields and then calls back", async () => {
    h.start(2_000);
    const flow = await cdlFlow([
      "cdl-1042-pan",
      "cdl-1042-aadhaar",
      "cdl-1042-invoice",
      "cdl-1042-delivery-order-dealer-mismatch",
    ]);
    expect(await flow.status()).toEqual({
      upload_status: "NOT_STARTED",
      processing_status: "NOT_STARTED",
      crossheck_status: "NOT_STARTED",
      master_status: "NOT_STARTED",
    });
    expect((await flow.upload()).status).toBe(201);
    expect(received.map((r) => r.path)).toEqual(["/auth"]);
    expect(received[0]?.body).toEqual({ application_id: "APP-9", flow_uuid: flow.flowUuid });

    expect(await flow.status()).toMatchObject({
      upload_status: "IN_PROGRESS",
      processing_status: "PENDING",
      master_status: "IN_PROGRESS",
    });
    h.sim.advance(450);
    expect(await flow.status()).toMatchObject({
      upload_status: "SUCCESS",
      processing_status: "IN_PROGRESS",
      crossheck_status: "NOT_STARTED",
    });
    h.sim.advance(1_600);
    expect(await flow.status()).toMatchObject({
      processing_status: "SUCCESS",
      crossheck_status: "PENDING",
      master_status: "IN_PROGRESS",
    });
    h.sim.advance(500);
    expect(await flow.status()).toEqual({
      upload_status: "SUCCESS",
      processing_status: "SUCCESS",
      crossheck_status: "COMPLETED",
      master_status: "SUCCESS",
    });

    await h.sim.idle();
    const callback = received.find((r) => r.path === "/callback");
    expect(callback?.headers.authorization).toBe("Bearer partner-token-1");
    expect(callback?.headers.token).toBe("partner-token-1");
    const extracts = await h.call(
      "GET",
      `/v3/verification/extracts?flow_uuid=${flow.flowUuid}`,
      undefined,
      flow.t,
    );
    expect(callback?.body).toEqual(extracts.json);
    expect(extracts.json).toMatchObject({
      application_id: "APP-9",
      master_status: "SUCCESS",
      flow_params: { branch: "Pune" },
    });

    const checks = extracts.json.cross_checks as Array<{ field_name: string; similarity_score: number }>;
    const address = checks.find((c) => c.field_name === "dealer_address");
    expect(address?.similarity_score).toBeLessThan(60);
    expect(
      checks.filter((c) => c.field_name === "customer_name").every((c) => c.similarity_score >= 75),
    ).toBe(true);
    expect(checks.find((c) => c.field_name === "dealer_name")?.similarity_score).toBeGreaterThanOrEqual(90);
  });

  it("delivers the Aadhaar's redact_url by callback as a live link to its masked copy", async () => {
    const flow = await cdlFlow(["cdl-2077-pan", "cdl-2077-aadhaar"]);
    expect((await flow.upload()).status).toBe(201);
    await h.sim.idle();
    const callback = received.find((r) => r.path === "/callback");
    const docs = (callback?.body.ocr_data ?? []) as Array<{
      file_data: Record<string, { value?: string; redact_url?: string }>;
    }>;
    const number = docs.map((d) => d.file_data.aadhaar_number).find(Boolean)!;
    expect(number.redact_url).toMatch(/^http:\/\/sim\.test\/atlas-sim\/masked\//);
    const masked = await h.sim.handle(new Request(number.redact_url!));
    expect(masked.status).toBe(200);
    const svg = await masked.text();
    expect(svg).toContain(`XXXX XXXX ${number.value!.replace(/\D/g, "").slice(-4)}`);
    expect(svg).not.toContain(number.value!);
  });

  it("consistent case 2077 matches everywhere", async () => {
    const flow = await cdlFlow([
      "cdl-2077-pan",
      "cdl-2077-aadhaar",
      "cdl-2077-invoice",
      "cdl-2077-delivery-order",
    ]);
    await flow.upload();
    const extracts = await h.call(
      "GET",
      `/v3/verification/extracts?flow_uuid=${flow.flowUuid}`,
      undefined,
      flow.t,
    );
    const checks = extracts.json.cross_checks as Array<{ similarity_score: number }>;
    expect(checks).toHaveLength(8);
    expect(checks.every((c) => c.similarity_score >= 75)).toBe(true);
  });

  it("retries the callback on non-2xx, up to three retries", async () => {
    failCallbacks = 2;
    const flow = await cdlFlow(["pan"]);
    await flow.upload();
    await new Promise((r) => setTimeout(r, 20));
    await h.sim.idle();
    expect(h.sim.callbackAttempts().map((a) => a.status)).toEqual([503, 503, 200]);

    failCallbacks = 10;
    received = [];
    await flow.upload(); // re-opens the flow; a new callback follows completion
    await new Promise((r) => setTimeout(r, 20));
    await h.sim.idle();
    expect(received.filter((r) => r.path === "/callback")).toHaveLength(4);
  });

  it("fails the flow when a pre-signed URL has expired", async () => {
    const flow = await cdlFlow([]);
    const t = flow.t;
    const expired = "https://s3.example/pan.jpg?X-Amz-Date=20250101T000000Z&X-Amz-Expires=600";
    await h.call(
      "POST",
      "/v3/verification/multiupload",
      { flow_uuid: flow.flowUuid, file_urls: [{ file_url: expired, document_id: "1" }] },
      t,
    );
    expect(await flow.status()).toMatchObject({
      upload_status: "FAILED",
      master_status: "FAILED",
      crossheck_status: "NOT_STARTED",
    });
  });

  it("answers 422 when the auth_url check fails (switchable by fault)", async () => {
    const flow = await cdlFlow(["pan"]);
    h.sim.addFault({ kind: "auth_url_unreachable" });
    const upload = await flow.upload();
    expect(upload.status).toBe(422);
    expect(upload.json).toEqual({ error: "External service failure: unable to reach auth_url" });
  });
});
