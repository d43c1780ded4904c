import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BodyTooLargeError, readBodyCapped } from "./read-body";

/** A chunked request (no Content-Length) whose body arrives in the given chunk sizes. */
function chunked(sizes: number[]) {
  const state = { pulled: 0 };
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i >= sizes.length) return controller.close();
      const size = sizes[i++]!;
      state.pulled += size;
      controller.enqueue(new Uint8Array(size).fill(97));
    },
  });
  const request = new Request("http://app.test/x", { method: "POST", body, duplex: "half" } as RequestInit);
  return { request, state };
}

describe("readBodyCapped", () => {
  it("returns the whole body up to the cap and refuses past it, reading at most one chunk beyond (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 4096 }), { maxLength: 30 }),
        fc.integer({ min: 0, max: 40_000 }),
        async (sizes, cap) => {
          const total = sizes.reduce((a, b) => a + b, 0);
          const { request, state } = chunked(sizes);
          if (total <= cap) {
            expect((await readBodyCapped(request, cap)).length).toBe(total);
          } else {
            await expect(readBodyCapped(request, cap)).rejects.toBeInstanceOf(BodyTooLargeError);
            expect(state.pulled).toBeLessThanOrEqual(cap + 4096);
          }
        },
      ),
    );
  });

  it("refuses a declared Content-Length past the cap without reading", async () => {
    const request = new Request("http://app.test/x", {
      method: "POST",
      body: "x".repeat(100),
      headers: { "content-length": "100" },
    });
    await expect(readBodyCapped(request, 10)).rejects.toMatchObject({
      status: 413,
      name: "BodyTooLargeError",
    });
  });

  it("decodes UTF-8 split across chunks", async () => {
    const bytes = new TextEncoder().encode("नमस्ते {}");
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        for (const b of bytes) c.enqueue(new Uint8Array([b]));
        c.close();
      },
    });
    const request = new Request("http://app.test/x", { method: "POST", body, duplex: "half" } as RequestInit);
    expect(await readBodyCapped(request, 1000)).toBe("नमस्ते {}");
  });
});

describe("a body cut short on the way", () => {
  it("is refused when fewer bytes arrive than its Content-Length declared (Next's proxy buffer cuts silently)", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(
          new TextEncoder().encode("document_id,file_url\nd1,https://x.example/a.pdf?X-Amz-Sig"),
        );
        controller.close();
      },
    });
    const request = new Request("http://app.test/x", {
      method: "POST",
      body,
      duplex: "half",
      headers: { "content-length": "10485900" },
    } as RequestInit);
    await expect(readBodyCapped(request, 20_000_000)).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  it("is read whole when the declared length matches", async () => {
    const request = new Request("http://app.test/x", { method: "POST", body: "abc" });
    expect(request.headers.get("content-length") ?? "3").toBe("3");
    expect(await readBodyCapped(request, 10)).toBe("abc");
  });
});
