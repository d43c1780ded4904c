import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { isAllowedS3EndpointLink } from "./endpoint-url";

const saved = { ...process.env };
const E = "http://127.0.0.1:4569";

beforeAll(() => {
  Object.assign(process.env, {
    S3_ENDPOINT: E,
    S3_ALLOWED_BUCKETS: "atlas-demo/kyc/,loans",
    S3_ACCESS_KEY_ID: "S3RVER",
    S3_SECRET_ACCESS_KEY: "S3RVER",
    S3_REGION: "us-east-1",
  });
  resetEnvForTests();
});
afterAll(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  resetEnvForTests();
});

describe("isAllowedS3EndpointLink (what the embedded simulator may download from S3_ENDPOINT)", () => {
  it("admits signed path-style links to allowed objects", () => {
    const q = "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abc";
    expect(isAllowedS3EndpointLink(`${E}/atlas-demo/kyc/pan-01.svg${q}`)).toBe(true);
    expect(isAllowedS3EndpointLink(`${E}/atlas-demo/kyc/odd/q%3Fx%3D1.svg${q}`)).toBe(true);
    expect(isAllowedS3EndpointLink(`${E}/atlas-demo/kyc/%C3%BCn%20ka.svg`)).toBe(true);
    expect(isAllowedS3EndpointLink(`${E}/loans/any/where.pdf`)).toBe(true);
  });

  it("refuses another bucket, a folder outside the allow-list, and ways out of an allowed one", () => {
    for (const link of [
      `${E}/secret-bucket/top.svg`,
      `${E}/atlas-demo/cases/secret.svg`,
      `${E}/atlas-demo/kycx/a.svg`,
      `${E}/atlas-demo/kyc/..%2Fcases/secret.svg`,
      `${E}/atlas-demo/kyc/%2e%2e/cases/secret.svg`,
      `${E}/atlas-demo/kyc/%252e%252e%252fcases/secret.svg`,
      `${E}/atlas-demo/kyc//x.svg`,
      `${E}/atlas-demo/kyc/a%5Cb.svg`,
      `${E}/atlas-demo/kyc/`,
      `${E}/atlas-demo`,
      `${E}/`,
      `${E}/minio/admin/v3/info`,
      `http://127.0.0.1:4570/atlas-demo/kyc/pan-01.svg`,
      `http://user:pw@127.0.0.1:4569/atlas-demo/kyc/pan-01.svg`,
      `${E}/atlas-demo/kyc/%E0%A4%A.svg`,
    ])
      expect(isAllowedS3EndpointLink(link), link).toBe(false);
  });

  it("admits nothing when no endpoint is configured", () => {
    delete process.env.S3_ENDPOINT;
    resetEnvForTests();
    try {
      expect(isAllowedS3EndpointLink(`${E}/atlas-demo/kyc/pan-01.svg`)).toBe(false);
    } finally {
      process.env.S3_ENDPOINT = E;
      resetEnvForTests();
    }
  });
});
