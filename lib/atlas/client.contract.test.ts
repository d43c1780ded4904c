import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSimServer, type SimServer } from "@/atlas-sim/server";
import { createAtlasClient, type AtlasClient } from "./client";
import { AtlasError } from "./errors";

const CLIENT_ID = "contract-client";
const CLIENT_SECRET = "contract-secret-value";

let sim: SimServer;
let authServer: Server;
let authUrl: string;
let client: AtlasClient;

const clientFor = (overrides: Partial<Parameters<typeof createAtlasClient>[0]> = {}) =>
  createAtlasClient({
    baseUrl: sim.baseUrl,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    timeoutMs: 2_000,
    maxRetries: 2,
    retryBaseDelayMs: 1,
    ...overrides,
  });

const files = (n: number, prefix = "pan") =>
  Array.from({ length: n }, (_, i) => ({
    documentId: `d${i + 1}`,
    fileUrl: `https://s3.example/${prefix}-${i}.jpg`,
  }));

async function expectAtlasError(promise: Promise<unknown>): Promise<AtlasError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AtlasError);
  return error as AtlasError;
}

beforeAll(async () => {
  authServer = createServer((_req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ access_token: "partner-token" }));
  });
  await new Promise<void>((resolve) => authServer.listen(0, "127.0.0.1", resolve));
  authUrl = `http://127.0.0.1:${(authServer.address() as AddressInfo).port}/atlas/auth`;
  sim = await startSimServer({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, latency: "instant" });
});

afterAll(async () => {
  await sim.close();
  await new Promise((resolve) => authServer.close(resolve));
});

beforeEach(() => {
  sim.simulator.reset();
  client = clientFor();
});

describe("Bulk API against the simulator", () => {
  it("uploads, then pages through extracts", async () => {
    const upload = await client.bulk.upload({ productType: "POC_CDL", files: files(3) });
    expect(upload.batchId).toMatch(/^BATCH-\d{5}-[A-Z]{5}-\d{14}$/);
    expect(upload.items.map((i) => i.documentId)).toEqual(["d1", "d2", "d3"]);
    expect(upload.items[0]?.fileUuid).toMatch(/^[0-9a-f-]{36}$/);

    const first = await client.bulk.extracts({ batchId: upload.batchId, page: 1, perPage: 2 });
    expect(first).toMatchObject({
      page: 1,
      perPage: 2,
      totalItems: 3,
      totalPages: 2,
      hasNext: true,
      hasPrev: false,
    });
    expect(first.data[0]).toMatchObject({ documentId: "d1", documentType: "PAN", batchId: upload.batchId });
    expect(first.data[0]?.fields.pan_number).toMatchObject({ confidence_score: expect.any(Number) });
    const second = await client.bulk.extracts({ batchId: upload.batchId, page: 2, perPage: 2 });
    expect(second).toMatchObject({ page: 2, perPage: 1, hasNext: false, hasPrev: true });
  });

  it("400: names the missing parameters", async () => {
    const e = await expectAtlasError(client.bulk.upload({ productType: "", files: [] }));
    expect(e).toMatchObject({ kind: "invalid_params", status: 400, fields: ["product_type", "file_urls"] });
    expect(e.userMessage).toContain("product_type, file_urls");
  });

  it("400: too many files", async () => {
    const e = await expectAtlasError(client.bulk.upload({ productType: "POC_CDL", files: files(51) }));
    expect(e).toMatchObject({ kind: "too_many_files", status: 400 });
    expect(e.userMessage).toContain("at most 50");
  });

  it("400: unknown batch id", async () => {
    const e = await expectAtlasError(client.bulk.extracts({ batchId: "BATCH-00000-AAAAA-20250101000000" }));
    expect(e).toMatchObject({
      kind: "invalid_params",
      status: 400,
      atlasMessage: "Missing or invalid batch_id",
    });
  });

  it("401: bad credentials, with an actionable message and no secret", async () => {
    const bad = clientFor({ clientSecret: "wrong-secret-123" });
    const e = await expectAtlasError(bad.bulk.extracts({ batchId: "x" }));
    expect(e).toMatchObject({ kind: "bad_credentials", status: 401, endpoint: "POST /v1/bulk/authtoken" });
    expect(e.userMessage).toBe(
      "Atlas rejected the client id/secret. Check ATLAS_CLIENT_ID and ATLAS_CLIENT_SECRET.",
    );
    expect(JSON.stringify({ ...e, message: e.message })).not.toContain("wrong-secret-123");
    expect(await bad.checkReachable()).toEqual({ ok: false, error: e.userMessage });
  });

  it("401: a token of the other family is refused", async () => {
    const v3 = await fetch(`${sim.baseUrl}/v3/verification/authtoken`, {
      method: "POST",
      headers: { "Client-Id": CLIENT_ID, "Client-Secret": CLIENT_SECRET },
    });
    expect(v3.status).toBe(201);
    const { access_token } = (await v3.json()) as { access_token: string };
    const res = await fetch(`${sim.baseUrl}/v1/bulk/extracts?batch_id=x`, {
      headers: { Token: access_token },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "Invalid token", reason: "Token was not issued for this API" });

    // The client keeps one cache per family, so both families work side by side.
    const upload = await client.bulk.upload({ productType: "POC_CDL", files: files(1) });
    const flow = await client.flow.init({
      productType: "POC_CDL",
      applicationId: "A1",
      authUrl,
      callbackUrl: authUrl,
    });
    expect(upload.batchId).toBeTruthy();
    expect(flow.flowUuid).toBeTruthy();
  });

  it("410: an unknown API version", async () => {
    const res = await fetch(`${sim.baseUrl}/v0/bulk/extracts`);
    expect(res.status).toBe(410);
    expect(await res.json()).toEqual({
      error_code: "410",
      error_message: "Resource Gone: This API version is no longer supported",
    });
    // The client only speaks v1/v3; route its calls to /v0 to see how it reports the 410.
    const gone = createAtlasClient({
      baseUrl: sim.baseUrl,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      timeoutMs: 1000,
      maxRetries: 0,
      fetch: (input, init) => fetch(String(input).replace("/v1/", "/v0/"), init),
    });
    const e = await expectAtlasError(gone.bulk.extracts({ batchId: "x" }));
    expect(e).toMatchObject({ kind: "version_gone", status: 410 });
  });

  it("checkReachable succeeds with good credentials", async () => {
    expect(await client.checkReachable()).toEqual({ ok: true });
    expect(await client.checkReachable("v3")).toEqual({ ok: true });
  });
});

describe("Flow API v3 against the simulator", () => {
  it("init → upload → status → extracts", async () => {
    const { flowUuid } = await client.flow.init({
      productType: "POC_CDL",
      applicationId: "APP-1",
      authUrl,
      callbackUrl: authUrl,
      flowParams: { branch: "Pune" },
    });
    expect(await client.flow.status(flowUuid)).toMatchObject({
      masterStatus: "NOT_STARTED",
      isTerminal: false,
    });
    const upload = await client.flow.upload({
      flowUuid,
      files: [
        { documentId: "1", fileUrl: "https://s3.example/cdl-1042-invoice.jpg" },
        { documentId: "2", fileUrl: "https://s3.example/cdl-1042-delivery-order-dealer-mismatch.jpg" },
      ],
    });
    expect(upload.items).toHaveLength(2);
    expect(await client.flow.status(flowUuid)).toEqual({
      uploadStatus: "SUCCESS",
      processingStatus: "SUCCESS",
      crosscheckStatus: "COMPLETED",
      masterStatus: "SUCCESS",
      isTerminal: true,
      masterMeaning: "finished",
    });
    const extracts = await client.flow.extracts(flowUuid);
    expect(extracts).toMatchObject({ flowUuid, applicationId: "APP-1", flowParams: { branch: "Pune" } });
    expect(extracts.ocrData.map((d) => d.documentType)).toEqual(["INVOICE", "DELIVERY_ORDER"]);
    const address = extracts.crossChecks.find((c) => c.fieldName === "dealer_address");
    expect(address?.similarityScore).toBeLessThan(60);
  });

  it("400: flow/init names the missing parameters", async () => {
    const e = await expectAtlasError(
      client.flow.init({ productType: "POC_CDL", applicationId: "", authUrl, callbackUrl: authUrl }),
    );
    expect(e).toMatchObject({ kind: "invalid_params", fields: ["application_id"] });
  });

  it("400: multiupload without flow_uuid, and status without flow_uuid", async () => {
    const e = await expectAtlasError(client.flow.upload({ flowUuid: "", files: files(1) }));
    expect(e).toMatchObject({ kind: "invalid_params", fields: ["flow_uuid"] });
    const s = await expectAtlasError(client.flow.status(""));
    expect(s).toMatchObject({ kind: "invalid_params", fields: ["flow_uuid"] });
  });

  it("409: flow not found on upload, status and extracts", async () => {
    for (const promise of [
      client.flow.upload({ flowUuid: "LOS-unknown", files: files(1) }),
      client.flow.status("LOS-unknown"),
      client.flow.extracts("LOS-unknown"),
    ]) {
      const e = await expectAtlasError(promise);
      expect(e).toMatchObject({ kind: "flow_not_found", status: 409 });
    }
  });

  it("422: Atlas cannot reach the auth_url", async () => {
    const { flowUuid } = await client.flow.init({
      productType: "POC_CDL",
      applicationId: "APP-2",
      authUrl: "http://127.0.0.1:9/unreachable",
      callbackUrl: authUrl,
    });
    const e = await expectAtlasError(client.flow.upload({ flowUuid, files: files(1) }));
    expect(e).toMatchObject({
      kind: "auth_url_unreachable",
      status: 422,
      atlasMessage: "External service failure: unable to reach auth_url",
    });
  });
});
