import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fileMedia, fileResponseHeaders, redactedCopyUrl, safeFileName } from "./file-response";

describe("fileMedia", () => {
  it("serves only raster images, SVG and PDF; SVG is never inline-safe", () => {
    expect(fileMedia("image/png", "https://x/a")).toMatchObject({ mediaType: "image/png", inlineSafe: true });
    expect(fileMedia("IMAGE/JPG; q=1", "https://x/a")).toMatchObject({ mediaType: "image/jpeg" });
    expect(fileMedia("application/pdf", "https://x/a")).toMatchObject({ kind: "pdf", inlineSafe: true });
    expect(fileMedia("image/svg+xml", "https://x/a")).toMatchObject({ inlineSafe: false });
    expect(fileMedia("application/octet-stream", "https://x/card.SVG?X-Amz-Signature=1")).toMatchObject({
      mediaType: "image/svg+xml",
      inlineSafe: false,
    });
    for (const type of [
      "text/html",
      "application/xhtml+xml",
      "text/xml",
      "application/javascript",
      "image/x-icon",
    ])
      expect(fileMedia(type, "https://x/a.png")).toBeNull();
    expect(fileMedia("application/octet-stream", "https://x/a.html")).toBeNull();
    expect(fileMedia(null, "not a url")).toBeNull();
    for (const type of ["constructor", "__proto__", "toString", "hasOwnProperty"])
      expect(fileMedia(type, "https://x/a")).toBeNull();
    expect(fileMedia("application/octet-stream", "https://x/a.constructor")).toBeNull();
  });

  it("never answers with a type outside the list, whatever storage says", () => {
    const allowed = [
      "image/png",
      "image/jpeg",
      "image/gif",
      "image/webp",
      "image/svg+xml",
      "application/pdf",
    ];
    fc.assert(
      fc.property(fc.string(), fc.webUrl(), (type, url) => {
        const media = fileMedia(type, url);
        if (media) expect(allowed).toContain(media.mediaType);
      }),
    );
  });
});

describe("safeFileName", () => {
  it("keeps only safe characters, whatever the document id", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (id) => {
        const name = safeFileName(id, "png");
        expect(name).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*\.png$|^document\.png$/);
        expect(name.length).toBeLessThanOrEqual(104);
      }),
    );
    expect(safeFileName("APP-1/PAN", "pdf", "-masked")).toBe("APP-1_PAN-masked.pdf");
  });
});

describe("fileResponseHeaders", () => {
  it("is inline only for inline-safe files not asked for as a download, and always sandboxed", () => {
    const png = fileMedia("image/png", "https://x/a")!;
    const svg = fileMedia("image/svg+xml", "https://x/a")!;
    const headers = (m: typeof png, download = false) =>
      fileResponseHeaders({ media: m, fileName: "a.png", download });
    expect(headers(png)["Content-Disposition"]).toBe('inline; filename="a.png"');
    expect(headers(png, true)["Content-Disposition"]).toMatch(/^attachment/);
    expect(headers(svg)["Content-Disposition"]).toMatch(/^attachment/);
    for (const h of [headers(png), headers(svg)]) {
      expect(h["Content-Security-Policy"]).toMatch(/^sandbox; default-src 'none'/);
      expect(h["X-Content-Type-Options"]).toBe("nosniff");
    }
  });
});

describe("redactedCopyUrl", () => {
  it("finds Atlas's masked copy beside an Aadhaar number only", () => {
    expect(
      redactedCopyUrl("AADHAAR", {
        aadhaar_number: { value: "XXXX XXXX 1234", redact_url: "https://s3/x.jpg" },
      }),
    ).toBe("https://s3/x.jpg");
    expect(redactedCopyUrl("PAN", { name: { value: "A", redact_url: "https://s3/x.jpg" } })).toBeNull();
    expect(
      redactedCopyUrl("AADHAAR", { aadhaar_number: { value: "x", redact_url: "javascript:alert(1)" } }),
    ).toBeNull();
    expect(redactedCopyUrl("AADHAAR", null)).toBeNull();
  });
});
