import { describe, expect, it } from "vitest";
import { listenHost } from "./listen-host.mjs";

describe("listenHost (npm start)", () => {
  it("keeps demo mode on this machine", () => {
    expect(listenHost({})).toBe("127.0.0.1");
    expect(listenHost({ ATLAS_BASE_URL: "" })).toBe("127.0.0.1");
    expect(listenHost({ HOST: " " })).toBe("127.0.0.1");
  });
  it("listens where HOST says", () => {
    expect(listenHost({ HOST: "0.0.0.0" })).toBe("0.0.0.0");
    expect(listenHost({ HOST: "::", ATLAS_BASE_URL: "https://api.helloatlas.in" })).toBe("::");
  });
  it("leaves a configured install on next start's default (every interface)", () => {
    expect(listenHost({ ATLAS_BASE_URL: "https://api.helloatlas.in" })).toBeUndefined();
  });
});
