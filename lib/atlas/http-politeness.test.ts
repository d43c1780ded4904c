/**
 * Issue 12 items 8 and 9 through the real client: one request budget shared by every caller
 * (batches, flows, health checks), 429s slow it down, Retry-After as seconds or a date, and the
 * messages people see for 400/422/proxy answers.
 */
import { describe, expect, it } from "vitest";
import { RequestBudget } from "./budget";
import { createAtlasClient } from "./client";
import { isAtlasError, parseFieldList, type AtlasError } from "./errors";

const token = { access_token: "tok-123456", expires_in: 3600 };

function fakeAtlas(answer: (url: URL, n: number) => Response) {
  const calls: { at: number; path: string }[] = [];
  const fetchImpl: typeof fetch = async (input) => {
    const url = new URL(String(input));
    calls.push({ at: Date.now(), path: url.pathname });
    if (url.pathname.endsWith("/authtoken")) return Response.json(token, { status: 201 });
    return answer(url, calls.length);
  };
  return { calls, fetchImpl };
}

const client = (fetchImpl: typeof fetch, extra: Partial<Parameters<typeof createAtlasClient>[0]> = {}) =>
  createAtlasClient({
    baseUrl: "https://atlas.test",
    clientId: "id",
    clientSecret: "secret-value",
    timeoutMs: 2_000,
    maxRetries: 0,
    retryBaseDelayMs: 1,
    maxRetryDelayMs: 50,
    fetch: fetchImpl,
    ...extra,
  });

const statusBody = {
  upload_status: "SUCCESS",
  processing_status: "SUCCESS",
  crossheck_status: "COMPLETED",
  master_status: "SUCCESS",
};

async function failure(p: Promise<unknown>): Promise<AtlasError> {
  try {
    await p;
  } catch (e) {
    if (isAtlasError(e)) return e;
    throw e;
  }
  throw new Error("expected an AtlasError");
}

describe("one request budget per instance", () => {
  it("holds across concurrent callers of every family and the health check", async () => {
    const { calls, fetchImpl } = fakeAtlas(() => Response.json(statusBody));
    const budget = new RequestBudget({ ratePerSecond: 20 });
    const atlas = client(fetchImpl, { budget });
    const started = Date.now();
    await Promise.all([
      ...Array.from({ length: 12 }, (_, i) => atlas.flow.status(`flow-${i}`)),
      ...Array.from({ length: 12 }, () => atlas.checkReachable("bulk")),
      ...Array.from({ length: 12 }, () => atlas.checkReachable("v3")),
    ]);
    const elapsed = Date.now() - started;
    // 2 token requests + 12 status reads, spaced 50 ms apart.
    expect(calls).toHaveLength(14);
    expect(elapsed).toBeGreaterThanOrEqual(13 * 50 - 20);
    const times = calls.map((c) => c.at).sort((a, b) => a - b);
    for (let i = 0; i < times.length; i++) {
      const inWindow = times.filter((t) => t >= times[i]! && t < times[i]! + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(21);
    }
  });

  it("a 429 slows every caller down, waits out Retry-After given as an HTTP date, then recovers", async () => {
    let first = true;
    const { calls, fetchImpl } = fakeAtlas(() => {
      if (first) {
        first = false;
        return Response.json(
          { error: "Too Many Requests" },
          { status: 429, headers: { "retry-after": new Date(Date.now() + 2_000).toUTCString() } },
        );
      }
      return Response.json(statusBody);
    });
    const budget = new RequestBudget({ ratePerSecond: 50 });
    const atlas = client(fetchImpl, { budget, maxRetries: 2, maxRetryDelayMs: 2_000 });
    await atlas.flow.status("f");
    expect(budget.currentRate).toBeLessThan(50);
    const after429 = calls.filter((c) => c.path.endsWith("/status"));
    expect(after429).toHaveLength(2);
    // The retry waited for the date Atlas named (HTTP dates have 1 s resolution: 1–2 s from now).
    expect(after429[1]!.at - after429[0]!.at).toBeGreaterThanOrEqual(950);
    for (let i = 0; i < 10; i++) await atlas.flow.status("f");
    expect(budget.currentRate).toBe(50);
  });
});

describe("messages", () => {
  it("reads field names only from Atlas's quoted list", () => {
    expect(parseFieldList("Missing or empty required parameters: ['flow_uuid', 'file_urls']")).toEqual([
      "flow_uuid",
      "file_urls",
    ]);
    expect(parseFieldList("Missing or empty required parameters: ['file_urls[0].file_url']")).toEqual([
      "file_urls[0].file_url",
    ]);
    expect(parseFieldList("Invalid value in file_urls[0]: not a URL")).toEqual([]);
    expect(parseFieldList('Missing required ["flow_uuid"] parameters')).toEqual(["flow_uuid"]);
    expect(parseFieldList("entry [3] is bad")).toEqual([]);
  });

  it("a 400 whose message names an index, not a list, is not turned into 'field 0'", async () => {
    const { fetchImpl } = fakeAtlas(() =>
      Response.json({ error: "Invalid file_urls[0]: file_url must be a URL" }, { status: 400 }),
    );
    const e = await failure(
      client(fetchImpl).bulk.upload({ productType: "P", files: [{ documentId: "1", fileUrl: "x" }] }),
    );
    expect(e.kind).toBe("invalid_params");
    expect(e.fields).toEqual([]);
    expect(e.userMessage).toContain('Atlas said: "Invalid file_urls[0]: file_url must be a URL"');
    expect(e.userMessage).not.toMatch(/\b0\b(?!\])/);
  });

  it("a 422 on the Bulk API does not talk about auth URLs; on the Flow API it does", async () => {
    const { fetchImpl } = fakeAtlas(() =>
      Response.json({ error: "Unprocessable: product_type not provisioned" }, { status: 422 }),
    );
    const bulk = await failure(
      client(fetchImpl).bulk.upload({ productType: "P", files: [{ documentId: "1", fileUrl: "x" }] }),
    );
    expect(bulk.kind).toBe("unprocessable");
    expect(bulk.userMessage).not.toMatch(/auth/i);
    expect(bulk.userMessage).toContain("product_type not provisioned");
    const docstream = await failure(
      client(fetchImpl, { batchApi: "docstream" }).bulk.upload({
        productType: "P",
        files: [{ documentId: "1", fileUrl: "x" }],
      }),
    );
    expect(docstream.userMessage).not.toMatch(/auth/i);
    const flow = await failure(
      client(fetchImpl).flow.upload({ flowUuid: "f", files: [{ documentId: "1", fileUrl: "x" }] }),
    );
    expect(flow.kind).toBe("auth_url_unreachable");
  });

  it.each([
    [
      502,
      "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>",
      "text/html",
    ],
    [
      503,
      "<!DOCTYPE html><html><body><h1>Service Temporarily Unavailable</h1><p>secret-value</p></body></html>",
      "text/html; charset=utf-8",
    ],
    [403, "<html><body>Request blocked by the firewall. Reference #18.2f</body></html>", "text/plain"],
  ])("an HTML error page (%i) from a proxy is summarised, not pasted", async (status, page, type) => {
    const { fetchImpl } = fakeAtlas(() => new Response(page, { status, headers: { "content-type": type } }));
    const e = await failure(client(fetchImpl).flow.status("f"));
    expect(e.userMessage).toMatch(new RegExp(`^Atlas answered ${status} from a proxy`));
    expect(e.userMessage).not.toContain("<");
    expect(e.userMessage).not.toContain("secret-value");
    expect(e.userMessage.length).toBeLessThan(300);
  });

  it("a 200 with an HTML page is a protocol error that says so", async () => {
    const { fetchImpl } = fakeAtlas(
      () =>
        new Response("<html><title>Sign in</title><body>...</body></html>", {
          status: 200,
          headers: { "content-type": "text/html" },
        }),
    );
    const e = await failure(client(fetchImpl).flow.status("f"));
    expect(e.kind).toBe("protocol");
    expect(e.userMessage).toContain('an HTML error page ("Sign in")');
    expect(e.userMessage).not.toContain("<");
  });
});

describe("a base URL per API family", () => {
  it("sends batches to the Bulk or docstream host and flows to the Flow host, each with its own token", async () => {
    const { calls, fetchImpl } = fakeAtlas((url) =>
      url.pathname.endsWith("/extracts") && url.pathname.includes("/v1/")
        ? Response.json({ data: [], page: 1, has_next: false })
        : Response.json(statusBody),
    );
    const hosts: string[] = [];
    const tracking: typeof fetch = (input, init) => {
      hosts.push(`${new URL(String(input)).host}${new URL(String(input)).pathname}`);
      return fetchImpl(input, init);
    };
    const atlas = client(tracking, {
      baseUrl: "https://default.test",
      baseUrls: { bulk: "https://docstream.sandbox.test", v3: "https://flows.test" },
      batchApi: "docstream",
    });
    await atlas.bulk.extracts({ batchId: "B" });
    await atlas.flow.status("f");
    expect(hosts).toEqual([
      "docstream.sandbox.test/v1/docstream/authtoken",
      "docstream.sandbox.test/v1/docstream/extracts",
      "flows.test/v3/verification/authtoken",
      "flows.test/v3/verification/status",
    ]);
    expect(calls).toHaveLength(4);
    expect(atlas.endpoints()).toEqual({
      bulk: { api: "docstream", baseUrl: "https://docstream.sandbox.test" },
      v3: { api: "v3", baseUrl: "https://flows.test" },
    });
  });
});
