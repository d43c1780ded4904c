import "server-only";
import { fetchFileSafely, simulatorSources } from "@/lib/net/safe-fetch";
import { expiryProblem, storageProblem } from "@/lib/review/file-problem";
import { fileMedia } from "@/lib/review/file-response";
import { UnreadableFileError } from "./rasterise";

const MAX_BYTES = 30 * 1024 * 1024;
const TIMEOUT_MS = 30_000;

/**
 * The scan at a document's stored link, through the guarded fetcher the file route uses (public
 * addresses only, the simulator trusted). Problems the link itself has (expired, refused, not an
 * image or PDF, too large) are UnreadableFileError: retrying will not help.
 */
export async function fetchScan(link: string): Promise<{ bytes: Buffer; mediaType: string }> {
  const expired = expiryProblem(link, new Date());
  if (expired) throw new UnreadableFileError(expired);
  let response: Response;
  try {
    response = await fetchFileSafely(link, { trustedOrigins: simulatorSources(), timeoutMs: TIMEOUT_MS });
  } catch (error) {
    if (error instanceof Error && error.name === "UnsafeFileUrlError")
      throw new UnreadableFileError(error.message);
    throw error;
  }
  if (!response.ok) {
    const body = (await response.text().catch(() => "")).slice(0, 4000);
    const problem = storageProblem(response.status, body);
    // 5xx and 429 may pass: let the queue retry them.
    if (response.status >= 500 || response.status === 429) throw new Error(problem);
    throw new UnreadableFileError(problem);
  }
  const media = fileMedia(response.headers.get("content-type"), link);
  if (!media) {
    await response.body?.cancel();
    throw new UnreadableFileError(
      `the file is ${response.headers.get("content-type") ?? "of an unknown type"}`,
    );
  }
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > MAX_BYTES)
    throw new UnreadableFileError(`the file is larger than ${MAX_BYTES / 1048576} MB`);
  return { bytes, mediaType: media.mediaType };
}
