import "server-only";
import { byteCap, isBodyTooLarge } from "@/lib/http/read-body";
import { logger } from "@/lib/logger";
import { fetchFileSafely, simulatorSources } from "@/lib/net/safe-fetch";
import { isS3FileLink, openS3File, type OpenedFile } from "@/lib/s3/file-read";
import { expiryProblem, storageProblem } from "./file-problem";
import { fileMedia, type FileMedia } from "./file-response";

/**
 * The file behind a document's stored link, for everything that reads one: the file route (a
 * reviewer's view) and the second reader (OCR). An `s3://` location is read through the S3 SDK
 * with the server's credentials (allow-list checked, never expires); any other link is fetched
 * through the guarded fetcher (public addresses only, the simulator trusted). Then typed (images
 * and PDFs only) and capped.
 *
 * A failure says why in words, with the HTTP status the route answers and whether trying again
 * later may help (`transient`: throttling, storage's 5xx, the network), which the second
 * reader's queue uses to retry rather than give up.
 */

export const STORED_FILE_MAX_BYTES = 30 * 1024 * 1024;

export type StoredFileFailure = { ok: false; status: number; message: string; transient: boolean };

export type StoredFileStream =
  { ok: true; body: ReadableStream<Uint8Array> | null; media: FileMedia } | StoredFileFailure;

export type StoredFileBytes = { ok: true; bytes: Buffer; media: FileMedia } | StoredFileFailure;

export type StoredFileOptions = {
  timeoutMs: number;
  /** Aborts an S3 read (the HTTP fetch has its own timeout). */
  signal?: AbortSignal;
  /** For the log line of a failed fetch (never the link: it may be a bearer secret). */
  documentId?: string;
};

const MAX_MB = STORED_FILE_MAX_BYTES / 1048576;

/** The file at a stored http(s) link, through the one guarded fetcher; failures in words. */
async function openHttpFile(link: string, options: StoredFileOptions): Promise<OpenedFile> {
  const expired = expiryProblem(link, new Date());
  if (expired) return { ok: false, status: 410, message: expired, transient: false };
  let response: Response;
  try {
    response = await fetchFileSafely(link, {
      // The simulator (embedded or standalone) lives on a private address by design.
      trustedOrigins: simulatorSources(),
      timeoutMs: options.timeoutMs,
    });
  } catch (error) {
    if (error instanceof Error && error.name === "UnsafeFileUrlError")
      return { ok: false, status: 422, message: error.message, transient: false };
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    logger.warn("document_file.fetch_failed", { documentId: options.documentId, error });
    return {
      ok: false,
      status: 502,
      message: timedOut
        ? `Storage did not answer within ${options.timeoutMs / 1000} s; try again.`
        : "Storage could not be reached (network error); try again.",
      transient: true,
    };
  }
  if (!response.ok) {
    const body = (await response.text().catch(() => "")).slice(0, 4000);
    return {
      ok: false,
      status: 502,
      message: storageProblem(response.status, body),
      // Overloaded or failing storage may answer next time; a refusal or a missing file will not.
      transient: response.status >= 500 || response.status === 429 || response.status === 408,
    };
  }
  const length = Number(response.headers.get("content-length") ?? 0);
  return { ok: true, body: response.body, contentType: response.headers.get("content-type"), length };
}

/** The stored file as a stream, typed and capped at 30 MB (the cap holds on a chunked answer too). */
export async function openStoredFile(link: string, options: StoredFileOptions): Promise<StoredFileStream> {
  const opened = isS3FileLink(link)
    ? await openS3File(link, options.signal)
    : await openHttpFile(link, options);
  if (!opened.ok) return opened;
  const { contentType, length } = opened;
  const media = fileMedia(contentType, link.replace(/^s3:\/\//i, "https://"));
  if (!media) {
    await opened.body?.cancel();
    return {
      ok: false,
      status: 415,
      message: `The file is ${contentType ?? "of an unknown type"}; the viewer and the second reader read images and PDFs only.`,
      transient: false,
    };
  }
  if (length > STORED_FILE_MAX_BYTES) {
    await opened.body?.cancel();
    return tooLarge(`The file is ${Math.round(length / 1048576)} MB`);
  }
  return { ok: true, body: opened.body?.pipeThrough(byteCap(STORED_FILE_MAX_BYTES)) ?? null, media };
}

const tooLarge = (what: string): StoredFileFailure => ({
  ok: false,
  status: 413,
  message: `${what}, more than the ${MAX_MB} MB the viewer and the second reader load.`,
  transient: false,
});

/** The stored file's bytes and media type (the second reader's way): as `openStoredFile`, read whole. */
export async function readStoredFile(link: string, options: StoredFileOptions): Promise<StoredFileBytes> {
  const opened = await openStoredFile(link, options);
  if (!opened.ok) return opened;
  try {
    const bytes = opened.body ? Buffer.from(await new Response(opened.body).arrayBuffer()) : Buffer.alloc(0);
    return { ok: true, bytes, media: opened.media };
  } catch (error) {
    if (isBodyTooLarge(error)) return tooLarge("The file goes on past the cap");
    logger.warn("document_file.read_failed", { documentId: options.documentId, error });
    // Cut off mid-way (network, timeout): the next try may get it whole.
    return {
      ok: false,
      status: 502,
      message: "Storage stopped sending the file part-way (network error); try again.",
      transient: true,
    };
  }
}
