import { UserError } from "@/lib/errors";

/**
 * Reads a request body as a stream, counting bytes as they arrive, and stops at a cap.
 *
 * `request.text()` buffers whatever the client sends, and a `Content-Length` check misses chunked
 * bodies (they declare no length). This reads chunk by chunk and cancels the stream as soon as
 * the count passes `maxBytes`, so a hostile body costs at most `maxBytes` plus one chunk of
 * memory. Call it only after the caller is authenticated (token or secret checked first).
 */
export class BodyTooLargeError extends UserError {
  readonly status = 413;
  constructor(readonly maxBytes: number) {
    super("too_large", `The request body is larger than ${maxBytes} bytes.`);
    this.name = "BodyTooLargeError";
  }
}

export const isBodyTooLarge = (e: unknown): e is BodyTooLargeError =>
  e instanceof BodyTooLargeError || (e instanceof Error && e.name === "BodyTooLargeError");

/** True when a declared Content-Length already exceeds the cap (no need to read anything). */
export function declaresTooMuch(request: Request, maxBytes: number): boolean {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  return Number.isFinite(declared) && declared > maxBytes;
}

/** The body's bytes, or a BodyTooLargeError once more than `maxBytes` arrived. */
export async function readBodyBytesCapped(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (declaresTooMuch(request, maxBytes)) throw new BodyTooLargeError(maxBytes);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        chunks.length = 0;
        await reader.cancel().catch(() => undefined);
        throw new BodyTooLargeError(maxBytes);
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  // Fewer bytes than declared: something on the way (Next's proxy buffer) cut the body short.
  // Reading on would record a batch without its last rows and with a URL cut in half.
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && total < declared) throw new BodyTooLargeError(maxBytes);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** The body as UTF-8 text, read with a byte cap (see readBodyBytesCapped). */
export async function readBodyCapped(request: Request, maxBytes: number): Promise<string> {
  return new TextDecoder().decode(await readBodyBytesCapped(request, maxBytes));
}

/**
 * Passes a stream through until more than `maxBytes` have gone by, then errors it (the reader sees
 * a BodyTooLargeError and the source is cancelled). For streams relayed without buffering, where
 * a declared Content-Length is missing (chunked) or untrue.
 */
export function byteCap(maxBytes: number): TransformStream<Uint8Array, Uint8Array> {
  let total = 0;
  return new TransformStream({
    transform(chunk, controller) {
      total += chunk.byteLength;
      if (total > maxBytes) controller.error(new BodyTooLargeError(maxBytes));
      else controller.enqueue(chunk);
    },
  });
}

/*
 * A body that is refused unread (no token) is simply left alone: nothing pulls it, so nothing is
 * buffered, and Node's HTTP server drains what remains of it after the response is sent.
 * Cancelling it instead can reset the connection before the 401 reaches the caller.
 */
