import "server-only";
import { GetObjectCommand, HeadObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { assertS3Allowed } from "./allow-list";
import { bucketRegion, getS3Client, s3Settings } from "./client";
import { mapS3Error } from "./errors";
import type { S3Location } from "./location";

/** Size and time of one object (HEAD), after the allow-list check. */
export async function headS3Object(loc: S3Location): Promise<{ size: number; lastModified: string }> {
  assertS3Allowed(loc);
  try {
    const client = await getS3Client();
    const out = await client.send(new HeadObjectCommand({ Bucket: loc.bucket, Key: loc.key }));
    return { size: out.ContentLength ?? 0, lastModified: (out.LastModified ?? new Date(0)).toISOString() };
  } catch (error) {
    throw mapS3Error(error, "read", loc);
  }
}

/**
 * A pre-signed GET link for Atlas (or anyone holding it) to download one object, valid for
 * S3_SIGN_EXPIRY_SECONDS unless `expiresInSeconds` says otherwise, signed for the bucket's own
 * region. Signing is local: it needs credentials but no request. The link is a bearer secret:
 * it is sent, never stored or logged.
 */
export async function signS3Get(loc: S3Location, opts?: { expiresInSeconds?: number }): Promise<string> {
  assertS3Allowed(loc);
  try {
    const client = await getS3Client(await bucketRegion(loc.bucket));
    return await getSignedUrl(client, new GetObjectCommand({ Bucket: loc.bucket, Key: loc.key }), {
      expiresIn: opts?.expiresInSeconds ?? s3Settings().signExpirySeconds,
    });
  } catch (error) {
    throw mapS3Error(error, "sign", loc);
  }
}

/** The object's bytes, read by the server itself (the file proxy), after the allow-list check. */
export async function getS3Object(
  loc: S3Location,
  signal?: AbortSignal,
): Promise<{ body: ReadableStream<Uint8Array>; contentType?: string; size?: number }> {
  assertS3Allowed(loc);
  try {
    const client = await getS3Client();
    const out = await client.send(new GetObjectCommand({ Bucket: loc.bucket, Key: loc.key }), {
      abortSignal: signal,
    });
    if (!out.Body) throw new Error("S3 answered without a body");
    return {
      body: out.Body.transformToWebStream() as ReadableStream<Uint8Array>,
      contentType: out.ContentType,
      size: out.ContentLength,
    };
  } catch (error) {
    throw mapS3Error(error, "read", loc);
  }
}
