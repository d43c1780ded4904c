/** The S3 settings: read from the environment with messages that name the variable. */
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

const problemsOf = (source: Record<string, string>) => {
  try {
    parseEnv(source);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(EnvError);
    return (e as EnvError).problems;
  }
};

describe("S3 settings", () => {
  it("are off without S3_ALLOWED_BUCKETS, with the documented defaults", () => {
    expect(parseEnv({}).s3).toEqual({
      enabled: false,
      allowed: [],
      region: undefined,
      endpoint: undefined,
      forcePathStyle: false,
      credentials: undefined,
      signExpirySeconds: 86400,
      extensions: ["jpg", "jpeg", "png", "pdf", "tif", "tiff"],
      maxAttempts: 5,
    });
    expect(parseEnv({}).ATLAS_SIM_DOWNLOADS).toBe("on");
  });

  it("read the allow-list, an S3-compatible endpoint (path-style) and keys", () => {
    const s3 = parseEnv({
      S3_ALLOWED_BUCKETS: " kyc-docs/incoming , loans ",
      S3_ENDPOINT: "http://127.0.0.1:9000/",
      S3_ACCESS_KEY_ID: "minio",
      S3_SECRET_ACCESS_KEY: "minio-secret",
      S3_EXTENSIONS: ".PDF,png",
      S3_SIGN_EXPIRY_SECONDS: "3600",
    }).s3;
    expect(s3).toMatchObject({
      enabled: true,
      allowed: [
        { bucket: "kyc-docs", prefix: "incoming/" },
        { bucket: "loans", prefix: "" },
      ],
      endpoint: "http://127.0.0.1:9000",
      forcePathStyle: true,
      credentials: { accessKeyId: "minio", secretAccessKey: "minio-secret" },
      extensions: ["pdf", "png"],
      signExpirySeconds: 3600,
    });
    expect(parseEnv({ S3_ENDPOINT: "http://m:9000", S3_FORCE_PATH_STYLE: "false" }).s3.forcePathStyle).toBe(
      false,
    );
  });

  it("refuse what cannot work, naming the variable", () => {
    expect(problemsOf({ S3_ALLOWED_BUCKETS: "Kyc_Docs" })[0]).toMatch(
      /^S3_ALLOWED_BUCKETS: “Kyc_Docs”: a bucket name/,
    );
    expect(problemsOf({ S3_ALLOWED_BUCKETS: "kyc/../other" })[0]).toMatch(/^S3_ALLOWED_BUCKETS: .*“\.\.”/);
    expect(problemsOf({ S3_ACCESS_KEY_ID: "AKIA" })[0]).toMatch(/^S3_SECRET_ACCESS_KEY: set both/);
    expect(problemsOf({ S3_SIGN_EXPIRY_SECONDS: "604801" })[0]).toMatch(
      /^S3_SIGN_EXPIRY_SECONDS: must be at most 604800/,
    );
    expect(problemsOf({ S3_REGION: "Mumbai" })[0]).toMatch(/^S3_REGION: must be an AWS region/);
    expect(problemsOf({ S3_ENDPOINT: "minio:9000" })[0]).toMatch(/^S3_ENDPOINT: /);
    expect(problemsOf({ ATLAS_SIM_DOWNLOADS: "yes" })[0]).toMatch(/^ATLAS_SIM_DOWNLOADS: must be on or off/);
  });
});
