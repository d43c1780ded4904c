import { describe, expect, it } from "vitest";
import { checkFileUrl, looksLikeUrl } from "./file-url";
import { checkPresignedExpiry } from "./presigned";

const NOW = new Date("2025-11-21T12:00:00Z");
const options = { allowHttp: false, now: NOW };
const codes = (raw: string, opts = options) => checkFileUrl(raw, opts).problems.map((p) => p.code);
const s3 = (query: string) => `https://bucket.s3.ap-south-1.amazonaws.com/kyc/pan-0001.jpg?${query}`;
const sigV4 = (date: string, expires: string) =>
  s3(
    `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F20251121&X-Amz-Date=${date}&X-Amz-Expires=${expires}&X-Amz-SignedHeaders=host&X-Amz-Signature=abc`,
  );

describe("checkFileUrl", () => {
  it("accepts https links", () => {
    expect(checkFileUrl("  https://example.com/a.jpg ", options)).toEqual({
      problems: [],
      identity: "https://example.com/a.jpg",
    });
  });

  it("accepts http only when allowed", () => {
    expect(codes("http://localhost:4010/files/a.jpg")).toEqual(["http_not_allowed"]);
    expect(codes("http://localhost:4010/files/a.jpg", { ...options, allowHttp: true })).toEqual([]);
  });

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:image/png;base64,AAAA",
    "file:///etc/passwd",
    "ftp://x.com/a.jpg",
    "s3://bucket/a.jpg",
  ])("refuses %s explicitly", (raw) => {
    const [first] = checkFileUrl(raw, options).problems;
    expect(first?.code).toBe("scheme_refused");
    expect(first?.message).toMatch(/^[a-z0-9]+: links are refused — use a/);
  });

  it.each([
    "example.com/a.jpg",
    "not a url",
    "https://",
    "https:/example.com/a.jpg",
    "C:\\scans\\a.jpg",
    "doc:1",
  ])("says %j is not a URL", (raw) => {
    expect(codes(raw)).toEqual(["not_a_url"]);
  });

  it("reports a blank URL as missing", () => {
    expect(codes("  ")).toEqual(["missing_url"]);
  });

  it("refuses credentials inside the link", () => {
    expect(codes("https://user:pw@example.com/a.jpg")).toEqual(["url_has_credentials"]);
  });

  it("identifies pre-signed links by object, ignoring the signature", () => {
    const a = checkFileUrl(sigV4("20251121T113000Z", "3600"), options).identity;
    const b = checkFileUrl(sigV4("20251121T114500Z", "7200"), options).identity;
    expect(a).toBe("https://bucket.s3.ap-south-1.amazonaws.com/kyc/pan-0001.jpg");
    expect(b).toBe(a);
    expect(checkFileUrl("https://x.com/a?id=1", options).identity).not.toBe(
      checkFileUrl("https://x.com/a?id=2", options).identity,
    );
  });

  it("recognises URL-looking cells", () => {
    expect(["https://a", "javascript:x", "ftp://a"].every(looksLikeUrl)).toBe(true);
    expect(["doc:1", "pan-0001", "C:\\a"].some(looksLikeUrl)).toBe(false);
  });
});

describe("checkPresignedExpiry", () => {
  const expiry = (raw: string, now = NOW) => checkPresignedExpiry(new URL(raw), now);

  it("accepts a SigV4 link that is still valid, up to the last second", () => {
    expect(expiry(sigV4("20251121T113000Z", "3600"))).toEqual([]);
    expect(expiry(sigV4("20251121T110000Z", "3600"), new Date("2025-11-21T11:59:59Z"))).toEqual([]);
  });

  it("reports a SigV4 link that has expired, when, and what to do", () => {
    expect(expiry(sigV4("20251121T080000Z", "3600"))).toEqual([
      {
        code: "url_expired",
        message:
          "Link expired 21/11/2025, 14:30 IST (3 h ago) — re-generate the pre-signed link and paste it again",
      },
    ]);
    expect(expiry(sigV4("20251121T110000Z", "3600"))[0]?.code).toBe("url_expired");
  });

  it("reads parameter names in any case", () => {
    const lower = s3("x-amz-date=20251101T000000Z&x-amz-expires=60&x-amz-signature=abc");
    expect(expiry(lower)[0]?.message).toContain("20 days ago");
  });

  it.each([
    ["2025-11-21T11:30:00Z", "3600", /X-Amz-Date is "2025-11-21T11:30:00Z", not YYYYMMDDTHHMMSSZ/],
    ["20251321T113000Z", "3600", /X-Amz-Date/],
    ["20251121T113000Z", "abc", /X-Amz-Expires is "abc"/],
    ["20251121T113000Z", "0", /X-Amz-Expires/],
    ["20251121T113000Z", "604801", /from 1 to 604800/],
  ])("reports malformed X-Amz-Date %s / X-Amz-Expires %s", (date, expires, message) => {
    const [found] = expiry(sigV4(date, expires));
    expect(found?.code).toBe("url_signature_malformed");
    expect(found?.message).toMatch(message);
    expect(found?.message).toMatch(/re-generate the pre-signed link/);
  });

  it("reports a SigV4 link without X-Amz-Expires as malformed", () => {
    expect(expiry(s3("X-Amz-Date=20251121T113000Z&X-Amz-Signature=abc"))[0]?.message).toMatch(
      /X-Amz-Expires is missing/,
    );
  });

  it("handles SigV2 Expires epoch seconds", () => {
    const epoch = (d: string) => Math.floor(Date.parse(d) / 1000);
    expect(expiry(s3(`AWSAccessKeyId=AKIA&Expires=${epoch("2025-11-21T13:00:00Z")}&Signature=abc`))).toEqual(
      [],
    );
    expect(
      expiry(s3(`AWSAccessKeyId=AKIA&Expires=${epoch("2025-11-20T12:00:00Z")}&Signature=abc`))[0]?.message,
    ).toMatch(/expired 20\/11\/2025, 17:30 IST \(24 h ago\)/);
    expect(expiry(s3("AWSAccessKeyId=AKIA&Expires=tomorrow&Signature=abc"))[0]?.code).toBe(
      "url_signature_malformed",
    );
  });

  it("ignores links that are not pre-signed, even with an Expires parameter", () => {
    expect(expiry("https://example.com/a.jpg?Expires=1")).toEqual([]);
  });

  describe("every signed-URL scheme, parameter names in any case", () => {
    const epoch = (d: string) => Math.floor(Date.parse(d) / 1000);
    const before = "2025-11-21T11:00:00Z";
    const after = "2025-11-21T13:00:00Z";
    // CloudFront's URL-safe base64: + → -, = → _, / → ~.
    const policy = (json: string) =>
      Buffer.from(json).toString("base64").replace(/\+/g, "-").replace(/=/g, "_").replace(/\//g, "~");
    const custom = (at: string) =>
      `https://d111111abcdef8.cloudfront.net/kyc/a.jpg?Policy=${policy(
        JSON.stringify({
          Statement: [
            {
              Resource: "https://d111111abcdef8.cloudfront.net/kyc/*?x=ü>?",
              Condition: { DateLessThan: { "AWS:EpochTime": epoch(at) } },
            },
          ],
        }),
      )}&Signature=abc~def_&Key-Pair-Id=K2JCJMDEHXQW5F`;
    const cases: [string, (at: string) => string][] = [
      [
        "S3 SigV4",
        (at) => sigV4(new Date(Date.parse(at) - 3600_000).toISOString().replace(/[-:]|\.\d{3}/g, ""), "3600"),
      ],
      ["S3 SigV2", (at) => s3(`AWSAccessKeyId=AKIA&Signature=abc&Expires=${epoch(at)}`)],
      [
        "CloudFront canned",
        (at) => `https://d1.cloudfront.net/a.jpg?Expires=${epoch(at)}&Signature=abc&Key-Pair-Id=K2JC`,
      ],
      ["CloudFront custom policy", custom],
      [
        "GCS V4",
        (at) =>
          `https://storage.googleapis.com/b/a.pdf?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=sa%2F20251121&X-Goog-Date=${new Date(
            Date.parse(at) - 900_000,
          )
            .toISOString()
            .replace(/[-:]|\.\d{3}/g, "")}&X-Goog-Expires=900&X-Goog-SignedHeaders=host&X-Goog-Signature=ab`,
      ],
      [
        "GCS V2",
        (at) => `https://storage.googleapis.com/b/a.pdf?GoogleAccessId=sa&Expires=${epoch(at)}&Signature=ab`,
      ],
      [
        "Azure SAS",
        (at) =>
          `https://acct.blob.core.windows.net/c/a.pdf?sv=2022-11-02&sr=b&sp=r&se=${encodeURIComponent(at)}&sig=abc%3D`,
      ],
      // Alibaba Cloud OSS V4 and V1, in the shape of the OSS documentation's examples.
      [
        "OSS V4",
        (at) =>
          `https://examplebucket.oss-ap-south-1.aliyuncs.com/a.pdf?x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential=LTAI%2F20251121%2Fap-south-1%2Foss%2Faliyun_v4_request&x-oss-date=${new Date(
            Date.parse(at) - 86_400_000,
          )
            .toISOString()
            .replace(/[-:]|\.\d{3}/g, "")}&x-oss-expires=86400&x-oss-signature=2a2e6f`,
      ],
      [
        "OSS V1",
        (at) =>
          `https://examplebucket.oss-ap-south-1.aliyuncs.com/a.pdf?OSSAccessKeyId=LTAI&Expires=${epoch(at)}&Signature=ab%2B`,
      ],
      // Tencent COS (ap-mumbai), as its documentation's signature example: start;end seconds.
      [
        "Tencent COS",
        (at) =>
          `https://examplebucket-1250000000.cos.ap-mumbai.myqcloud.com/a.pdf?q-sign-algorithm=sha1&q-ak=AKID&q-sign-time=${epoch(at) - 3600}%3B${epoch(at)}&q-key-time=${epoch(at) - 3600}%3B${epoch(at)}&q-header-list=host&q-url-param-list=&q-signature=ab12`,
      ],
    ];

    it.each(cases)("%s: valid before its expiry, expired after it", (_name, make) => {
      expect(expiry(make(after))).toEqual([]);
      const [found] = expiry(make(before));
      expect(found?.code).toBe("url_expired");
      expect(found?.message).toBe(
        "Link expired 21/11/2025, 16:30 IST (1 h ago) — re-generate the pre-signed link and paste it again",
      );
    });

    it.each(cases)("%s: parameter names are case-insensitive", (_name, make) => {
      const url = make(before);
      const [path, query] = url.split("?") as [string, string];
      const shouted = query.replace(
        /(^|&)([^=]+)=/g,
        (_m, sep: string, key: string) => `${sep}${key.toUpperCase()}=`,
      );
      const lowered = query.replace(
        /(^|&)([^=]+)=/g,
        (_m, sep: string, key: string) => `${sep}${key.toLowerCase()}=`,
      );
      expect(expiry(`${path}?${shouted}`)[0]?.code).toBe("url_expired");
      expect(expiry(`${path}?${lowered}`)[0]?.code).toBe("url_expired");
    });

    it.each(cases)("%s: two links to the same object are the same file", (_name, make) => {
      expect(checkFileUrl(make(before), options).identity).toBe(checkFileUrl(make(after), options).identity);
    });

    it("reads Azure se in every ISO 8601 form Azure accepts", () => {
      const se = (value: string) =>
        expiry(`https://a.blob.core.windows.net/c/a.pdf?sv=2022-11-02&se=${encodeURIComponent(value)}&sig=x`);
      expect(se("2025-11-21")[0]?.code).toBe("url_expired");
      expect(se("2025-11-22")).toEqual([]);
      expect(se("2025-11-21T12:01Z")).toEqual([]);
      expect(se("2025-11-21T17:29:59+05:30")[0]?.code).toBe("url_expired");
      expect(se("2025-11-21T17:31:00+05:30")).toEqual([]);
      expect(se("2025-11-21T12:00:30.1234567Z")).toEqual([]);
      expect(se("21/11/2025")[0]?.code).toBe("url_signature_malformed");
      expect(se("2025-02-30")[0]?.code).toBe("url_signature_malformed");
    });

    it("reports a CloudFront policy it cannot read as malformed", () => {
      const bad = (p: string) =>
        expiry(`https://d1.cloudfront.net/a.jpg?Policy=${p}&Signature=a&Key-Pair-Id=K`);
      expect(bad("not-base64!!")[0]?.code).toBe("url_signature_malformed");
      expect(bad(policy('{"Statement":[{"Condition":{}}]}'))[0]?.message).toMatch(/DateLessThan/);
    });

    it("reports malformed GCS V4 parameters by name", () => {
      expect(
        expiry("https://storage.googleapis.com/b/a?X-Goog-Date=2025&X-Goog-Expires=60&X-Goog-Signature=a")[0]
          ?.message,
      ).toMatch(/X-Goog-Date is "2025"/);
    });
  });
});
