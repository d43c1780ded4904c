/**
 * The second reader on documents stored as `s3://bucket/key` (issue 17), against a real
 * S3-compatible server (s3rver, started here): the scan is read through the S3 SDK as the file
 * route reads it, OCR'd and matched. What S3 refuses ends "failed" with the reason (missing key,
 * a bucket outside S3_ALLOWED_BUCKETS, credentials refused, access denied); what may pass
 * (throttling, S3's 5xx, the network) throws, so the queue retries it. Access denied and
 * throttling come from a small stand-in that answers as S3 does (s3rver has no policies and is
 * never busy).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documents, secondReads } from "@/lib/db/schema";
import { testDrivers, useTestDatabase } from "@/lib/db/test-utils";
import { parseEnv, resetEnvForTests } from "@/lib/env";
import { seedBatch, seedDocument, seedReviewer } from "@/lib/review/test-support";
import { startLocalS3, type LocalS3 } from "@/test/s3-server";
import { OcrEngine } from "./engine";
import { fetchScan } from "./fetch-scan";
import { UnreadableFileError } from "./rasterise";
import { readDocument, readerSettings } from "./read-document";

const PAN = "ABCPK1234F";

function scanPng(): Buffer {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="700" height="200" font-family="Arial, Helvetica, sans-serif">
    <rect width="700" height="200" fill="#fff"/>
    <text x="30" y="80" font-size="20" fill="#555">Permanent Account Number</text>
    <text x="30" y="140" font-size="32" font-weight="bold">${PAN}</text></svg>`;
  return new Resvg(svg, { font: { loadSystemFonts: true } }).render().asPng();
}

/** Answers every request the way S3 answers a refusal: an XML error with S3's code. */
async function refusingS3(status: number, code: string, message: string) {
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    req.resume();
    res.writeHead(status, { "content-type": "application/xml", "x-amz-request-id": "TEST" });
    res.end(
      `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>TEST</RequestId></Error>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let s3: LocalS3;
const saved = { ...process.env };

function useEnv(overrides: Record<string, string>) {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(
    process.env,
    saved,
    s3.env,
    { S3_ALLOWED_BUCKETS: "scans/kyc/", S3_MAX_ATTEMPTS: "2" },
    overrides,
  );
  resetEnvForTests();
}

beforeAll(async () => {
  s3 = await startLocalS3(["scans", "elsewhere"]);
  await s3.put("scans", "kyc/pan-1.png", scanPng(), "image/png");
  await s3.put("scans", "kyc/notes.txt", "not a scan", "text/plain");
  await s3.put("elsewhere", "kyc/pan-2.png", scanPng(), "image/png");
  useEnv({});
});

afterAll(async () => {
  await s3?.close();
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  resetEnvForTests();
});

async function failure(p: Promise<unknown>): Promise<Error> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe("fetchScan on s3:// links", () => {
  it("reads the object's bytes and media type through the S3 SDK", async () => {
    const scan = await fetchScan("s3://scans/kyc/pan-1.png");
    expect(scan.mediaType).toBe("image/png");
    expect(scan.bytes.equals(scanPng())).toBe(true);
  });

  it("a missing key, a bucket outside the allow-list, a file that is not a scan: unreadable, in words", async () => {
    const missing = await failure(fetchScan("s3://scans/kyc/gone.png"));
    expect(missing).toBeInstanceOf(UnreadableFileError);
    expect(missing.message).toMatch(/s3:\/\/scans\/kyc\/gone\.png was not found/);
    const outside = await failure(fetchScan("s3://elsewhere/kyc/pan-2.png"));
    expect(outside).toBeInstanceOf(UnreadableFileError);
    expect(outside.message).toMatch(
      /not in a bucket or folder this server may read.*S3_ALLOWED_BUCKETS allows: scans\/kyc/,
    );
    const crafted = await failure(fetchScan("s3://scans/kyc/../secret/pan.png"));
    expect(crafted).toBeInstanceOf(UnreadableFileError);
    const text = await failure(fetchScan("s3://scans/kyc/notes.txt"));
    expect(text).toBeInstanceOf(UnreadableFileError);
    expect(text.message).toMatch(/text\/plain.*images and PDFs only/);
  });

  it("credentials S3 refuses: unreadable, naming the settings", async () => {
    useEnv({ S3_ACCESS_KEY_ID: "NOT-A-KEY" });
    try {
      const refused = await failure(fetchScan("s3://scans/kyc/pan-1.png"));
      expect(refused).toBeInstanceOf(UnreadableFileError);
      expect(refused.message).toMatch(/InvalidAccessKeyId.*S3_ACCESS_KEY_ID/);
    } finally {
      useEnv({});
    }
  });

  it("access denied: unreadable, naming the permission", async () => {
    const denying = await refusingS3(403, "AccessDenied", "Access Denied");
    useEnv({ S3_ENDPOINT: denying.endpoint });
    try {
      const denied = await failure(fetchScan("s3://scans/kyc/pan-1.png"));
      expect(denied).toBeInstanceOf(UnreadableFileError);
      expect(denied.message).toMatch(/S3 denied access to s3:\/\/scans\/kyc\/pan-1\.png.*s3:GetObject/);
    } finally {
      useEnv({});
      await denying.close();
    }
  });

  it.each([
    [503, "SlowDown", /throttling/],
    [500, "InternalError", /InternalError/],
  ])(
    "S3 answering %i %s: a plain error, retried (by the SDK, then the queue)",
    async (status, code, words) => {
      const busy = await refusingS3(status, code, "Please try again");
      useEnv({ S3_ENDPOINT: busy.endpoint });
      try {
        const error = await failure(fetchScan("s3://scans/kyc/pan-1.png"));
        expect(error).not.toBeInstanceOf(UnreadableFileError);
        expect(error.message).toMatch(words);
        expect(busy.requests()).toBe(2); // S3_MAX_ATTEMPTS
      } finally {
        useEnv({});
        await busy.close();
      }
    },
  );

  it("S3 not reachable: a plain error, retried", async () => {
    const gone = await refusingS3(200, "", "");
    await gone.close();
    useEnv({ S3_ENDPOINT: gone.endpoint, S3_MAX_ATTEMPTS: "1" });
    try {
      const error = await failure(fetchScan("s3://scans/kyc/pan-1.png"));
      expect(error).not.toBeInstanceOf(UnreadableFileError);
      expect(error.message).toMatch(/could not be reached/);
    } finally {
      useEnv({});
    }
  });
});

const DATA_DIR = path.join(os.tmpdir(), "atlas-review-second-reader-test");

describe.each(testDrivers)("the second reader on s3:// documents (%s)", (driver) => {
  const t = useTestDatabase(driver);
  const engine = new OcrEngine(["eng"], DATA_DIR);
  const settings = readerSettings(parseEnv({ NODE_ENV: "test", DATA_DIR }));
  afterAll(() => engine.stop());

  async function documentAt(fileUrl: string, pan: string) {
    const user = await seedReviewer(t.db, `S3 ${crypto.randomUUID().slice(0, 8)}`);
    const batchId = await seedBatch(t.db, user.id);
    const id = await seedDocument(t.db, batchId, `s3-${crypto.randomUUID()}`, "PAN", {
      pan_number: { value: pan, confidence_score: 0.97 },
    });
    await t.db.update(documents).set({ fileUrl }).where(eq(documents.id, id));
    await t.db.insert(secondReads).values({ documentId: id });
    return id;
  }
  const row = async (id: string) =>
    (await t.db.select().from(secondReads).where(eq(secondReads.documentId, id)))[0]!;

  it("reads the scan from S3, and a confident wrong value is flagged with the page's reading", async () => {
    const id = await documentAt("s3://scans/kyc/pan-1.png", "ABCPK1243F");
    expect(await readDocument(t.db, id, engine, settings)).toMatchObject({ status: "done", pages: 1 });
    const read = await row(id);
    expect(read).toMatchObject({ status: "done", pageCount: 1, error: null });
    expect(JSON.stringify(read.pages)).toContain(PAN);
    const [doc] = await t.db.select().from(documents).where(eq(documents.id, id));
    expect(doc!.needsReviewCount).toBe(1);
  }, 60_000);

  it("a missing key or a bucket outside the allow-list ends failed, with the reason", async () => {
    const missing = await documentAt("s3://scans/kyc/gone.png", PAN);
    expect(await readDocument(t.db, missing, engine, settings)).toMatchObject({ status: "failed" });
    expect(await row(missing)).toMatchObject({ status: "failed" });
    expect((await row(missing)).error).toMatch(/s3:\/\/scans\/kyc\/gone\.png was not found/);

    const outside = await documentAt("s3://elsewhere/kyc/pan-2.png", PAN);
    expect(await readDocument(t.db, outside, engine, settings)).toMatchObject({ status: "failed" });
    expect((await row(outside)).error).toMatch(/S3_ALLOWED_BUCKETS allows: scans\/kyc/);
  });

  it("throttled by S3, the job throws (the queue retries it) and the row stays queued", async () => {
    const busy = await refusingS3(503, "SlowDown", "Please reduce your request rate.");
    useEnv({ S3_ENDPOINT: busy.endpoint, S3_MAX_ATTEMPTS: "1" });
    try {
      const id = await documentAt("s3://scans/kyc/pan-1.png", PAN);
      await expect(readDocument(t.db, id, engine, settings)).rejects.toThrow(/throttling/);
      expect(await row(id)).toMatchObject({ status: "queued", attempts: 1, error: null });
    } finally {
      useEnv({});
      await busy.close();
    }
  });
});
