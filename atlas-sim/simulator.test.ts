import { beforeEach, describe, expect, it } from "vitest";
import { createSimulator } from "./simulator";
import { BASE, files, SimHarness } from "./test-harness";

let h: SimHarness;

beforeEach(() => {
  h = new SimHarness();
});

describe("bulk extracts paging", () => {
  async function batchOf(n: number) {
    const t = await h.token("v1/bulk");
    const names = Array.from({ length: n }, (_, i) => `doc-${i}`);
    const upload = await h.call(
      "POST",
      "/v1/bulk/multiupload",
      { product_type: "POC_CDL", file_urls: files(names) },
      t,
    );
    expect(upload.status).toBe(201);
    return { t, batchId: (upload.json as unknown as Array<{ batch_id: string }>)[0]!.batch_id };
  }

  it("clamps per_page to 50 and reports per_page = len(data)", async () => {
    const { t, batchId } = await batchOf(50);
    const page = await h.call("GET", `/v1/bulk/extracts?batch_id=${batchId}&per_page=500`, undefined, t);
    expect(page.json).toMatchObject({
      page: 1,
      per_page: 50,
      total_pages: 1,
      total_items: 50,
      has_next: false,
    });
  });

  it("answers a page past the end with empty data", async () => {
    const { t, batchId } = await batchOf(3);
    const page = await h.call("GET", `/v1/bulk/extracts?batch_id=${batchId}&page=5&per_page=2`, undefined, t);
    expect(page.json).toMatchObject({
      data: [],
      page: 5,
      per_page: 0,
      has_next: false,
      has_prev: true,
      total_items: 3,
    });
  });

  it("processes asynchronously with latency, in completion order", async () => {
    h.start(2_000);
    const { t, batchId } = await batchOf(2);
    const early = await h.call("GET", `/v1/bulk/extracts?batch_id=${batchId}`, undefined, t);
    expect(early.json).toMatchObject({ data: [], total_items: 0 });
    h.sim.advance(2_000);
    const done = await h.call("GET", `/v1/bulk/extracts?batch_id=${batchId}`, undefined, t);
    expect(done.json).toMatchObject({ total_items: 2 });
  });

  it("lets documents appear between page reads, and can lie about has_next", async () => {
    h.sim.addFault({ kind: "hold_documents", count: 1 });
    const { t, batchId } = await batchOf(3);
    const first = await h.call("GET", `/v1/bulk/extracts?batch_id=${batchId}&per_page=2`, undefined, t);
    expect(first.json).toMatchObject({ total_items: 2, has_next: false });
    const again = await h.call(
      "GET",
      `/v1/bulk/extracts?batch_id=${batchId}&per_page=2&page=2`,
      undefined,
      t,
    );
    expect(again.json).toMatchObject({ total_items: 3, per_page: 1 });
    expect((again.json.data as Array<{ document_id: string }>)[0]?.document_id).toBe("3");

    h.sim.addFault({ kind: "lie_has_next" });
    const lie = await h.call("GET", `/v1/bulk/extracts?batch_id=${batchId}`, undefined, t);
    expect(lie.json).toMatchObject({ total_pages: 1, has_next: true });
  });
});

describe("specimens, files and control endpoints", () => {
  it("lists absolute specimen URLs and serves SVGs that print the extracted values", async () => {
    const specimens = await h.sim.handle(
      new Request(`${BASE}/specimens`, {
        headers: { "x-forwarded-proto": "https", "x-forwarded-host": "review.example.in" },
      }),
    );
    const list = (
      (await specimens.json()) as {
        specimens: Array<{ name: string; fileUrl: string; documentType: string }>;
      }
    ).specimens;
    expect(list.find((s) => s.name === "aadhaar-badcheck")?.fileUrl).toBe(
      "https://review.example.in/atlas-sim/files/aadhaar-badcheck.svg",
    );
    expect(new Set(list.map((s) => s.documentType))).toContain("UNRECOGNISED");

    const t = await h.token("v1/bulk");
    const pan = list.find((s) => s.name === "pan-01")!;
    const up = await h.call(
      "POST",
      "/v1/bulk/multiupload",
      { product_type: "X", file_urls: [{ file_url: pan.fileUrl, document_id: "p" }] },
      t,
    );
    const batchId = (up.json as unknown as Array<{ batch_id: string }>)[0]!.batch_id;
    const page = await h.call("GET", `/v1/bulk/extracts?batch_id=${batchId}`, undefined, t);
    const fileData = (page.json.data as Array<{ file_data: Record<string, { value: string }> }>)[0]!
      .file_data;
    const svg = await (
      await h.sim.handle(new Request(pan.fileUrl.replace("https://review.example.in", "http://h.sim.test")))
    ).text();
    for (const key of ["name_as_per_pan", "father_name", "dob", "pan_number"])
      expect(svg).toContain(fileData[key]!.value);
  });

  it("refuses expired pre-signed file URLs with an S3-style 403", async () => {
    const response = await h.sim.handle(
      new Request(`${BASE}/files/pan-01.svg?X-Amz-Date=20250101T000000Z&X-Amz-Expires=60`),
    );
    expect(response.status).toBe(403);
    expect(await response.text()).toContain(
      "<Code>AccessDenied</Code><Message>Request has expired</Message>",
    );
  });

  it("arms faults through POST /__sim/faults and resets", async () => {
    const armed = await h.call("POST", "/__sim/faults", {
      kind: "status",
      status: 503,
      count: 2,
      endpoint: "/v1/bulk/extracts",
    });
    expect(armed.json.faults).toEqual([
      { kind: "status", status: 503, count: 2, endpoint: "/v1/bulk/extracts", remaining: 2 },
    ]);
    expect((await h.call("POST", "/__sim/faults", { kind: "nope" })).status).toBe(400);
    await h.call("POST", "/__sim/reset");
    expect((await h.call("GET", "/__sim/faults")).json).toEqual({ faults: [] });
  });

  it("answers 401 for missing or wrong-family tokens and 400 for missing credentials", async () => {
    expect((await h.call("GET", "/v1/bulk/extracts?batch_id=x")).json).toEqual({
      error: "Invalid token",
      reason: "Missing Token header",
    });
    const v3 = await h.token("v3/verification");
    expect((await h.call("GET", "/v1/bulk/extracts?batch_id=x", undefined, v3)).status).toBe(401);
    const noCreds = await h.sim.handle(new Request(`${BASE}/v1/bulk/authtoken`, { method: "POST" }));
    expect(noCreds.status).toBe(400);
    expect(await noCreds.json()).toEqual({ error: "Missing Client-Id or Client-Secret" });
  });
});

describe("profiles and the issue-12 faults", () => {
  async function upload(names: string[]) {
    const t = await h.token("v1/bulk");
    const answer = await h.call(
      "POST",
      "/v1/bulk/multiupload",
      { product_type: "POC_CDL", file_urls: files(names) },
      t,
    );
    return { t, answer };
  }

  it("lists profiles, arms one at run time, and refuses unknown names and options", async () => {
    const listed = (await h.call("GET", "/__sim/profiles")).json as { profiles: Array<{ name: string }> };
    expect(listed.profiles.map((p) => p.name)).toContain("short-pages");
    expect((await h.call("POST", "/__sim/profile", { name: "nope" })).status).toBe(400);
    expect((await h.call("POST", "/__sim/profile", { name: "nan" })).status).toBe(200);
    expect(h.sim.faults()).toMatchObject([{ kind: "nan_tokens" }]);
    const bad = await h.call("POST", "/__sim/faults", { kind: "confidence_format", format: "roman" });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/format.*one of: string/);
    expect(() => createSimulator({ profile: "short-pages,nope" })).toThrow(
      /Unknown simulator profile "nope"; known: /,
    );
  });

  it("keeps start-up profiles across a reset", () => {
    const sim = createSimulator({ profile: ["short-pages", "split-batches"] });
    sim.reset();
    expect(sim.faults().map((f) => f.kind)).toEqual(["short_pages", "split_batch"]);
  });

  it("short pages: 20 per page whatever per_page asks, no has_next, total_pages or total_items", async () => {
    h.sim.applyProfile("short-pages");
    const { t, answer } = await upload(Array.from({ length: 30 }, (_, i) => `d${i}`));
    const batchId = (answer.json as unknown as Array<{ batch_id: string }>)[0]!.batch_id;
    const page2 = await h.call(
      "GET",
      `/v1/bulk/extracts?batch_id=${batchId}&page=2&per_page=50`,
      undefined,
      t,
    );
    expect((page2.json.data as unknown[]).length).toBe(10);
    expect(page2.json).not.toHaveProperty("has_next");
    expect(page2.json).not.toHaveProperty("total_pages");
    expect(page2.json).not.toHaveProperty("total_items");
  });

  it("NaN bodies are not standard JSON but carry every document", async () => {
    h.sim.applyProfile("nan");
    const { t, answer } = await upload(["a", "b", "c"]);
    const batchId = (answer.json as unknown as Array<{ batch_id: string }>)[0]!.batch_id;
    const response = await h.sim.handle(
      new Request(`${BASE}/v1/bulk/extracts?batch_id=${batchId}`, { headers: { Token: t } }),
    );
    const text = await response.text();
    expect(text).toMatch(/"confidence_score":-Infinity/);
    expect(() => JSON.parse(text)).toThrow();
  });

  it("split uploads answer with two batch_ids; a lost answer still creates the batch", async () => {
    h.sim.addFault({ kind: "split_batch" });
    const split = await upload(["a", "b", "c", "d"]);
    const ids = new Set((split.answer.json as unknown as Array<{ batch_id: string }>).map((e) => e.batch_id));
    expect(ids.size).toBe(2);
    h.sim.addFault({ kind: "lost_upload_answer", answer: "502_html" });
    const lost = await h.sim.handle(
      new Request(`${BASE}/v1/bulk/multiupload`, {
        method: "POST",
        headers: { "content-type": "application/json", Token: split.t },
        body: JSON.stringify({ product_type: "POC_CDL", file_urls: files(["e"]) }),
      }),
    );
    expect(lost.status).toBe(502);
    expect(await lost.text()).toMatch(/<h1>502 Bad Gateway<\/h1>/);
    expect(h.sim.documents().map((d) => d.fileUrl)).toContain("https://s3.example/e.jpg");
  });
});
