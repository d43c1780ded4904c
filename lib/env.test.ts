import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

function problemsOf(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
  } catch (e) {
    if (e instanceof EnvError) return e.problems;
    throw e;
  }
  return [];
}

describe("parseEnv", () => {
  it("runs in demo mode with the embedded simulator when nothing is configured", () => {
    const env = parseEnv({});
    expect(env.demoMode).toBe(true);
    expect(env.atlasBaseUrl).toBe("http://127.0.0.1:3000/atlas-sim");
    expect(env.demoAccounts).toBe(true);
    expect(env.DATA_DIR).toBe(".data");
    expect(env.BATCH_CHUNK_SIZE).toBe(50);
    expect(env.defaultProductType).toBe("POC_CDL");
  });

  it("uses the real Atlas when a base URL and credentials are set", () => {
    const env = parseEnv({
      ATLAS_BASE_URL: "https://api.helloatlas.in/",
      ATLAS_CLIENT_ID: "id",
      ATLAS_CLIENT_SECRET: "secret",
      AUTH_SECRET: "x".repeat(40),
      NODE_ENV: "production",
      APP_BASE_URL: "https://review.bank.in",
    });
    expect(env.demoMode).toBe(false);
    expect(env.atlasBaseUrl).toBe("https://api.helloatlas.in");
    expect(env.demoAccounts).toBe(false);
  });

  it("names the variable and what it should hold", () => {
    expect(problemsOf({ ATLAS_BASE_URL: "https://api.helloatlas.in" })).toEqual([
      expect.stringMatching(/^ATLAS_CLIENT_ID: required when ATLAS_BASE_URL is set/),
      expect.stringMatching(/^ATLAS_CLIENT_SECRET: required/),
      expect.stringMatching(/^APP_BASE_URL: required with a real Atlas/),
    ]);
    expect(problemsOf({ PORT: "http" })[0]).toMatch(/^PORT: must be a whole number/);
    expect(problemsOf({ DATABASE_URL: "mysql://x" })[0]).toMatch(/^DATABASE_URL: must be a PostgreSQL URL/);
    expect(problemsOf({ DATABASE_URL: "postgres://h/db" })[0]).toMatch(
      /^AUTH_SECRET: required with DATABASE_URL/,
    );
    expect(problemsOf({ BATCH_CHUNK_SIZE: "51" })[0]).toMatch(/^BATCH_CHUNK_SIZE: must be at most 50/);
    expect(problemsOf({ SIM_LATENCY_MS: "fast" })[0]).toMatch(/^SIM_LATENCY_MS: must be "instant"/);
    expect(problemsOf({ ATLAS_PRODUCT_TYPES: "A,B", ATLAS_DEFAULT_PRODUCT_TYPE: "C" })[0]).toMatch(
      /^ATLAS_DEFAULT_PRODUCT_TYPE: "C" is not in ATLAS_PRODUCT_TYPES \(A, B\)/,
    );
  });

  it("treats blank values as unset", () => {
    expect(parseEnv({ ATLAS_BASE_URL: "", DATABASE_URL: " " }).demoMode).toBe(true);
  });

  it("reports every problem at once, in a message that points at the docs", () => {
    try {
      parseEnv({ PORT: "0", LOG_LEVEL: "loud" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EnvError);
      expect((e as EnvError).message).toContain("PORT: must be at least 1");
      expect((e as EnvError).message).toContain("LOG_LEVEL");
      expect((e as EnvError).message).toContain(".env.example");
    }
  });
});

describe("APP_BASE_URL with a real Atlas", () => {
  const real = {
    ATLAS_BASE_URL: "https://api.helloatlas.in",
    ATLAS_CLIENT_ID: "id",
    ATLAS_CLIENT_SECRET: "s",
  };
  const appProblem = (APP_BASE_URL?: string, extra: Record<string, string> = {}) =>
    problemsOf({ ...real, ...extra, ...(APP_BASE_URL === undefined ? {} : { APP_BASE_URL }) }).filter((p) =>
      p.startsWith("APP_BASE_URL"),
    );

  it("is required and must be a public https address; start-up says what to set", () => {
    expect(appProblem(undefined)[0]).toMatch(/required with a real Atlas.*https/);
    expect(appProblem("http://review.bank.in")[0]).toMatch(/must be an https:\/\/ address/);
    for (const local of [
      "https://localhost:3000",
      "https://127.0.0.1",
      "https://10.1.2.3",
      "https://192.168.0.10",
      "https://172.16.5.4",
      "https://169.254.169.254",
      "https://[::1]",
      "https://[::ffff:10.0.0.1]",
      "https://[::ffff:a00:1]",
      "https://[64:ff9b::a00:1]",
      "https://[2002:a00:1::]",
      "https://[fd00::1]",
      "https://review.internal",
      "https://review",
      "https://app.local",
      "https://localhost.",
      "https://LOCALHOST.:8443",
      "https://app.local.",
      "https://metadata.google.internal.",
      "https://nas.home.arpa",
    ])
      expect(appProblem(local), local).toHaveLength(1);
    expect(appProblem("https://review.bank.in")).toEqual([]);
    expect(appProblem("https://203.0.114.7")).toEqual([]);
  });

  it("is not required in demo mode or against a simulator reached over http", () => {
    expect(parseEnv({}).appBaseUrl).toBe("http://localhost:3000");
    expect(
      appProblem(undefined, {
        ATLAS_BASE_URL: "http://127.0.0.1:4010",
        ATLAS_FLOW_BASE_URL: "http://127.0.0.1:4010",
      }),
    ).toEqual([]);
  });
});

describe("a base URL per Atlas API family", () => {
  const creds = { ATLAS_CLIENT_ID: "id", ATLAS_CLIENT_SECRET: "s", APP_BASE_URL: "https://review.bank.in" };

  it("each family's URL overrides ATLAS_BASE_URL; docstream serves batches", () => {
    const env = parseEnv({
      ...creds,
      ATLAS_BASE_URL: "https://api.helloatlas.in",
      ATLAS_DOCSTREAM_BASE_URL: "https://docstream.dev.kreditmind.com/",
    });
    expect(env.atlasBaseUrls).toEqual({
      bulk: "https://docstream.dev.kreditmind.com",
      v3: "https://api.helloatlas.in",
    });
    expect(env.atlasBatchApi).toBe("docstream");
    const split = parseEnv({
      ...creds,
      ATLAS_BULK_BASE_URL: "https://bulk.example.in",
      ATLAS_FLOW_BASE_URL: "https://flow.example.in",
    });
    expect(split).toMatchObject({
      demoMode: false,
      atlasBatchApi: "bulk",
      atlasBaseUrls: { bulk: "https://bulk.example.in", v3: "https://flow.example.in" },
    });
  });

  it("says what is missing or contradictory", () => {
    expect(problemsOf({ ...creds, ATLAS_FLOW_BASE_URL: "https://flow.example.in" })).toEqual([
      expect.stringMatching(/^ATLAS_BASE_URL: required for batches/),
    ]);
    expect(
      problemsOf({
        ...creds,
        ATLAS_BULK_BASE_URL: "https://a.example.in",
        ATLAS_DOCSTREAM_BASE_URL: "https://b.example.in",
        ATLAS_FLOW_BASE_URL: "https://c.example.in",
      }),
    ).toEqual([expect.stringMatching(/^ATLAS_DOCSTREAM_BASE_URL: set either it/)]);
    expect(problemsOf({ ATLAS_MAX_RPS: "0" })[0]).toMatch(/^ATLAS_MAX_RPS: must be more than 0/);
    expect(parseEnv({ ATLAS_MAX_RPS: "2.5" }).ATLAS_MAX_RPS).toBe(2.5);
  });
});
