/**
 * POST /api/batches, the transport of a new batch: a full 5,000-row batch of 1.5 KB pre-signed
 * URLs is recorded (past the 1 MB server-action limit), a larger body is refused while it is
 * read, the same key twice records one batch, and a row that lapsed since the preview is
 * reported. (Anonymous and wrong-role callers: app/security.test.ts.)
 */
import { and, count, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db";
import { auditEvents, batches, documents } from "@/lib/db/schema";
import { testDrivers, useTestDatabase } from "@/lib/db/test-utils";
import { findRecorded } from "@/lib/batches/recorded";
import { fileIdentity, fileUrlBase } from "@/lib/batches/input/file-url";
import { createTestUser } from "@/test/batch-pipeline";

const state = vi.hoisted(() => ({
  db: null as unknown,
  user: null as null | { id: string; email: string; name: string; role: string },
  runs: [] as string[],
}));
vi.mock("@/lib/db", async (original) => ({
  ...(await original<typeof import("@/lib/db")>()),
  getDb: async () => state.db,
}));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => state.user }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("@/lib/batches/service", () => ({
  getBatchEngine: () => ({
    run: async (batchId: string) => {
      state.runs.push(batchId);
    },
  }),
}));

const { POST } = await import("./route");

const compact = (d: Date) => d.toISOString().replace(/[-:]|\.\d{3}/g, "");
function presigned(name: string, signedAt = new Date(), expires = 3600) {
  const token = encodeURIComponent(
    `IQoJb3JpZ2luX2VjE${"AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/".repeat(32)}==`,
  );
  return `https://kyc-bucket.s3.ap-south-1.amazonaws.com/in/${name}.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAQ3EXAMPLE%2F${compact(signedAt).slice(0, 8)}%2Fap-south-1%2Fs3%2Faws4_request&X-Amz-Date=${compact(signedAt)}&X-Amz-Expires=${expires}&X-Amz-Security-Token=${token}&X-Amz-SignedHeaders=host&X-Amz-Signature=${"ab12".repeat(16)}`;
}

function post(
  body: BodyInit,
  meta: { clientKey?: string; label?: string; productType?: string } = {},
  headers: Record<string, string> = {},
) {
  const params = new URLSearchParams({
    clientKey: meta.clientKey ?? crypto.randomUUID(),
    label: meta.label ?? "",
    productType: meta.productType ?? "POC_CDL",
  });
  return POST(
    new Request(`http://app.test/api/batches?${params}`, {
      method: "POST",
      body,
      headers: { host: "app.test", origin: "http://app.test", "x-atlas-review": "batch-form", ...headers },
      // @ts-expect-error -- Node needs duplex for a streamed body
      duplex: "half",
    }),
    {},
  );
}

describe.each(testDrivers)("POST /api/batches (%s)", (driver) => {
  const t = useTestDatabase(driver);
  const rowsOf = async (batchId: string) =>
    (await t.db.select({ n: count() }).from(documents).where(eq(documents.batchId, batchId)))[0]!.n;

  beforeAll(async () => {
    state.db = t.db;
    const id = await createTestUser(t.db);
    state.user = { id, email: "admin@example.test", name: "Admin", role: "admin" };
  });
  beforeEach(() => {
    state.runs = [];
  });

  it("records 5,000 rows of 1.5 KB pre-signed URLs (about 8 MB) and starts sending them", async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `big-${i},${presigned(`pan-big-${i}`)}`);
    const text = `document_id,file_url\n${rows.join("\n")}`;
    expect(rows[0]!.length).toBeGreaterThan(1500);
    expect(Buffer.byteLength(text)).toBeGreaterThan(7_500_000);
    const response = await post(text, { label: "Five thousand" });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ created: true, rows: 5000, label: "Five thousand", skipped: { count: 0 } });
    expect(await rowsOf(body.batchId)).toBe(5000);
    expect(state.runs).toEqual([body.batchId]);
  }, 60_000);

  it("refuses a body past the limit while reading it, declared or streamed", async () => {
    const limit = 5000 * 2048;
    const declared = await post("x", {}, { "content-length": String(limit + 1) });
    expect(declared.status).toBe(413);
    expect((await declared.json()).error).toBe(
      "The list is larger than 10.2 MB. Split it into several batches.",
    );
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1 << 20;
        controller.enqueue(new Uint8Array(1 << 20).fill(0x61));
        if (sent > 64 << 20) controller.close();
      },
    });
    const streamed = await post(endless);
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(16 << 20);
  });

  it("records one batch for one key, however often it is posted, and says so", async () => {
    const clientKey = crypto.randomUUID();
    const text = `once-1,${presigned("pan-once-1")}\nonce-2,${presigned("pan-once-2")}`;
    const first = await (await post(text, { clientKey, label: "Once" })).json();
    const second = await (await post(text, { clientKey, label: "Once" })).json();
    expect(first).toMatchObject({ created: true, rows: 2 });
    expect(second).toMatchObject({ created: false, rows: 2, batchId: first.batchId, label: "Once" });
    const [row] = await t.db.select({ n: count() }).from(batches).where(eq(batches.clientKey, clientKey));
    expect(row?.n).toBe(1);
    expect(state.runs).toEqual([first.batchId]);
  });

  it("reports a link that lapsed since the preview instead of dropping it silently", async () => {
    const lapsed = new Date(Date.now() - 3600_000 - 60_000);
    const text = `ok-1,${presigned("pan-ok-1")}\nlate-1,${presigned("pan-late-1", lapsed)}`;
    const body = await (await post(text)).json();
    expect(body.rows).toBe(1);
    expect(body.skipped.count).toBe(1);
    expect(body.skipped.text).toMatch(/^1 skipped: expired at \d{2}\/\d{2}\/\d{4}, \d{2}:\d{2} IST$/);
    const [audit] = await t.db
      .select({ after: auditEvents.after })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "batch.create"), eq(auditEvents.targetId, body.batchId)));
    expect(audit?.after).toMatchObject({ rows: 1, skipped: 1 });
    expect(body.skipped.rows).toEqual([
      { line: 2, documentId: "late-1", code: "url_expired", reason: expect.stringMatching(/^expired at /) },
    ]);
  });

  it("masks an Aadhaar number in the rows and labels it answers with", async () => {
    const lapsed = new Date(Date.now() - 3600_000 - 60_000);
    const text = `ok-9,${presigned("pan-ok-9")}\n234567890124,${presigned("pan-late-9", lapsed)}`;
    const body = await (await post(text, { label: "Ravi 2345 6789 0124" })).json();
    expect(body.label).toBe("Ravi XXXX XXXX 0124");
    expect(body.skipped.rows).toEqual([
      {
        line: 2,
        documentId: "XXXX XXXX 0124",
        code: "url_expired",
        reason: expect.stringMatching(/^expired at /),
      },
    ]);
    const refused = await (await post(`234567890124,javascript:alert(1)`)).json();
    expect(JSON.stringify(refused)).not.toMatch(/6789/);
    const unknown = await (await post("a", { productType: "CDL 2345-6789-0124" })).json();
    expect(unknown.error).toMatch(/CDL XXXX XXXX 0124/);
  });

  it("refuses a post without the form's header or from another site", async () => {
    expect((await post("a", {}, { "x-atlas-review": "" })).status).toBe(403);
    expect((await post("a", {}, { origin: "https://evil.example" })).status).toBe(403);
    expect((await post("a", {}, { "sec-fetch-site": "cross-site" })).status).toBe(403);
  });

  it("says what is wrong with the form or the rows", async () => {
    const badKey = await post("x", { clientKey: "nope" });
    expect(badKey.status).toBe(400);
    expect((await badKey.json()).error).toBe("The form is out of date; reload the page.");
    const badType = await post(`a,${presigned("pan-a")}`, { productType: "NOPE" });
    expect((await badType.json()).error).toMatch(/Unknown product type "NOPE"/);
    const nothing = await post("javascript:alert(1)");
    expect(nothing.status).toBe(400);
    expect((await nothing.json()).error).toMatch(
      /no valid rows to submit \(1 skipped: javascript: links are refused\)/,
    );
  });

  it("finds files (re-signed) and document ids already recorded in a batch", async () => {
    const text = `found-1,${presigned("pan-found-1")}`;
    const { batchId } = await (await post(text, { label: "Has them" })).json();
    const resigned = presigned("pan-found-1", new Date(Date.now() - 60_000), 600);
    const query = {
      files: [resigned, presigned("pan-not-there")].map((u) => ({
        base: fileUrlBase(u),
        identity: fileIdentity(u)!,
      })),
      documentIds: ["found-1", "never-used"],
    };
    expect(await findRecorded(t.db as Db, query)).toEqual([
      { kind: "file", value: fileIdentity(resigned), batchId, batchLabel: "Has them", documentId: "found-1" },
      { kind: "document_id", value: "found-1", batchId, batchLabel: "Has them", documentId: "found-1" },
    ]);
  });
});
