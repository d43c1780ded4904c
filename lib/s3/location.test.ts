/**
 * `s3://` locations and the allow-list match, against S3's published bucket naming rules
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html, whose examples
 * are used below) and property tests: whatever the key, a location either stays inside an allowed
 * entry or is refused, and parsing undoes formatting.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { isUserError } from "@/lib/errors";
import {
  assertS3Allowed,
  assertS3Browsable,
  formatS3Url,
  parseS3Url,
  s3Settings,
  type S3Location,
} from "./index";
import {
  bucketNameProblem,
  keyProblem,
  leadsToAllowed,
  matchAllowEntry,
  parseAllowEntry,
  s3RowProblem,
} from "./location";

describe("bucket names (S3's published rules and examples)", () => {
  it.each([
    "docexamplebucket1",
    "log-delivery-march-2020",
    "my-hosted-content",
    "docexamplewebsite.com",
    "www.docexamplewebsite.com",
    "my.example.s3.bucket",
    "abc",
  ])("%s is valid", (name) => expect(bucketNameProblem(name)).toBeUndefined());

  it.each([
    "doc_example_bucket",
    "DocExampleBucket",
    "doc-example-bucket-",
    "ab",
    "a".repeat(64),
    "my..bucket",
    "my.-bucket",
    "192.168.5.4",
    "xn--bucket",
    "sthree-bucket",
    "bucket-s3alias",
    "bucket--ol-s3",
  ])("%s is refused", (name) => expect(bucketNameProblem(name)).toBeDefined());
});

const bucket = fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,20}[a-z0-9]$/);
const segment = fc
  .string({ minLength: 1, maxLength: 12 })
  .filter((s) => keyProblem(s) === undefined && !s.includes("/"));
// Surrounding spaces are not part of a pasted row, so a key cannot start or end with one.
const key = fc
  .array(segment, { minLength: 1, maxLength: 5 })
  .map((parts) => parts.join("/"))
  .filter((k) => k.trim() === k);

describe("parse and format", () => {
  it("parsing undoes formatting for every safe key", () => {
    fc.assert(
      fc.property(bucket, key, (b, k) => {
        const loc: S3Location = { bucket: b, key: k };
        expect(parseS3Url(formatS3Url(loc))).toEqual(loc);
      }),
    );
  });

  it("reads the scheme in any case and ignores surrounding spaces; a bare bucket is its root", () => {
    expect(parseS3Url("  S3://kyc-docs/in/a b.jpg ")).toEqual({ bucket: "kyc-docs", key: "in/a b.jpg" });
    expect(parseS3Url("s3://kyc-docs")).toEqual({ bucket: "kyc-docs", key: "" });
    expect(parseS3Url("https://kyc-docs/in/a.jpg")).toBeNull();
    expect(parseS3Url("s3:///in/a.jpg")).toBeNull();
  });
});

describe("the allow-list match", () => {
  const entries = ["kyc/in/", "loans"].map(parseAllowEntry);

  it("a prefix without its slash is the folder, never a longer name", () => {
    expect(parseAllowEntry("kyc/in")).toEqual({ bucket: "kyc", prefix: "in/" });
    expect(matchAllowEntry(entries, { bucket: "kyc", key: "india/a.jpg" })).toBeUndefined();
    expect(() => parseAllowEntry("Kyc")).toThrow(/lowercase/);
    expect(() => parseAllowEntry("kyc/../x")).toThrow(/“\.\.”/);
  });

  it("whatever is appended to an allowed prefix either stays under it or is refused", () => {
    const anything = fc.array(
      fc.oneof(fc.constantFrom("..", ".", "%2e%2e", "%2E.", "", "\\", "a", "b.jpg"), fc.string()),
      {
        maxLength: 6,
      },
    );
    fc.assert(
      fc.property(anything, (parts) => {
        const loc = { bucket: "kyc", key: `in/${parts.join("/")}` };
        const match = matchAllowEntry(entries, loc);
        if (match) {
          expect(keyProblem(loc.key)).toBeUndefined();
          const resolved = new URL(`https://h/${loc.key}`).pathname.slice(1);
          expect(resolved.startsWith("in/")).toBe(true);
        }
      }),
    );
  });

  it("browsing may start above an allowed prefix, never beside it", () => {
    expect(leadsToAllowed(entries, { bucket: "kyc", key: "" })).toBe(true);
    expect(leadsToAllowed(entries, { bucket: "kyc", key: "out/" })).toBe(false);
  });
});

describe("a pasted row (the batch form's preview)", () => {
  const entries = ["kyc/in/"].map(parseAllowEntry);
  it("says what is wrong, in the server's words", () => {
    expect(s3RowProblem("s3://kyc/in/a.jpg", entries)).toBeUndefined();
    expect(s3RowProblem("s3://kyc/in/", entries)).toBeUndefined();
    // A row expands what it names: a folder above the allowed one would reach beyond it.
    expect(s3RowProblem("s3://kyc/", entries)).toMatch(/is not in a bucket or folder/);
    expect(s3RowProblem("s3://kyc/a.jpg", entries)).toBe(
      "s3://kyc/a.jpg is not in a bucket or folder this server may read. S3_ALLOWED_BUCKETS allows: kyc/in.",
    );
    expect(s3RowProblem("s3://kyc/in/../a.jpg", entries)).toMatch(/cannot be used: .*“\.\.”/);
    expect(s3RowProblem("s3://Kyc/in/a.jpg", entries)).toMatch(/is not a bucket name/);
    expect(s3RowProblem("s3://kyc/in/a.jpg", [])).toMatch(/^S3 input is not configured/);
  });
});

describe("the server-side checks", () => {
  const saved = process.env.S3_ALLOWED_BUCKETS;
  afterAll(() => {
    if (saved === undefined) delete process.env.S3_ALLOWED_BUCKETS;
    else process.env.S3_ALLOWED_BUCKETS = saved;
    resetEnvForTests();
  });

  it("read S3_ALLOWED_BUCKETS and refuse what it does not admit", () => {
    process.env.S3_ALLOWED_BUCKETS = "kyc/in/";
    resetEnvForTests();
    expect(s3Settings()).toMatchObject({
      enabled: true,
      allowed: [{ bucket: "kyc", prefix: "in/" }],
      signExpirySeconds: 86400,
    });
    expect(() => assertS3Allowed({ bucket: "kyc", key: "in/a.jpg" })).not.toThrow();
    expect(assertS3Browsable({ bucket: "kyc", key: "" })).toHaveLength(1);
    let error: unknown;
    try {
      assertS3Allowed({ bucket: "kyc", key: "out/a.jpg" });
    } catch (e) {
      error = e;
    }
    expect(isUserError(error) && error.code).toBe("forbidden");
  });
});
