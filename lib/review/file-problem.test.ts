import { describe, expect, it } from "vitest";
import { expiryProblem, storageProblem } from "./file-problem";

const now = new Date("2026-11-22T10:00:00Z");
const signed = (date: string, expires: string) =>
  `https://kyc.s3.ap-south-1.amazonaws.com/pan.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=${date}&X-Amz-Expires=${expires}&X-Amz-Signature=abc`;

describe("expiryProblem", () => {
  it("says when a pre-signed link expired", () => {
    expect(expiryProblem(signed("20261122T080000Z", "3600"), now)).toMatch(
      /^The pre-signed link has expired: it expired 22\/11\/2026, 14:30 IST \(1 h ago\)/,
    );
  });
  it("is silent for a link still valid, or one that is not pre-signed", () => {
    expect(expiryProblem(signed("20261122T093000Z", "3600"), now)).toBeNull();
    expect(expiryProblem("https://files.example.in/pan.jpg", now)).toBeNull();
  });
  it("names a malformed signature and an invalid URL", () => {
    expect(expiryProblem(signed("yesterday", "3600"), now)).toMatch(/malformed: X-Amz-Date/);
    expect(expiryProblem("not a url", now)).toMatch(/not a valid URL/);
  });
});

describe("storageProblem", () => {
  it("masks an Aadhaar number that storage's message quotes", () => {
    const xml = "<Error><Code>NoSuchKey</Code><Message>No key kyc/2345-6789-0124.jpg</Message></Error>";
    expect(storageProblem(404, xml)).toBe(
      "Storage has no file at this link (NoSuchKey: No key kyc/XXXX XXXX 0124.jpg): it was moved or deleted.",
    );
  });

  it("reads S3's XML for an expired link", () => {
    const xml =
      '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>';
    expect(storageProblem(403, xml)).toBe(
      "Storage refused the file: the pre-signed link has expired (AccessDenied: Request has expired). Re-generate the link and start a new batch.",
    );
  });
  it("explains other refusals by status", () => {
    expect(storageProblem(403, "<Error><Code>SignatureDoesNotMatch</Code></Error>")).toMatch(
      /signature is not accepted/,
    );
    expect(storageProblem(404, "")).toMatch(/no file at this link/);
    expect(storageProblem(503, "busy")).toBe("Storage answered HTTP 503; try again later.");
  });
});
