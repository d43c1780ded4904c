/**
 * Why the document pane cannot show a file, in words a reviewer can act on. Pure: the file
 * route uses it on what storage answered, and the tests pin the wording.
 */
import { checkPresignedExpiry } from "@/lib/batches/input/presigned";
import { maskAadhaarInText } from "@/lib/masking";

/** The link's own expiry (X-Amz-Date + X-Amz-Expires, or Expires=), checked before any request. */
export function expiryProblem(fileUrl: string, now: Date): string | null {
  let url: URL;
  try {
    url = new URL(fileUrl);
  } catch {
    return "The stored file link is not a valid URL.";
  }
  const problem = checkPresignedExpiry(url, now)[0];
  if (!problem) return null;
  return problem.code === "url_expired"
    ? `The pre-signed link has expired: ${problem.message.replace(/^Link expired /, "it expired ")}.`
    : `The pre-signed link is malformed: ${problem.message}.`;
}

function xmlTag(body: string, tag: string): string | null {
  const match = new RegExp(`<${tag}>([^<]{0,300})</${tag}>`).exec(body);
  return match?.[1]?.trim() || null;
}

/** What an error answer from storage means. S3 answers XML such as <Code>AccessDenied</Code>. */
export function storageProblem(status: number, body: string): string {
  const code = xmlTag(body, "Code");
  const message = xmlTag(body, "Message");
  // Storage's own words are relayed to the page: they may quote a key named after the number.
  const said = code ? maskAadhaarInText(` (${code}${message ? `: ${message}` : ""})`) : "";
  if (message && /expired/i.test(message))
    return `Storage refused the file: the pre-signed link has expired${said}. Re-generate the link and start a new batch.`;
  if (status === 403)
    return `Storage refused the file${said}: the link's signature is not accepted or access was revoked.`;
  if (status === 404) return `Storage has no file at this link${said}: it was moved or deleted.`;
  return `Storage answered HTTP ${status}${said}; try again later.`;
}
