/**
 * The document-file route for documents stored as `s3://bucket/key`: read through the S3 SDK
 * with the server's credentials each time a reviewer opens the scan, so it never expires; the
 * allow-list still applies, and a missing object is explained.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db";
import { SYSTEM_ACTOR } from "@/lib/db/queries/audit";
import { createUser } from "@/lib/db/queries/users";
import { batches, documents } from "@/lib/db/schema";
import { testDrivers, useTestDatabase } from "@/lib/db/test-utils";
import { resetEnvForTests } from "@/lib/env";
import { startLocalS3, type LocalS3 } from "@/test/s3-server";

const state = vi.hoisted(() => ({
  db: null as unknown,
  user: null as null | { id: string; email: string; name: string; role: string },
}));
vi.mock("@/lib/db", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/db")>()),
  getDb: async () => state.db,
}));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => state.user }));

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
let s3: LocalS3;
const saved = { ...process.env };

beforeAll(async () => {
  s3 = await startLocalS3(["scans", "elsewhere"]);
  await s3.put("scans", "kyc/pan-1.png", PNG, "image/png");
  await s3.put("scans", "kyc/unlabelled.pdf", "%PDF-1.4 x", "application/octet-stream");
  await s3.put("elsewhere", "kyc/pan-2.png", PNG, "image/png");
  Object.assign(process.env, s3.env, { S3_ALLOWED_BUCKETS: "scans/kyc/" });
  delete process.env.ATLAS_BASE_URL;
  resetEnvForTests();
});

afterAll(async () => {
  await s3?.close();
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  resetEnvForTests();
});

describe.each(testDrivers)("GET /api/documents/[id]/file for s3:// documents on %s", (driver) => {
  const t = useTestDatabase(driver);
  let batchId = "";

  beforeAll(async () => {
    const owner = await createUser(
      t.db as Db,
      { email: `s3-owner-${driver}@example.test`, name: "Owner", role: "admin", passwordHash: "x" },
      SYSTEM_ACTOR,
    );
    state.user = { id: owner.id, email: owner.email, name: owner.name, role: "reviewer" };
    const [batch] = await t.db
      .insert(batches)
      .values({ label: "s3 files", productType: "POC_CDL", createdBy: owner.id })
      .returning({ id: batches.id });
    batchId = batch!.id;
  });

  beforeEach(() => {
    state.db = t.db;
  });

  async function get(fileUrl: string, createdAt = new Date()) {
    const [row] = await t.db
      .insert(documents)
      .values({
        createdAt,
        batchId,
        externalId: `d-${crypto.randomUUID()}`,
        fileUrl,
        status: "extracted",
        documentType: "PAN",
      })
      .returning({ id: documents.id });
    const { GET } = await import("./route");
    return GET(new Request(`http://localhost/api/documents/${row!.id}/file`), {
      params: Promise.resolve({ id: row!.id }),
    });
  }

  it("serves the object read through the SDK, typed and sandboxed like any scan", async () => {
    const response = await get("s3://scans/kyc/pan-1.png");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("content-security-policy")).toContain("sandbox");
    expect(Buffer.from(await response.arrayBuffer())).toEqual(PNG);
    // Storage said octet-stream: the key's extension decides.
    const pdf = await get("s3://scans/kyc/unlabelled.pdf");
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
  });

  it("refuses a bucket or folder off the allow-list, and names the setting", async () => {
    for (const link of ["s3://elsewhere/kyc/pan-2.png", "s3://scans/kyc/../secret.png"]) {
      const response = await get(link);
      expect(response.status).toBe(403);
      expect((await response.json()).error).toMatch(/S3_ALLOWED_BUCKETS|cannot|step out/);
    }
  });

  it("explains a missing object", async () => {
    const response = await get("s3://scans/kyc/gone.png");
    expect(response.status).toBe(404);
    expect((await response.json()).error).toMatch(/s3:\/\/scans\/kyc\/gone\.png was not found/);
  });

  // Last: the SDK keeps the clock offset it learns from S3 for the rest of the client's life.
  it("still serves it however long ago the document was recorded (nothing to expire)", async () => {
    // Recorded 30 days ago (not a faked clock: the SDK signs with the real one, and S3 refuses a
    // request signed more than 15 minutes off).
    const monthAgo = new Date(Date.now() - 30 * 24 * 3600_000);
    expect((await get("s3://scans/kyc/pan-1.png", monthAgo)).status).toBe(200);
  });
});
