import { describe, expect, it } from "vitest";
import { maxBatchTextBytes } from "@/lib/batches/limits";
import { getEnv } from "@/lib/env";
import { MAX_CALLBACK_BYTES } from "@/lib/flows/callbacks";
import { largestRequestBodyBytes } from "./body-limits";

// Next buffers a body that passes through proxy.ts only up to this, then cuts it silently.
const NEXT_DEFAULT_PROXY_BODY_LIMIT = 10 * 1024 * 1024;

describe("largestRequestBodyBytes (next.config's proxyClientMaxBodySize)", () => {
  it.each([1, 1000, 5000, 6000, 20_000, 100_000])(
    "fits a full batch of %i rows and the largest flow callback",
    (rows) => {
      const limit = largestRequestBodyBytes(rows);
      expect(limit).toBeGreaterThan(maxBatchTextBytes(rows));
      expect(limit).toBeGreaterThan(MAX_CALLBACK_BYTES);
      expect(limit).toBeGreaterThan(NEXT_DEFAULT_PROXY_BODY_LIMIT);
    },
  );

  it("is what next.config.ts gives the proxy", async () => {
    const { default: config } = await import("../../next.config");
    expect(config.experimental?.proxyClientMaxBodySize).toBe(
      largestRequestBodyBytes(getEnv().BATCH_MAX_ROWS),
    );
  });
});
