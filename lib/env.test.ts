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
