/**
 * lib/s3 against a real S3-compatible server (s3rver, started here on a random port): listing
 * pages, expanding a prefix with the extension filter and the limit, signing and fetching, link
 * expiry then re-signing, and the allow-list, which no crafted location gets past.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { isUserError } from "@/lib/errors";
import { startLocalS3, type LocalS3 } from "@/test/s3-server";
import {
  expandS3Prefix,
  getS3Object,
  headS3Object,
  listS3Page,
  parseS3Url,
  signS3Get,
  type S3Expansion,
  type S3Page,
} from "./index";

let s3: LocalS3;
const saved = { ...process.env };

beforeAll(async () => {
  s3 = await startLocalS3(["kyc-docs", "other-bucket", "kyc-docs.evil"]);
  Object.assign(process.env, s3.env, { S3_ALLOWED_BUCKETS: "kyc-docs/in/, other-bucket/allowed" });
  resetEnvForTests();
  for (let i = 0; i < 12; i++)
    await s3.put("kyc-docs", `in/batch-1/doc-${String(i).padStart(2, "0")}.jpg`, `jpg ${i}`);
  await s3.put("kyc-docs", "in/batch-1/notes.txt", "not a document");
  await s3.put("kyc-docs", "in/batch-1/deep/scan.PDF", "%PDF-1.4 deep", "application/pdf");
  await s3.put("kyc-docs", "in/single.png", "png bytes", "image/png");
  await s3.put("kyc-docs", "in/only-text/readme.txt", "text");
  await s3.put("kyc-docs", "secret/pan.jpg", "outside the allowed prefix");
  await s3.put("other-bucket", "allowed/a.pdf", "%PDF a");
  await s3.put("other-bucket", "allowed-not/b.pdf", "%PDF b");
  await s3.put("kyc-docs.evil", "in/x.jpg", "evil");
});

afterAll(async () => {
  await s3?.close();
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  resetEnvForTests();
});

async function refusal(p: Promise<unknown>) {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isUserError(error), String(error)).toBe(true);
  return error as { code: string; userMessage: string; details: Record<string, unknown> };
}

describe("listing", () => {
  it("lists one folder page by page: sub-folders, files with size and time", async () => {
    const first: S3Page = await listS3Page({ bucket: "kyc-docs", prefix: "in/batch-1/", pageSize: 5 });
    expect(first.folders).toEqual([{ prefix: "in/batch-1/deep/" }]);
    expect(first.files.length).toBeGreaterThan(0);
    expect(first.files[0]).toMatchObject({ key: "in/batch-1/doc-00.jpg", size: 5 });
    expect(Date.parse(first.files[0]!.lastModified)).not.toBeNaN();
    const keys = first.files.map((f) => f.key);
    let token = first.nextToken;
    expect(token).not.toBeNull();
    while (token) {
      const page = await listS3Page({
        bucket: "kyc-docs",
        prefix: "in/batch-1/",
        pageSize: 5,
        continuationToken: token,
      });
      keys.push(...page.files.map((f) => f.key));
      token = page.nextToken;
    }
    expect(keys).toHaveLength(13); // 12 jpg + notes.txt: the dialog shows every file
  });

  it("from the bucket's root shows only the way to the allowed folder", async () => {
    const root = await listS3Page({ bucket: "kyc-docs", prefix: "" });
    expect(root.folders).toEqual([{ prefix: "in/" }]);
    expect(root.files).toEqual([]);
    const other = await listS3Page({ bucket: "other-bucket", prefix: "" });
    expect(other.folders).toEqual([{ prefix: "allowed/" }]);
  });

  it("expands a prefix at every depth, keeping the configured extensions (any case)", async () => {
    const { objects, truncated }: S3Expansion = await expandS3Prefix({
      bucket: "kyc-docs",
      key: "in/batch-1/",
    });
    expect(truncated).toBe(false);
    expect(objects.map((o) => o.key)).toContain("in/batch-1/deep/scan.PDF");
    expect(objects.map((o) => o.key)).not.toContain("in/batch-1/notes.txt");
    expect(objects).toHaveLength(13);
    const onlyPdf = await expandS3Prefix({ bucket: "kyc-docs", key: "in/" }, { extensions: ["pdf"] });
    expect(onlyPdf.objects.map((o) => o.key)).toEqual(["in/batch-1/deep/scan.PDF"]);
  });

  it("says when a prefix holds more than the limit", async () => {
    const { objects, truncated } = await expandS3Prefix(
      { bucket: "kyc-docs", key: "in/batch-1/" },
      { limit: 10 },
    );
    expect(truncated).toBe(true);
    expect(objects).toHaveLength(10);
    const exact = await expandS3Prefix({ bucket: "kyc-docs", key: "in/batch-1/" }, { limit: 13 });
    expect(exact.truncated).toBe(false);
  });

  it("an empty prefix, or one with no documents, is an error that says which", async () => {
    const empty = await refusal(expandS3Prefix({ bucket: "kyc-docs", key: "in/nothing-here/" }));
    expect(empty.code).toBe("not_found");
    expect(empty.userMessage).toMatch(/s3:\/\/kyc-docs\/in\/nothing-here\/ is empty/);
    const text = await refusal(expandS3Prefix({ bucket: "kyc-docs", key: "in/only-text/" }));
    expect(text.userMessage).toMatch(/holds no jpg\/jpeg\/png\/pdf\/tif\/tiff files \(1 other object\)/);
  });
});

describe("signing and reading", () => {
  it("signs a link anyone can download with until it expires, then a fresh one works", async () => {
    const loc = parseS3Url("s3://kyc-docs/in/single.png")!;
    const url = await signS3Get(loc);
    expect(url).toMatch(/X-Amz-Expires=86400/);
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("png bytes");

    const short = await signS3Get(loc, { expiresInSeconds: 1 });
    await new Promise((r) => setTimeout(r, 2100));
    expect((await fetch(short)).status).toBe(403);
    const again = await fetch(await signS3Get(loc, { expiresInSeconds: 60 }));
    expect(again.status).toBe(200);
  });

  it("reads an object through the SDK (the file proxy's way), with its type and size", async () => {
    const out = await getS3Object({ bucket: "kyc-docs", key: "in/batch-1/deep/scan.PDF" });
    expect(out.contentType).toBe("application/pdf");
    expect(out.size).toBe(13);
    expect(await new Response(out.body).text()).toBe("%PDF-1.4 deep");
    expect(await headS3Object({ bucket: "kyc-docs", key: "in/single.png" })).toMatchObject({ size: 9 });
  });

  it("a missing object is not found, named", async () => {
    const missing = await refusal(getS3Object({ bucket: "kyc-docs", key: "in/nope.jpg" }));
    expect(missing.code).toBe("not_found");
    expect(missing.userMessage).toMatch(/s3:\/\/kyc-docs\/in\/nope\.jpg was not found/);
    const head = await refusal(headS3Object({ bucket: "kyc-docs", key: "in/nope.jpg" }));
    expect(head.code).toBe("not_found");
  });
});

describe("the allow-list", () => {
  const crafted = [
    "s3://kyc-docs/secret/pan.jpg",
    "s3://kyc-docs/in/../secret/pan.jpg",
    "s3://kyc-docs/in/%2e%2e/secret/pan.jpg",
    "s3://kyc-docs/in/%2E%2E/secret/pan.jpg",
    "s3://kyc-docs/in/./x.jpg",
    "s3://kyc-docs/in//../secret/pan.jpg",
    "s3://kyc-docs/in\\..\\secret/pan.jpg",
    "s3://kyc-docs.evil/in/x.jpg",
    "s3://KYC-DOCS/in/single.png",
    "s3://other-bucket/allowed-not/b.pdf",
    "s3://other-bucket/../kyc-docs/secret/pan.jpg",
    "s3://unknown-bucket/in/x.jpg",
  ];

  it.each(crafted)("%s cannot be signed, read or listed", async (text) => {
    const loc = parseS3Url(text) ?? {
      bucket: text.slice(5).split("/")[0]!,
      key: text.slice(5).split("/").slice(1).join("/"),
    };
    for (const attempt of [
      signS3Get(loc),
      getS3Object(loc),
      headS3Object(loc),
      listS3Page({ bucket: loc.bucket, prefix: loc.key.replace(/[^/]*$/, "") + "x/" }),
      expandS3Prefix({ bucket: loc.bucket, key: loc.key.replace(/[^/]*$/, "") }),
    ]) {
      const error = await refusal(attempt);
      expect(error.code).toBe("forbidden");
      expect(error.details.s3Code).toBe("not_allowed");
    }
  });

  it("names the setting and what it allows", async () => {
    const error = await refusal(signS3Get({ bucket: "kyc-docs", key: "secret/pan.jpg" }));
    expect(error.userMessage).toBe(
      "s3://kyc-docs/secret/pan.jpg is not in a bucket or folder this server may read. S3_ALLOWED_BUCKETS allows: kyc-docs/in, other-bucket/allowed.",
    );
  });

  it("with S3_ALLOWED_BUCKETS unset, nothing is listed or signed", async () => {
    const before = process.env.S3_ALLOWED_BUCKETS;
    delete process.env.S3_ALLOWED_BUCKETS;
    resetEnvForTests();
    try {
      const error = await refusal(signS3Get({ bucket: "kyc-docs", key: "in/single.png" }));
      expect(error.userMessage).toMatch(/S3_ALLOWED_BUCKETS/);
    } finally {
      process.env.S3_ALLOWED_BUCKETS = before;
      resetEnvForTests();
    }
  });
});
