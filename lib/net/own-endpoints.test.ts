import { describe, expect, it } from "vitest";
import { ownApplicationEndpointsOnly } from "./own-endpoints";

describe("ownApplicationEndpointsOnly (the embedded simulator's outbound fetch)", () => {
  const calls: { url: string; redirect?: RequestRedirect }[] = [];
  const fake = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), redirect: init?.redirect });
    return new Response("{}");
  }) as typeof fetch;
  const guarded = ownApplicationEndpointsOnly("http://localhost:3000/", fake);

  it("calls this app's application endpoints, without following redirects", async () => {
    await guarded("http://localhost:3000/api/flows/abc/auth?key=s", { method: "POST" });
    await guarded(new URL("http://localhost:3000/api/flows/abc/callback"));
    expect(calls).toEqual([
      { url: "http://localhost:3000/api/flows/abc/auth?key=s", redirect: "manual" },
      { url: "http://localhost:3000/api/flows/abc/callback", redirect: "manual" },
    ]);
  });

  it("calls them under /api/applications/ too (the path given to Atlas since the rename)", async () => {
    calls.length = 0;
    await guarded("http://localhost:3000/api/applications/abc/auth?key=s", { method: "POST" });
    await guarded(new URL("http://localhost:3000/api/applications/abc/callback"));
    expect(calls).toEqual([
      { url: "http://localhost:3000/api/applications/abc/auth?key=s", redirect: "manual" },
      { url: "http://localhost:3000/api/applications/abc/callback", redirect: "manual" },
    ]);
  });

  it.each([
    "http://169.254.169.254/latest/meta-data/",
    "http://127.0.0.1:5432/",
    "http://localhost:3001/api/flows/abc/auth",
    "https://localhost:3000/api/flows/abc/auth",
    "http://localhost:3000/api/flowsX/abc",
    "http://localhost:3000/api/applicationsX/abc",
    "http://localhost:3001/api/applications/abc/auth",
    "http://localhost:3000/atlas-sim/__sim/reset",
    "http://localhost:3000/api/flows/../../atlas-sim/__sim/reset",
    "http://localhost:3000/api/applications/../../atlas-sim/__sim/reset",
    "not a url",
  ])("refuses %s as a network error", async (url) => {
    calls.length = 0;
    await expect(guarded(url)).rejects.toBeInstanceOf(TypeError);
    expect(calls).toEqual([]);
  });
});
