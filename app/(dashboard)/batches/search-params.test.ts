import { describe, expect, it } from "vitest";
import { batchDocumentsHref } from "./[id]/search-params";
import { batchListHref } from "./search-params";

describe("batchListHref", () => {
  const none = { status: null, product: null, q: "", sort: "newest" as const };

  it("leaves defaults and empty filters out", () => {
    expect(batchListHref(none, 1)).toBe("/batches");
    expect(batchListHref({ ...none, product: "" }, 1)).toBe("/batches");
  });

  it("keeps the filters, in the order of the form, with the page", () => {
    expect(batchListHref({ status: "stalled", product: "KYC", q: "march run", sort: "oldest" }, 3)).toBe(
      "/batches?status=stalled&product=KYC&q=march+run&sort=oldest&page=3",
    );
  });
});

describe("batchDocumentsHref", () => {
  const none = { type: null, review: false, errors: null, sort: "confidence" as const };

  it("leaves defaults out", () => {
    expect(batchDocumentsHref("b1", none, 1)).toBe("/batches/b1");
    expect(batchDocumentsHref("b1", { ...none, type: "" }, 1)).toBe("/batches/b1");
  });

  it("keeps the filters with the page", () => {
    expect(
      batchDocumentsHref("b1", { type: "PAN", review: true, errors: "only", sort: "confidence" }, 2),
    ).toBe("/batches/b1?type=PAN&review=true&errors=only&page=2");
  });
});
