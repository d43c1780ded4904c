import { describe, expect, it } from "vitest";
import { parseCallbackJson } from "./callbacks";

describe("parseCallbackJson", () => {
  it("reads bare NaN and Infinity (a Python encoder's output) as missing values", () => {
    expect(
      parseCallbackJson(
        '{"master_status": "SUCCESS", "cross_checks": [{"similarity_score": NaN}, {"similarity_score": -Infinity}]}',
      ),
    ).toEqual({
      master_status: "SUCCESS",
      cross_checks: [{ similarity_score: null }, { similarity_score: null }],
    });
  });

  it("reads strict JSON as JSON and refuses what is not JSON at all", () => {
    expect(parseCallbackJson('{"a": [1, "NaN"]}')).toEqual({ a: [1, "NaN"] });
    expect(parseCallbackJson("application_id=1&x=2")).toBeUndefined();
    expect(parseCallbackJson("")).toBeUndefined();
  });
});
