import "server-only";
import { isUserError } from "@/lib/errors";
import type { S3ErrorDetails } from "./errors";
import { looksLikeS3Url, parseS3Url, s3UrlProblem } from "./location";
import { getS3Object } from "./objects";

export type OpenedFile =
  | { ok: true; body: ReadableStream<Uint8Array> | null; contentType: string | null; length: number }
  | { ok: false; status: number; message: string; transient: boolean };

/** True when a stored file link is an S3 location, read by the server through the SDK. */
export const isS3FileLink = looksLikeS3Url;

const STATUS: Record<string, number> = { not_found: 404, forbidden: 403 };

/**
 * A document stored as `s3://bucket/key`, read with the server's own credentials at the moment a
 * reviewer opens it: there is no link to expire. The allow-list applies as everywhere (a bucket
 * removed from S3_ALLOWED_BUCKETS is no longer read); failures come back in words.
 */
export async function openS3File(link: string, signal?: AbortSignal): Promise<OpenedFile> {
  const loc = parseS3Url(link);
  if (!loc)
    return {
      ok: false,
      status: 403,
      message: `The stored S3 location cannot be read: ${s3UrlProblem(link)}.`,
      transient: false,
    };
  try {
    const out = await getS3Object(loc, signal);
    return { ok: true, body: out.body, contentType: out.contentType ?? null, length: out.size ?? 0 };
  } catch (error) {
    if (!isUserError(error)) throw error;
    return {
      ok: false,
      status: STATUS[error.code] ?? 502,
      message: `S3 could not give the file: ${error.userMessage}`,
      // Throttling, S3's own 5xx and the network may pass; a refusal or a missing key will not.
      transient: (error.details as S3ErrorDetails | undefined)?.transient === true,
    };
  }
}
