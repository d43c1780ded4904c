import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROXIED_BODY_LIMIT_BYTES } from "./body-limits";

// Next reads proxy.ts's `config.matcher` statically, so the test reads it the same way.
const source = readFileSync(path.join(process.cwd(), "proxy.ts"), "utf8");
const matcher = /matcher:\s*\["([^"]+)"\]/.exec(source)?.[1];

describe("which request bodies pass through proxy.ts (and are buffered by Next)", () => {
  it("route handlers and the simulator mount are outside the proxy: their bodies stream to the handler", () => {
    expect(matcher).toBeDefined();
    const proxied = (p: string) => new RegExp(`^${matcher}$`).test(p);
    for (const p of [
      "/api/batches",
      "/api/flows/x/callback",
      "/api/flows/x/auth",
      "/atlas-sim/v1/bulk/multiupload",
    ])
      expect(proxied(p), p).toBe(false);
    for (const p of ["/", "/batches/new", "/sign-in", "/documents/x", "/api-docs"])
      expect(proxied(p), p).toBe(true);
  });

  it("pages (server actions, refused by Next past 1 MB) are buffered at most PROXIED_BODY_LIMIT_BYTES", async () => {
    const { default: config } = await import("../../next.config");
    expect(config.experimental?.proxyClientMaxBodySize).toBe(PROXIED_BODY_LIMIT_BYTES);
    expect(PROXIED_BODY_LIMIT_BYTES).toBeGreaterThan(1024 * 1024);
  });
});
