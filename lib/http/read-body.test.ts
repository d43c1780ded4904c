import { describe, expect, it } from "vitest";
import { BodyTooLargeError, readBodyBytesCapped, readBodyCapped } from "./read-body";

function stream(chunks: number, size: number) {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === chunks) return controller.close();
      sent++;
      controller.enqueue(new Uint8Array(size).fill(65));
    },
  });
  return { body, sent: () => sent };
}
const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://x/", { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("readBodyCapped", () => {
  it("returns a body within the cap", async () => {
    expect(await readBodyCapped(post("hello"), 5)).toBe("hello");
    const s = stream(4, 1000);
    expect((await readBodyBytesCapped(post(s.body), 4000)).byteLength).toBe(4000);
    expect((await readBodyBytesCapped(new Request("http://x/"), 10)).byteLength).toBe(0);
  });
  it("stops reading a chunked body as soon as it passes the cap", async () => {
    const s = stream(10_000, 64 * 1024);
    await expect(readBodyCapped(post(s.body), 1024 * 1024)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(s.sent()).toBeLessThanOrEqual((1024 * 1024) / (64 * 1024) + 2);
  });
  it("refuses a declared Content-Length over the cap without reading", async () => {
    const s = stream(10, 1024);
    await expect(readBodyCapped(post(s.body, { "content-length": "999999" }), 1000)).rejects.toThrow(
      /larger than 1000 bytes/,
    );
    expect(s.sent()).toBeLessThanOrEqual(1);
  });
  it("does not trust a Content-Length smaller than the body", async () => {
    const s = stream(5, 1000);
    await expect(readBodyCapped(post(s.body, { "content-length": "10" }), 2000)).rejects.toBeInstanceOf(
      BodyTooLargeError,
    );
  });
});
