import { describe, expect, it } from "vitest";
import { crossCheckVerdict, honestStatus } from "./status";

describe("honestStatus", () => {
  it("a finished flow with cross-checks below the pass mark says so, in a warning tone", () => {
    // The case: one check at 21.9 against a pass mark of 80.
    const below = [21.9, 95].filter((s) => crossCheckVerdict(s, 80) === "mismatch").length;
    expect(honestStatus("SUCCESS", below)).toEqual({
      label: "Success · 1 cross-check below pass mark",
      tone: "attention",
    });
    expect(honestStatus("success", 2).label).toBe("Success · 2 cross-checks below pass mark");
    expect(honestStatus("COMPLETED", 1).tone).toBe("attention");
  });

  it("anything else reads as before", () => {
    expect(honestStatus("SUCCESS", 0)).toEqual({ label: "Success", tone: "done" });
    expect(honestStatus("IN_PROGRESS", 3)).toEqual({ label: "In progress", tone: "running" });
    expect(honestStatus("FAILED", 1).tone).toBe("failed");
    expect(honestStatus(null, 1)).toEqual({ label: "Not started", tone: "idle" });
  });
});
