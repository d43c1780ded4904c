/**
 * The health check covers each configured Atlas API family (issue 12 item 7): here batches go to
 * a simulator and applications to a host that does not answer, each reported on its own.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "health-"));

const { startSimServer } = await import("@/atlas-sim/server");
const { DEMO_ATLAS_CLIENT_ID, DEMO_ATLAS_CLIENT_SECRET, resetEnvForTests } = await import("@/lib/env");
const { resetAtlasClientForTests } = await import("@/lib/atlas");
const { closeDb } = await import("@/lib/db");

describe("GET /api/health", () => {
  let sim: Awaited<ReturnType<typeof startSimServer>>;
  beforeAll(async () => {
    sim = await startSimServer({ latency: "instant" });
    Object.assign(process.env, {
      DATA_DIR: dataDir,
      ATLAS_DOCSTREAM_BASE_URL: sim.baseUrl,
      ATLAS_FLOW_BASE_URL: "http://127.0.0.1:9",
      ATLAS_CLIENT_ID: DEMO_ATLAS_CLIENT_ID,
      ATLAS_CLIENT_SECRET: DEMO_ATLAS_CLIENT_SECRET,
      ATLAS_MAX_RETRIES: "0",
      ATLAS_TIMEOUT_MS: "2000",
      AUTH_SECRET: "health-test-secret-0123456789abcdef0123456",
    });
    delete process.env.ATLAS_BASE_URL;
    delete process.env.DATABASE_URL;
    resetEnvForTests();
    resetAtlasClientForTests();
  });
  afterAll(async () => {
    for (const key of [
      "ATLAS_DOCSTREAM_BASE_URL",
      "ATLAS_FLOW_BASE_URL",
      "ATLAS_CLIENT_ID",
      "ATLAS_CLIENT_SECRET",
    ])
      delete process.env[key];
    resetEnvForTests();
    resetAtlasClientForTests();
    await closeDb();
    await sim.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("reports each API family with its own host and reachability", async () => {
    const { GET } = await import("./route");
    const response = await GET(new Request("http://app.test/api/health"), undefined);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      mode: string;
      atlas: {
        reachable: boolean;
        apis: Record<string, { api: string; baseUrl: string; reachable: boolean; error?: string }>;
      };
    };
    expect(body.mode).toBe("atlas");
    expect(body.atlas.apis.batches).toEqual({ api: "docstream", baseUrl: sim.baseUrl, reachable: true });
    expect(body.atlas.apis.applications).toMatchObject({
      api: "v3",
      baseUrl: "http://127.0.0.1:9",
      reachable: false,
    });
    expect(body.atlas.apis.applications!.error).toMatch(/Could not connect to Atlas at 127\.0\.0\.1:9/);
    expect(body.atlas.reachable).toBe(false);
    // The token came from the docstream family's own endpoint.
    expect(sim.simulator.tokensIssued().docstream).toBe(1);
  });
});
