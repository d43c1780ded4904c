import { describe, expect, it } from "vitest";
import { authRequestFor, FLOW_PROFILES, resolveFlowQuirks } from "./flow-profile";
import { SimHarness } from "./test-harness";

describe("flow profiles", () => {
  it("are switched at run time through POST /__sim/flow-profile, and an unknown name is refused", async () => {
    const h = new SimHarness();
    const set = await h.call("POST", "/__sim/flow-profile", { profile: "flow-lowercase,flow-completed" });
    expect(set.status).toBe(200);
    expect(set.json.quirks).toMatchObject({ statusCase: "lower", finishedWord: "COMPLETED" });
    const bad = await h.call("POST", "/__sim/flow-profile", { profile: "flow-nonsense" });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toContain("flow-lowercase");
  });

  it("write the status words the way each profile says", async () => {
    const h = new SimHarness();
    h.start();
    h.sim.setFlowProfile("flow-lowercase,flow-completed,flow-cross-check-keys,flow-similarity-0-1");
    const token = await h.token("v3/verification");
    const init = await h.call(
      "POST",
      "/v3/verification/flow/init",
      {
        product_type: "POC_CDL",
        application_id: "A",
        auth_url: "http://app.test/auth?key=k",
        callback_url: "http://app.test/cb",
      },
      token,
    );
    const flowUuid = String(init.json.flow_uuid);
    expect(resolveFlowQuirks("flow-tolerant")).toMatchObject({
      callback: "status-only",
      authRequest: "header",
    });
    expect(Object.keys(FLOW_PROFILES)).toContain("flow-unknown-status");
    // Statuses before any upload stay NOT_STARTED (lower-cased).
    const status = await h.call("GET", `/v3/verification/status?flow_uuid=${flowUuid}`, undefined, token);
    expect(status.json).toMatchObject({ master_status: "not_started", upload_status: "not_started" });
  });

  it("present the auth_url's credential by GET, in a header, a JSON body or a form body", () => {
    const ids = { application_id: "A", flow_uuid: "F" };
    const url = "https://app.test/api/flows/1/auth?key=s3cret";
    const q = (authRequest: "get" | "header" | "body" | "form" | "post-query") =>
      authRequestFor(url, ids, resolveFlowQuirks({ authRequest }));
    expect(q("post-query")).toMatchObject({ url, init: { method: "POST" } });
    expect(q("get")).toMatchObject({ url, init: { method: "GET" } });
    expect(q("header").url).toBe("https://app.test/api/flows/1/auth");
    expect((q("header").init.headers as Record<string, string>).authorization).toBe("Bearer s3cret");
    expect(JSON.parse(String(q("body").init.body))).toEqual({ ...ids, key: "s3cret" });
    expect(String(q("form").init.body)).toBe("application_id=A&flow_uuid=F&key=s3cret");
  });
});
