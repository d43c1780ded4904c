import { expect } from "vitest";
import { createSimulator, type Simulator } from "./simulator";

export const BASE = "http://sim.test/atlas-sim";
const CREDS = { "Client-Id": "sim-id", "Client-Secret": "sim-secret" };

/** An in-memory simulator on a hand-driven clock, plus request helpers (tests only). */
export class SimHarness {
  clock = Date.UTC(2026, 0, 15, 10, 0, 0);
  sim: Simulator = this.start();

  start(latency: number | "instant" = "instant"): Simulator {
    this.sim = createSimulator({
      basePath: "/atlas-sim",
      clientId: "sim-id",
      clientSecret: "sim-secret",
      latency,
      now: () => this.clock,
      callbackRetryDelaysMs: [5, 5, 5],
    });
    return this.sim;
  }

  call = async (method: string, path: string, body?: unknown, token?: string) => {
    const response = await this.sim.handle(
      new Request(`${BASE}${path}`, {
        method,
        headers: { "content-type": "application/json", ...(token ? { Token: token } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    const text = await response.text();
    return { status: response.status, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };

  token = async (family: "v1/bulk" | "v3/verification") => {
    const response = await this.sim.handle(
      new Request(`${BASE}/${family}/authtoken`, { method: "POST", headers: CREDS }),
    );
    expect(response.status).toBe(201);
    return ((await response.json()) as { access_token: string }).access_token;
  };
}

export const files = (names: string[]) =>
  names.map((n, i) => ({ file_url: `https://s3.example/${n}.jpg`, document_id: String(i + 1) }));
