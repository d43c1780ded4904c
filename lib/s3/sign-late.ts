import "server-only";
import { UserError } from "@/lib/errors";
import { looksLikeS3Url, parseS3Url, s3UrlProblem } from "./location";
import { signS3Get } from "./objects";

/**
 * Documents from S3 keep `s3://bucket/key` as their file URL: readable, and never a link that
 * lapses. The link Atlas downloads from is signed here, at the moment a chunk is sent (so a retry
 * or a late chunk gets a fresh one), with S3_SIGN_EXPIRY_SECONDS; it is sent, never stored.
 * Every other URL (pre-signed links pasted by a person) goes out as it was recorded.
 */
export async function signFilesForAtlas<T extends { fileUrl: string }>(files: readonly T[]): Promise<T[]> {
  return Promise.all(
    files.map(async (file) => {
      if (!looksLikeS3Url(file.fileUrl)) return file;
      const loc = parseS3Url(file.fileUrl);
      if (!loc)
        throw new UserError(
          "invalid_input",
          `${file.fileUrl} cannot be sent: ${s3UrlProblem(file.fileUrl)}.`,
        );
      return { ...file, fileUrl: await signS3Get(loc) };
    }),
  );
}

/** Why a chunk was not sent because its links could not be signed (nothing reached Atlas). */
export function describeSignFailure(error: UserError): string {
  return `Not sent to Atlas: the S3 links could not be signed. ${error.userMessage} Fix this, then retry.`;
}
