import { describe, expect, it } from "vitest";
import { parseBatchInput } from "./index";
import { summariseSkipped } from "./skipped";

const NOW = new Date("2025-11-21T12:00:00Z");
const signed = (name: string, date: string, expires = "3600") =>
  `https://b.s3.amazonaws.com/${name}.jpg?X-Amz-Date=${date}&X-Amz-Expires=${expires}&X-Amz-Signature=s`;
const skipped = (text: string) =>
  summariseSkipped(parseBatchInput(text, { maxRows: 5000, allowHttp: false, now: NOW }).rows);

describe("summariseSkipped", () => {
  it("says when a lapsed link expired", () => {
    const summary = skipped(
      `${signed("ok", "20251121T113000Z")}\nlate,${signed("late", "20251121T103000Z")}`,
    );
    expect(summary).toEqual({
      count: 1,
      text: "1 skipped: expired at 21/11/2025, 17:00 IST",
      rows: [
        { line: 2, documentId: "late", code: "url_expired", reason: "expired at 21/11/2025, 17:00 IST" },
      ],
    });
  });

  it("groups reasons, the first expiry first", () => {
    const text = [
      signed("a", "20251121T103000Z"),
      signed("b", "20251121T090000Z"),
      "javascript:alert(1)",
      "not a url",
      "also not",
    ].join("\n");
    expect(skipped(text).text).toBe(
      "5 skipped: 2 expired (the first at 21/11/2025, 15:30 IST); 1 javascript: links are refused; 2 Not a URL",
    );
  });

  it("is empty when nothing is skipped, and lists at most 50 rows", () => {
    expect(skipped(signed("ok", "20251121T113000Z"))).toEqual({ count: 0, text: "", rows: [] });
    const many = skipped(Array.from({ length: 120 }, (_, i) => `bad ${i}`).join("\n"));
    expect(many.count).toBe(120);
    expect(many.rows).toHaveLength(50);
    expect(many.text).toBe("120 skipped: 120 Not a URL");
  });
});
