/**
 * Each S3 failure a person can meet, answered by a tiny local server that speaks S3's XML errors,
 * so the real SDK parses them (retries, region redirects, HEAD without a body) and lib/s3 turns
 * them into messages that name the permission, region or setting to fix.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { isUserError } from "@/lib/errors";
import {
  expandS3Prefix,
  getS3Object,
  headS3Object,
  listS3Page,
  signS3Get,
  type S3ErrorDetails,
} from "./index";

const xmlError = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>r1</RequestId></Error>`;

const listing = (keys: string[], truncated: boolean) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult><Name>b</Name><Prefix></Prefix><Marker></Marker><MaxKeys>1000</MaxKeys><IsTruncated>${truncated}</IsTruncated>${keys
    .map(
      (k) =>
        `<Contents><Key>${k}</Key><Size>3</Size><LastModified>2026-01-01T00:00:00.000Z</LastModified></Contents>`,
    )
    .join("")}</ListBucketResult>`;

let server: http.Server;
let endpoint = "";
let slowDowns = 0;
const seen: string[] = [];
const saved = { ...process.env };

function answer(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? "/", "http://x");
  const [, bucket = "", ...rest] = url.pathname.split("/");
  const key = decodeURIComponent(rest.join("/"));
  const region = /Credential=[^/]+\/\d+\/([^/]+)\//.exec(req.headers.authorization ?? "")?.[1];
  seen.push(`${req.method} ${bucket}/${key} ${region}`);
  const send = (status: number, body = "", headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/xml", ...headers });
    res.end(req.method === "HEAD" ? undefined : body);
  };
  if (bucket === "denied") return send(403, xmlError("AccessDenied", "Access Denied"));
  if (bucket === "nobucket")
    return send(404, xmlError("NoSuchBucket", "The specified bucket does not exist"));
  if (bucket === "moved" || (bucket === "moved-ok" && region !== "eu-west-1"))
    return send(301, xmlError("PermanentRedirect", "The bucket is in this region: eu-west-1."), {
      "x-amz-bucket-region": "eu-west-1",
    });
  // S3 names a bucket's region on HEAD bucket, whatever it answers.
  if (bucket === "moved-ok")
    return send(200, listing(["in/a.jpg"], false), { "x-amz-bucket-region": "eu-west-1" });
  if (bucket === "slow" && slowDowns++ < 2)
    return send(503, xmlError("SlowDown", "Please reduce your request rate."));
  if (bucket === "slow") return send(200, listing(["in/a.jpg"], false));
  if (bucket === "always-slow") return send(503, xmlError("SlowDown", "Please reduce your request rate."));
  if (bucket === "half")
    return url.searchParams.get("marker")
      ? send(403, xmlError("AccessDenied", "Access Denied"))
      : send(200, listing(["in/a.jpg", "in/b.jpg"], true));
  if (bucket === "bad-key")
    return send(403, xmlError("InvalidAccessKeyId", "The AWS Access Key Id does not exist."));
  if (key === "kms.jpg")
    return send(
      403,
      xmlError(
        "AccessDenied",
        "User: arn:aws:sts::111122223333:assumed-role/atlas-review/i-1 is not authorized to perform: kms:Decrypt on the resource associated with this ciphertext because the resource does not exist in this Region",
      ),
    );
  if (key === "missing.jpg") return send(404, xmlError("NoSuchKey", "The specified key does not exist."));
  return send(200, "ok", { "content-type": "image/jpeg" });
}

beforeAll(async () => {
  server = http.createServer(answer);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

beforeEach(() => {
  Object.assign(process.env, {
    S3_ENDPOINT: endpoint,
    S3_REGION: "ap-south-1",
    S3_ACCESS_KEY_ID: "AKIAEXAMPLE",
    S3_SECRET_ACCESS_KEY: "secret",
    S3_MAX_ATTEMPTS: "3",
    S3_ALLOWED_BUCKETS: "denied,nobucket,moved,moved-ok,slow,always-slow,half,bad-key,files",
  });
  resetEnvForTests();
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
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
  return error as { code: string; userMessage: string; details: S3ErrorDetails & Record<string, unknown> };
}

describe("errors a person can act on", () => {
  it("access denied on a listing names s3:ListBucket and the bucket", async () => {
    const e = await refusal(listS3Page({ bucket: "denied", prefix: "in/" }));
    expect(e.code).toBe("forbidden");
    expect(e.userMessage).toBe(
      "S3 denied access to s3://denied/in/: the server's credentials need s3:ListBucket on arn:aws:s3:::denied.",
    );
    expect(e.details.permission).toBe("s3:ListBucket");
  });

  it("access denied on reading names s3:GetObject and the object", async () => {
    const e = await refusal(getS3Object({ bucket: "denied", key: "in/a.jpg" }));
    expect(e.userMessage).toMatch(/need s3:GetObject on arn:aws:s3:::denied\/in\/a\.jpg/);
    const head = await refusal(headS3Object({ bucket: "denied", key: "in/a.jpg" }));
    expect(head.details.permission).toBe("s3:GetObject");
  });

  it("a KMS-encrypted object the role cannot decrypt names kms:Decrypt", async () => {
    const e = await refusal(getS3Object({ bucket: "files", key: "kms.jpg" }));
    expect(e.code).toBe("forbidden");
    expect(e.userMessage).toMatch(/encrypted with a KMS key .* grant it kms:Decrypt on that key/);
    expect(e.details.permission).toBe("kms:Decrypt");
  });

  it("a missing object and a missing bucket are named", async () => {
    const key = await refusal(getS3Object({ bucket: "files", key: "missing.jpg" }));
    expect(key.code).toBe("not_found");
    expect(key.userMessage).toMatch(/^s3:\/\/files\/missing\.jpg was not found/);
    const bucket = await refusal(listS3Page({ bucket: "nobucket", prefix: "" }));
    expect(bucket.code).toBe("not_found");
    expect(bucket.userMessage).toMatch(/The bucket “nobucket” does not exist/);
  });

  it("a bucket in another region: the SDK's redirect is followed", async () => {
    seen.length = 0;
    const page = await listS3Page({ bucket: "moved-ok", prefix: "in/" });
    expect(page.files.map((f) => f.key)).toEqual(["in/a.jpg"]);
    expect(seen).toContain("GET moved-ok/ eu-west-1");
  });

  it("links are signed for the bucket's own region (Atlas follows no redirect)", async () => {
    const url = new URL(await signS3Get({ bucket: "moved-ok", key: "in/a.jpg" }));
    expect(url.searchParams.get("X-Amz-Credential")).toMatch(/\/eu-west-1\/s3\/aws4_request$/);
    const here = new URL(await signS3Get({ bucket: "files", key: "a.jpg" }));
    expect(here.searchParams.get("X-Amz-Credential")).toMatch(/\/ap-south-1\/s3\/aws4_request$/);
  });

  it("a bucket that still answers from elsewhere after the redirect names its region", async () => {
    const e = await refusal(listS3Page({ bucket: "moved", prefix: "in/" }));
    expect(e.userMessage).toMatch(/is in region eu-west-1 .* set S3_REGION=eu-west-1/);
    expect(e.details.region).toBe("eu-west-1");
  });

  it("throttling is retried with backoff, and reported after the last attempt", async () => {
    slowDowns = 0;
    const page = await listS3Page({ bucket: "slow", prefix: "in/" });
    expect(page.files).toHaveLength(1);
    expect(slowDowns).toBe(3);
    const e = await refusal(listS3Page({ bucket: "always-slow", prefix: "in/" }));
    expect(e.userMessage).toMatch(/S3 is throttling requests \(SlowDown\) and still was after 3 attempts/);
  });

  it("a listing failing after its first page says how far it got", async () => {
    const e = await refusal(expandS3Prefix({ bucket: "half", key: "in/" }));
    expect(e.userMessage).toMatch(
      /^Listing s3:\/\/half\/in\/ stopped after 1 page \(2 objects\), so it is incomplete and nothing from it was used: S3 denied access/,
    );
    expect(e.details).toMatchObject({ pagesListed: 1, objectsListed: 2 });
  });

  it("credentials S3 refuses are named", async () => {
    const e = await refusal(listS3Page({ bucket: "bad-key", prefix: "" }));
    expect(e.userMessage).toMatch(/S3 refused the server's credentials \(InvalidAccessKeyId\)/);
  });

  it("no credentials anywhere in the chain: says which settings and chain were tried", async () => {
    delete process.env.S3_ACCESS_KEY_ID;
    delete process.env.S3_SECRET_ACCESS_KEY;
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: "",
      AWS_SECRET_ACCESS_KEY: "",
      AWS_PROFILE: "atlas-review-test-none",
      AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/credentials",
      AWS_CONFIG_FILE: "/nonexistent/config",
      AWS_EC2_METADATA_DISABLED: "true",
    });
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    delete process.env.AWS_WEB_IDENTITY_TOKEN_FILE;
    delete process.env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI;
    delete process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
    resetEnvForTests();
    const list = await refusal(listS3Page({ bucket: "files", prefix: "" }));
    expect(list.userMessage).toMatch(
      /^No AWS credentials were found for S3\. Set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY/,
    );
    const sign = await refusal(signS3Get({ bucket: "files", key: "a.jpg" }));
    expect(sign.details.s3Code).toBe("no_credentials");
  });
});
