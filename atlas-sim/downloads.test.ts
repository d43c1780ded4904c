/**
 * With downloads on, the simulator fetches every uploaded file as Atlas does (a few at a time,
 * with a timeout and a size cap): a link that cannot be downloaded gives its document a
 * DOWNLOAD_FAILED error naming what storage said, instead of a result.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulator } from "./simulator";
import { SimHarness } from "./test-harness";

let storage: http.Server;
let origin = "";
let closedPort = 0;
let concurrent = 0;
let maxConcurrent = 0;

beforeAll(async () => {
  storage = http.createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0]!;
    if (path.startsWith("/ok-c")) {
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      res.on("finish", () => concurrent--);
    }
    if (path.startsWith("/ok")) return void setTimeout(() => res.end("jpeg bytes"), 150);
    if (path === "/expired.jpg") {
      res.writeHead(403, { "content-type": "application/xml" });
      return void res.end("<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>");
    }
    if (path === "/big.jpg") return void res.end(Buffer.alloc(5000));
    if (path === "/hang.jpg") return; // never answers
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((r) => storage.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(storage.address() as AddressInfo).port}`;
  const closed = http.createServer();
  await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
  closedPort = (closed.address() as AddressInfo).port;
  await new Promise((r) => closed.close(r));
});

afterAll(async () => {
  storage.closeAllConnections();
  await new Promise((r) => storage.close(r));
});

function harness(downloads: boolean) {
  const h = new SimHarness();
  h.sim = createSimulator({
    basePath: "/atlas-sim",
    clientId: "sim-id",
    clientSecret: "sim-secret",
    latency: "instant",
    now: () => h.clock,
    downloads,
    downloadSettings: { concurrency: 3, timeoutMs: 800, maxBytes: 1000 },
  });
  return h;
}

type Entry = { document_id: string; file_data: Record<string, unknown> };

async function uploadAndRead(h: SimHarness, urls: string[]) {
  const t = await h.token("v1/bulk");
  const upload = await h.call(
    "POST",
    "/v1/bulk/multiupload",
    { product_type: "POC_CDL", file_urls: urls.map((file_url, i) => ({ file_url, document_id: `d${i}` })) },
    t,
  );
  expect(upload.status).toBe(201);
  const batchId = (upload.json as unknown as Array<{ batch_id: string }>)[0]!.batch_id;
  const read = async () =>
    ((await h.call("GET", `/v1/bulk/extracts?batch_id=${batchId}`, undefined, t)).json as { data: Entry[] })
      .data;
  return { read };
}

describe("simulator downloads", () => {
  it("fetches each file; failures become DOWNLOAD_FAILED documents naming the status", async () => {
    const h = harness(true);
    const { read } = await uploadAndRead(h, [
      `${origin}/ok-1.jpg?X-Amz-Date=20260115T000000Z&X-Amz-Expires=86400&X-Amz-Signature=secret`,
      `${origin}/expired.jpg?X-Amz-Signature=secret`,
      `${origin}/missing.jpg`,
      `${origin}/big.jpg`,
      `${origin}/hang.jpg`,
      `http://127.0.0.1:${closedPort}/unreachable.jpg`,
    ]);
    // Nothing is visible while files are being downloaded.
    expect(await read()).toEqual([]);
    await h.sim.downloadsIdle();
    const byId = Object.fromEntries((await read()).map((e) => [e.document_id, e.file_data]));
    expect(byId.d0!.error_code).toBeUndefined();
    expect(byId.d1).toEqual({
      document_type: "INVALID_DOC",
      error_code: "DOWNLOAD_FAILED",
      error_message: "File could not be downloaded: HTTP 403 (AccessDenied: Request has expired)",
    });
    expect(byId.d2!.error_message).toBe("File could not be downloaded: HTTP 404");
    expect(byId.d3!.error_message).toBe("File could not be downloaded: the file is larger than 0 MB");
    expect(byId.d4!.error_message).toBe("File could not be downloaded: no answer within 1 s");
    expect(byId.d5!.error_message).toBe("File could not be downloaded: ECONNREFUSED");

    const records = h.sim.downloads();
    expect(records).toHaveLength(6);
    // Recorded without the query string (a pre-signed link's query is a credential).
    expect(records[0]).toMatchObject({
      documentId: "d0",
      url: `${origin}/ok-1.jpg`,
      signedAt: "20260115T000000Z",
      expiresSeconds: 86400,
      status: 200,
      ok: true,
      bytes: 10,
    });
    expect(JSON.stringify(records)).not.toContain("secret");
  });

  it("downloads a few at a time", async () => {
    const h = harness(true);
    maxConcurrent = 0;
    const { read } = await uploadAndRead(
      h,
      Array.from({ length: 10 }, (_, i) => `${origin}/ok-c${i}.jpg`),
    );
    await h.sim.downloadsIdle();
    expect(await read()).toHaveLength(10);
    expect(maxConcurrent).toBeLessThanOrEqual(3);
  });

  it("off: nothing is fetched, results come from the URL's hints at once", async () => {
    const h = harness(false);
    const { read } = await uploadAndRead(h, [`${origin}/missing.jpg`]);
    expect(await read()).toHaveLength(1);
    expect(h.sim.downloads()).toEqual([]);
  });

  it("is switched and read through /__sim/downloads", async () => {
    const h = harness(false);
    expect((await h.call("POST", "/__sim/downloads", { enabled: true })).json).toEqual({ enabled: true });
    await uploadAndRead(h, [`${origin}/ok-x.jpg`]);
    await h.sim.downloadsIdle();
    const listed = (await h.call("GET", "/__sim/downloads")).json as {
      enabled: boolean;
      downloads: unknown[];
    };
    expect(listed.enabled).toBe(true);
    expect(listed.downloads).toHaveLength(1);
    expect((await h.call("POST", "/__sim/downloads", { enabled: "yes" })).status).toBe(400);
  });
});
