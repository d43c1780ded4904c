import { describe, expect, it } from "vitest";
import { applicationListHref } from "./search-params";

describe("applicationListHref", () => {
  const none = { status: null, product: null, q: "", sort: "newest" as const };

  it("leaves defaults and empty filters out", () => {
    expect(applicationListHref(none, 1)).toBe("/applications");
    expect(applicationListHref({ ...none, product: "" }, 1)).toBe("/applications");
  });

  it("keeps the filters, in the order of the form, with the page", () => {
    expect(
      applicationListHref({ status: "failed", product: "KYC", q: "LOS 10", sort: "application" }, 2),
    ).toBe("/applications?status=failed&product=KYC&q=LOS+10&sort=application&page=2");
  });
});
