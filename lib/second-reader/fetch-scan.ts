import "server-only";
import { readStoredFile } from "@/lib/review/stored-file";
import { UnreadableFileError } from "./rasterise";

const TIMEOUT_MS = 30_000;

/**
 * The scan behind a document's stored link, read the way the file route reads it
 * (lib/review/stored-file.ts): an `s3://` location through the S3 SDK with the allow-list
 * checked, any other link through the guarded fetcher. A problem the file itself has (expired,
 * refused, missing, outside S3_ALLOWED_BUCKETS, not an image or PDF, too large) is an
 * UnreadableFileError: retrying will not help. Throttling, storage's 5xx and the network throw a
 * plain Error, which the queue retries.
 */
export async function fetchScan(
  link: string,
  documentId?: string,
): Promise<{ bytes: Buffer; mediaType: string }> {
  const read = await readStoredFile(link, {
    timeoutMs: TIMEOUT_MS,
    signal: AbortSignal.timeout(TIMEOUT_MS),
    documentId,
  });
  if (read.ok) return { bytes: read.bytes, mediaType: read.media.mediaType };
  if (read.transient) throw new Error(read.message);
  throw new UnreadableFileError(read.message);
}
