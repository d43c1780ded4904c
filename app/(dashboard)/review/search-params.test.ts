import { describe, expect, it } from "vitest";
import { queueDocumentHref } from "../documents/[id]/search-params";
import { reviewQueueHref } from "./search-params";

describe("reviewQueueHref", () => {
  it("leaves empty filters and the first page out", () => {
    expect(reviewQueueHref({}, 1)).toBe("/review");
    expect(reviewQueueHref({ batch: "", type: "", reason: null }, 1)).toBe("/review");
  });

  it("keeps the filters with the page", () => {
    expect(reviewQueueHref({ batch: "b1", type: "PAN", reason: "validator" }, 2)).toBe(
      "/review?batch=b1&type=PAN&reason=validator&page=2",
    );
  });
});

describe("queueDocumentHref", () => {
  it("opens the document from the queue, carrying the queue's filters", () => {
    expect(queueDocumentHref("d1", {})).toBe("/documents/d1?from=queue");
    expect(queueDocumentHref("d1", { batch: "b1", type: "", reason: "low_confidence" })).toBe(
      "/documents/d1?from=queue&batch=b1&reason=low_confidence",
    );
  });
});
