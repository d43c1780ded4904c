/**
 * POST /api/batches with `s3://` rows, against a real S3-compatible server (s3rver, started
 * here): a folder row expands on the server to its objects (include filter, ids from the keys),
 * a file row is recorded as its `s3://` location, and rows outside S3_ALLOWED_BUCKETS (crafted
 * ones too) are skipped and reported, never listed or recorded.
 */
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { documents } from "@/lib/db/schema";
import { testDrivers, useTestDatabase } from "@/lib/db/test-utils";
import { resetEnvForTests } from "@/lib/env";
import { createTestUser } from "@/test/batch-pipeline";
import { startLocalS3, type LocalS3 } from "@/test/s3-server";

const state = vi.hoisted(() => ({
  db: null as unknown,
  user: null as null | { id: string; email: string; name: string; role: string },
}));
vi.mock("@/lib/db", async (original) => ({
  ...(await original<typeof import("@/lib/db")>()),
  getDb: async () => state.db,
}));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => state.user }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("@/lib/batches/service", () => ({ getBatchEngine: () => ({ run: async () => undefined }) }));

const { POST } = await import("./route");

let s3: LocalS3;
const saved = { ...process.env };

beforeAll(async () => {
  s3 = await startLocalS3(["kyc-docs", "other-bucket", "kyc-docs.evil"]);
  Object.assign(process.env, s3.env, { S3_ALLOWED_BUCKETS: "kyc-docs/in/" });
  resetEnvForTests();
  for (let i = 1; i <= 7; i++) await s3.put("kyc-docs", `in/app-17/pan-${i}.jpg`, `pan ${i}`);
  await s3.put("kyc-docs", "in/app-17/co/pan-1.pdf", "%PDF co-applicant");
  await s3.put("kyc-docs", "in/app-17/notes.txt", "not a document");
  await s3.put("kyc-docs", "in/single.png", "png");
  await s3.put("kyc-docs", "secret/pan.jpg", "outside the allowed prefix");
  await s3.put("other-bucket", "in/a.jpg", "other");
  await s3.put("kyc-docs.evil", "in/x.jpg", "evil");
});

afterAll(async () => {
  await s3?.close();
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  resetEnvForTests();
});

function post(text: string, extensions?: string) {
  const params = new URLSearchParams({ clientKey: crypto.randomUUID(), label: "", productType: "POC_CDL" });
  if (extensions) params.set("extensions", extensions);
  return POST(
    new Request(`http://app.test/api/batches?${params}`, {
      method: "POST",
      body: text,
      headers: { host: "app.test", origin: "http://app.test", "x-atlas-review": "batch-form" },
    }),
    {},
  );
}

describe.each(testDrivers)("POST /api/batches with s3:// rows (%s)", (driver) => {
  const t = useTestDatabase(driver);
  const recorded = async (batchId: string) =>
    t.db
      .select({ id: documents.externalId, url: documents.fileUrl })
      .from(documents)
      .where(eq(documents.batchId, batchId))
      .orderBy(asc(documents.fileUrl));

  beforeAll(async () => {
    state.db = t.db;
    const id = await createTestUser(t.db);
    state.user = { id, email: "admin@example.test", name: "Admin", role: "admin" };
  });

  it("expands a folder on the server and records each object by its s3:// location", async () => {
    const response = await post("s3://kyc-docs/in/app-17/\ns3://kyc-docs/in/single.png");
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ created: true, rows: 9, skipped: { count: 0 } });
    const rows = await recorded(body.batchId);
    expect(rows).toContainEqual({ id: "co-pan-1", url: "s3://kyc-docs/in/app-17/co/pan-1.pdf" });
    expect(rows).toContainEqual({ id: "pan-1", url: "s3://kyc-docs/in/app-17/pan-1.jpg" });
    expect(rows).toContainEqual({ id: "single", url: "s3://kyc-docs/in/single.png" });
    expect(rows.some((r) => r.url.endsWith(".txt"))).toBe(false);
  });

  it("lists with the include filter the form sent", async () => {
    const body = await (await post("s3://kyc-docs/in/app-17/", "pdf")).json();
    expect(body).toMatchObject({ created: true, rows: 1 });
    expect(await recorded(body.batchId)).toEqual([
      { id: "co-pan-1", url: "s3://kyc-docs/in/app-17/co/pan-1.pdf" },
    ]);
  });

  it("skips and reports rows outside the allow-list, crafted ones included, and records the rest", async () => {
    const crafted = [
      "s3://other-bucket/in/a.jpg",
      "s3://kyc-docs.evil/in/x.jpg",
      "s3://kyc-docs/secret/pan.jpg",
      "s3://kyc-docs/secret/",
      "s3://kyc-docs/in/../secret/pan.jpg",
      "s3://kyc-docs/in/%2e%2e/secret/pan.jpg",
      "s3://KYC-DOCS/in/single.png",
      "s3://kyc-docs/in//single.png",
    ];
    const body = await (await post(["s3://kyc-docs/in/single.png", ...crafted].join("\n"))).json();
    expect(body).toMatchObject({ created: true, rows: 1, skipped: { count: crafted.length } });
    expect(await recorded(body.batchId)).toEqual([{ id: "single", url: "s3://kyc-docs/in/single.png" }]);
    const reasons = (body.skipped.rows as { line: number; reason: string }[]).map((r) => r.reason);
    expect(body.skipped.rows[0].line).toBe(2);
    expect(reasons[0]).toMatch(
      /not in a bucket or folder this server may read\. S3_ALLOWED_BUCKETS allows: kyc-docs\/in/,
    );
    expect(reasons[3]).toMatch(/S3_ALLOWED_BUCKETS/);
    expect(reasons[4]).toMatch(/^Not an S3 location/);
  });

  it("refuses a folder holding more files than a batch takes, saying so, rather than cutting it", async () => {
    process.env.BATCH_MAX_ROWS = "5";
    resetEnvForTests();
    try {
      const response = await post("s3://kyc-docs/in/app-17/\ns3://kyc-docs/in/single.png");
      const body = await response.json();
      expect(body).toMatchObject({ created: true, rows: 1, skipped: { count: 1 } });
      expect(body.skipped.rows[0].reason).toMatch(/^s3:\/\/kyc-docs\/in\/app-17\/ holds more than 5 files/);
    } finally {
      delete process.env.BATCH_MAX_ROWS;
      resetEnvForTests();
    }
  });

  it("says when a folder holds no file of the filter, and records nothing from it", async () => {
    const response = await post("s3://kyc-docs/in/app-17/", "tiff");
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/no valid rows.*holds no tiff files/);
  });
});
