import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadApplicationListParams } from "./applications/search-params";
import { loadBatchDocumentParams } from "./batches/[id]/search-params";
import { loadBatchListParams } from "./batches/search-params";
import { loadWorkspaceParams } from "./documents/[id]/search-params";
import { loadReviewQueueParams } from "./review/search-params";

const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

/** Each page's text parameters, read from a query string as the page reads its URL. */
const textParams = (query: URLSearchParams) => [
  loadBatchListParams(query).q,
  loadBatchListParams(query).product,
  loadApplicationListParams(query).q,
  loadApplicationListParams(query).product,
  loadBatchDocumentParams(query).type,
  loadReviewQueueParams(query).batch,
  loadReviewQueueParams(query).type,
  loadWorkspaceParams(query).batch,
  loadWorkspaceParams(query).type,
];

describe("text in the URL (filters and searches)", () => {
  it("never reaches a page with a control character, whatever is typed (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (typed) => {
        const query = new URLSearchParams();
        for (const key of ["q", "product", "type", "batch"]) query.set(key, typed);
        for (const value of textParams(query)) if (value !== null) expect(value).not.toMatch(CONTROL);
      }),
    );
  });

  it("reads ?type=%00 as no filter, and keeps ordinary text as typed", () => {
    expect(loadBatchDocumentParams("?type=%00").type).toBeNull();
    expect(loadBatchListParams("?q=%00").q).toBe("");
    expect(loadReviewQueueParams("?type=PAN%00").type).toBe("PAN");
    expect(loadBatchListParams("?q=आधार%20kyc").q).toBe("आधार kyc");
  });
});
