import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSimServer, type SimServer } from "@/atlas-sim/server";
import { createAtlasClient, type AtlasClientConfig } from "./client";
import { AtlasError, mayHaveReachedAtlas } from "./errors";

const SECRET = "resilience-secret-xyz";
let sim: SimServer;
let requests: string[];

/** A fetch that records "METHOD /path" for every request the client sends. */
const countingFetch: typeof fetch = (input, init) => {
  const url = new URL(String(input));
  requests.push(`${init?.method ?? "GET"} ${url.pathname}`);
  return fetch(input, init);
};
const count = (endpoint: string) => requests.filter((r) => r === endpoint).length;

const makeClient = (overrides: Partial<AtlasClientConfig> = {}) =>
  createAtlasClient({
    baseUrl: sim.baseUrl,
    clientId: "resilience",
    clientSecret: SECRET,
    timeoutMs: 1_000,
    maxRetries: 3,
    retryBaseDelayMs: 1,
    fetch: countingFetch,
    ...overrides,
  });

async function rejection(promise: Promise<unknown>): Promise<AtlasError> {
  const e = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AtlasError);
  return e as AtlasError;
}

async function newBatch(client = makeClient()) {
  const { batchId } = await client.bulk.upload({
    productType: "POC_CDL",
    files: [{ documentId: "1", fileUrl: "https://s3.example/aadhaar-1.jpg" }],
  });
  requests = [];
  return batchId;
}

beforeAll(async () => {
  sim = await startSimServer({ clientId: "resilience", clientSecret: SECRET, latency: "instant" });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.simulator.reset();
  requests = [];
});

describe("token manager", () => {
  it("shares one renewal among 20 concurrent calls", async () => {
    const client = makeClient();
    const batchId = await newBatch(makeClient());
    const before = sim.simulator.tokensIssued().bulk;
    const pages = await Promise.all(Array.from({ length: 20 }, () => client.bulk.extracts({ batchId })));
    expect(pages.every((p) => p.data.length === 1)).toBe(true);
    expect(sim.simulator.tokensIssued().bulk - before).toBe(1);
    expect(count("POST /v1/bulk/authtoken")).toBe(1);
  });

  it("renews once on a 401 mid-sequence and carries on", async () => {
    const client = makeClient();
    const batchId = await newBatch(client);
    await client.bulk.extracts({ batchId });
    sim.simulator.revokeAllTokens();
    const page = await client.bulk.extracts({ batchId });
    expect(page.data).toHaveLength(1);
    expect(requests).toEqual([
      "GET /v1/bulk/extracts",
      "GET /v1/bulk/extracts",
      "POST /v1/bulk/authtoken",
      "GET /v1/bulk/extracts",
    ]);
  });

  it("retries a multiupload once after a 401, with a renewed token (Atlas did not process it)", async () => {
    const client = makeClient();
    await client.checkReachable();
    requests = [];
    sim.simulator.addFault({ kind: "token_revoked", count: 1, endpoint: "/v1/bulk/multiupload" });
    const upload = await client.bulk.upload({
      productType: "POC_CDL",
      files: [{ documentId: "1", fileUrl: "https://s3.example/pan.jpg" }],
    });
    expect(upload.items).toHaveLength(1);
    expect(requests).toEqual([
      "POST /v1/bulk/multiupload",
      "POST /v1/bulk/authtoken",
      "POST /v1/bulk/multiupload",
    ]);
    expect(sim.simulator.documents()).toHaveLength(1);
  });

  it("gives up with token_rejected when the renewed token is refused too", async () => {
    const client = makeClient();
    const batchId = await newBatch(client);
    sim.simulator.addFault({ kind: "token_revoked", count: 2 });
    const e = await rejection(client.bulk.extracts({ batchId }));
    expect(e.kind).toBe("token_rejected");
    expect(count("POST /v1/bulk/authtoken")).toBe(1);
  });

  it("renews a minute before expiry, using expires_in", async () => {
    let clock = Date.now();
    const client = makeClient({ now: () => clock });
    const batchId = await newBatch(client);
    clock += 3_500 * 1000; // 3500 s: before the renewal window of a 3600 s token
    await client.bulk.extracts({ batchId });
    expect(count("POST /v1/bulk/authtoken")).toBe(0);
    clock += 50 * 1000; // 3550 s: still valid, but inside the last minute
    await client.bulk.extracts({ batchId });
    expect(count("POST /v1/bulk/authtoken")).toBe(1);
    clock += 10_000;
    await client.bulk.extracts({ batchId });
    expect(count("POST /v1/bulk/authtoken")).toBe(1);
  });
});

describe("retries", () => {
  it("retries GETs on 503 up to the bound, then reports unavailable", async () => {
    const client = makeClient();
    const batchId = await newBatch(client);
    sim.simulator.addFault({ kind: "status", status: 503, count: 10, endpoint: "/v1/bulk/extracts" });
    const e = await rejection(client.bulk.extracts({ batchId }));
    expect(e).toMatchObject({ kind: "unavailable", status: 503, attempts: 4 });
    expect(count("GET /v1/bulk/extracts")).toBe(4);
  });

  it("recovers when a 429 clears before the bound", async () => {
    const client = makeClient();
    const batchId = await newBatch(client);
    sim.simulator.addFault({ kind: "status", status: 429, count: 2, endpoint: "/v1/bulk/extracts" });
    const page = await client.bulk.extracts({ batchId });
    expect(page.data).toHaveLength(1);
    expect(count("GET /v1/bulk/extracts")).toBe(3);
  });

  it("never retries multiupload on 500", async () => {
    const client = makeClient();
    await client.checkReachable();
    requests = [];
    sim.simulator.addFault({ kind: "status", status: 500, count: 5, endpoint: "/v1/bulk/multiupload" });
    const e = await rejection(
      client.bulk.upload({
        productType: "POC_CDL",
        files: [{ documentId: "1", fileUrl: "https://x/pan.jpg" }],
      }),
    );
    expect(e).toMatchObject({ kind: "unavailable", status: 500 });
    expect(count("POST /v1/bulk/multiupload")).toBe(1);
  });

  it("never retries multiupload or flow/init on a timeout", async () => {
    const client = makeClient({ timeoutMs: 100 });
    await client.checkReachable("v3");
    sim.simulator.addFault({ kind: "slow", delayMs: 300, count: 1, endpoint: "/v3/verification/flow/init" });
    requests = [];
    const e = await rejection(
      client.flow.init({
        productType: "POC_CDL",
        applicationId: "A",
        authUrl: "http://x/a",
        callbackUrl: "http://x/c",
      }),
    );
    expect(e).toMatchObject({ kind: "unavailable", failure: "timeout" });
    expect(e.userMessage).toContain("did not answer within 0.1 s");
    expect(count("POST /v3/verification/flow/init")).toBe(1);

    sim.simulator.addFault({ kind: "slow", delayMs: 300, count: 1, endpoint: "/v1/bulk/multiupload" });
    const u = await rejection(
      client.bulk.upload({
        productType: "POC_CDL",
        files: [{ documentId: "1", fileUrl: "https://x/pan.jpg" }],
      }),
    );
    expect(u.failure).toBe("timeout");
    expect(count("POST /v1/bulk/multiupload")).toBe(1);
  });

  it("times out GETs and retries them", async () => {
    const client = makeClient({ timeoutMs: 100, maxRetries: 1 });
    const batchId = await newBatch(client);
    sim.simulator.addFault({ kind: "slow", delayMs: 300, count: 1, endpoint: "/v1/bulk/extracts" });
    const page = await client.bulk.extracts({ batchId });
    expect(page.data).toHaveLength(1);
    expect(count("GET /v1/bulk/extracts")).toBe(2);
  });

  it("reports connection failures as unavailable after retrying", async () => {
    const client = makeClient({ baseUrl: "http://127.0.0.1:9", maxRetries: 2 });
    const e = await rejection(client.bulk.extracts({ batchId: "x" }));
    expect(e).toMatchObject({ kind: "unavailable", failure: "network", attempts: 3 });
    expect(e.userMessage).toContain("Check ATLAS_BASE_URL");
  });
});

describe("protocol errors and secrecy", () => {
  it("turns malformed JSON into a protocol error naming the endpoint", async () => {
    const client = makeClient();
    const batchId = await newBatch(client);
    sim.simulator.addFault({ kind: "malformed_json", endpoint: "/v1/bulk/extracts" });
    const e = await rejection(client.bulk.extracts({ batchId }));
    expect(e).toMatchObject({ kind: "protocol", endpoint: "GET /v1/bulk/extracts", status: 200 });
    expect(e.problems[0]).toContain("not valid JSON");
  });

  it("reports a wrong envelope with the zod issue path", async () => {
    const client = makeClient({
      fetch: async (input, init) => {
        if (String(input).includes("/extracts")) return Response.json({ data: { file_data: {} } });
        return fetch(input, init);
      },
    });
    const e = await rejection(client.bulk.extracts({ batchId: "x" }));
    expect(e.kind).toBe("protocol");
    expect(e.problems[0]).toMatch(/^data:/);
  });

  it("keeps an entry it cannot read aside instead of failing the page", async () => {
    const good = {
      document_id: "ok",
      file_data: { document_type: "PAN", name: { value: "A", confidence_score: 0.9 } },
    };
    const client = makeClient({
      fetch: async (input, init) => {
        if (String(input).includes("/extracts")) return Response.json({ data: [{ file_data: {} }, good] });
        return fetch(input, init);
      },
    });
    const page = await client.bulk.extracts({ batchId: "x" });
    expect(page.data.map((d) => d.documentId)).toEqual(["ok"]);
    expect(page.unreadable).toEqual([{ index: 0, reason: "no document_id", raw: { file_data: {} } }]);
    expect(page.entryCount).toBe(2);
  });

  it("never puts the secret or a token in an error", async () => {
    let token = "";
    const client = makeClient({
      fetch: async (input, init) => {
        const headers = new Headers(init?.headers);
        token ||= headers.get("token") ?? "";
        if (String(input).includes("/extracts")) {
          return Response.json({ error: `bad ${headers.get("token")} ${SECRET}` }, { status: 400 });
        }
        return fetch(input, init);
      },
    });
    const e = await rejection(client.bulk.extracts({ batchId: "x" }));
    const everything = JSON.stringify({ ...e, message: e.message, stack: e.stack });
    expect(token).not.toBe("");
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(token);
  });
});

describe("whether an upload may have reached Atlas", () => {
  /** Sends the multiupload POST elsewhere (every other request goes to the simulator). */
  const uploadTo =
    (target: string): typeof fetch =>
    (input, init) =>
      new URL(String(input)).pathname.endsWith("/multiupload") ? fetch(target, init) : fetch(input, init);
  const upload = (client: ReturnType<typeof makeClient>) =>
    rejection(
      client.bulk.upload({
        productType: "POC_CDL",
        files: [{ documentId: "1", fileUrl: "https://s3.example/aadhaar-1.jpg" }],
      }),
    );

  it("a refused connection sent nothing: not 'may have reached'", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const error = await upload(
      makeClient({ fetch: uploadTo(`http://127.0.0.1:${port}/v1/bulk/multiupload`) }),
    );
    expect(error).toMatchObject({ kind: "unavailable", failure: "network", notSent: true });
    expect(mayHaveReachedAtlas(error)).toBe(false);
  });

  it("a connection dropped after the request was read may have reached Atlas", async () => {
    const dropping = http.createServer((req) =>
      req.on("data", () => undefined).on("end", () => req.socket.destroy()),
    );
    await new Promise<void>((resolve) => dropping.listen(0, "127.0.0.1", resolve));
    const { port } = dropping.address() as AddressInfo;
    try {
      const error = await upload(
        makeClient({ fetch: uploadTo(`http://127.0.0.1:${port}/v1/bulk/multiupload`) }),
      );
      expect(error).toMatchObject({ kind: "unavailable", failure: "network" });
      expect(error.notSent).toBeFalsy();
      expect(mayHaveReachedAtlas(error)).toBe(true);
    } finally {
      await new Promise((resolve) => dropping.close(resolve));
    }
  });
});
