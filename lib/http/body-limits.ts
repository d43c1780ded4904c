import { maxBatchTextBytes } from "../batches/limits";

/**
 * The largest request body any route handler accepts: a full batch (the form's stated limit)
 * or an Atlas flow callback (20 MB, lib/flows/callbacks.ts). Every request passes through
 * proxy.ts, and Next buffers a proxied body only up to `experimental.proxyClientMaxBodySize`
 * (10 MiB by default), silently handing the route the first 10 MiB of anything larger: a
 * batch over that size would lose its last rows and cut a URL in half. next.config.ts sets the
 * proxy's limit to this, and readBodyBytesCapped refuses a body shorter than it declared.
 */
export const MAX_CALLBACK_BODY_BYTES = 20_000_000;
const MARGIN_BYTES = 64 * 1024;

export function largestRequestBodyBytes(batchMaxRows: number): number {
  return Math.max(maxBatchTextBytes(batchMaxRows), MAX_CALLBACK_BODY_BYTES) + MARGIN_BYTES;
}
