import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { baseIdFromUrl, checkDocumentId, generateIds } from "./document-ids";

describe("baseIdFromUrl", () => {
  it.each([
    ["https://b.s3.amazonaws.com/kyc/pan-card-0001.jpg?X-Amz-Signature=x", "pan-card-0001"],
    ["https://x.com/a/b/Aadhaar%20Front%20(1).jpeg", "Aadhaar-Front-1"],
    ["https://x.com/GST_cert.v2.pdf", "GST_cert.v2"],
    ["https://x.com/statement", "statement"],
    ["https://x.com/", "document"],
    ["https://x.com/पैन.jpg", "पैन"],
    [`https://x.com/${encodeURIComponent("आधार कार्ड (1).pdf")}`, "आधार-कार्ड-1"],
    ["https://x.com/आधार कार्ड (1).pdf", "आधार-कार्ड-1"],
    [`https://x.com/${encodeURIComponent("Café Ünïcode.png".normalize("NFD"))}`, "Café-Ünïcode"],
    [`https://x.com/${encodeURIComponent("பான் அட்டை.jpg")}`, "பான்-அட்டை"],
    [`https://x.com/${encodeURIComponent("身份证 正面.jpeg")}`, "身份证-正面"],
    [`https://x.com/${encodeURIComponent("бланк №5.pdf")}`, "бланк-5"],
    ["not a url", "document"],
    ["https://x.com/%E0%A4", "E0-A4"],
    // An Aadhaar number or VID in a file name is masked, never turned into an id shown everywhere.
    ["https://x.com/kyc/234567890127.pdf?X-Amz-Signature=x", "XXXX-XXXX-0127"],
    ["https://x.com/kyc/aadhaar_2345-6789-0127_front.jpg", "aadhaar_XXXX-XXXX-0127_front"],
    [`https://x.com/${encodeURIComponent("आधार २३४५ ६७८९ ०१२७.pdf")}`, "आधार-XXXX-XXXX-0127"],
    ["https://x.com/vid%202345%206789%200127%208901.pdf", "vid-XXXX-XXXX-XXXX-8901"],
  ])("%s → %s", (url, id) => {
    expect(baseIdFromUrl(url)).toBe(id);
  });

  it("keeps generated ids within the length limit", () => {
    expect(baseIdFromUrl(`https://x.com/${"a".repeat(300)}.jpg`)).toHaveLength(100);
    const astral = baseIdFromUrl(`https://x.com/${encodeURIComponent("𝒜".repeat(80))}`);
    expect(astral.length).toBeLessThanOrEqual(100);
    expect(astral).toBe("𝒜".repeat(50));
  });

  it("keeps the letters, marks and digits of any script, in NFC (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }), (name) => {
        const id = baseIdFromUrl(`https://x.com/d/${encodeURIComponent(name)}`);
        expect(id).toBe(id.normalize("NFC"));
        expect(id.length).toBeLessThanOrEqual(100);
        expect(checkDocumentId(id)).toEqual([]);
        const letters =
          name
            .normalize("NFC")
            .replace(/\.[A-Za-z0-9]{1,5}$/, "")
            .match(/[\p{L}\p{N}]/gu) ?? [];
        if (letters.length > 0 && name.length < 90) {
          for (const ch of letters) expect(id).toContain(ch);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe("generateIds", () => {
  it("de-duplicates with -2, -3, avoiding taken ids, and skips rows that have one", () => {
    const urls = [
      "https://x.com/a/scan.jpg",
      null,
      "https://x.com/b/scan.jpg",
      "https://x.com/c/scan.png",
      "https://x.com/d.jpg",
    ];
    expect(generateIds(urls, new Set(["d", "scan-2"]))).toEqual(["scan", null, "scan-3", "scan-4", "d-2"]);
  });

  it("is stable: the same input gives the same ids", () => {
    const urls = ["https://x.com/a.jpg", "https://x.com/a.jpg", "https://x.com/b.jpg"];
    expect(generateIds(urls, new Set())).toEqual(generateIds([...urls], new Set()));
  });
});

describe("checkDocumentId", () => {
  it("accepts ordinary ids, up to 128 characters", () => {
    expect(checkDocumentId("LOAN-42/pan")).toEqual([]);
    expect(checkDocumentId("x".repeat(128))).toEqual([]);
  });

  it("rejects ids that are too long or contain control characters", () => {
    expect(checkDocumentId("x".repeat(129))).toEqual([
      {
        code: "document_id_too_long",
        message: "document_id is 129 characters; the limit is 128 — shorten it",
      },
    ]);
    expect(checkDocumentId("a\tb").map((p) => p.code)).toEqual(["document_id_control_chars"]);
    expect(checkDocumentId("a\u0000b").map((p) => p.code)).toEqual(["document_id_control_chars"]);
  });
});
