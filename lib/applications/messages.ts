import "server-only";
import { isAtlasError, mayHaveReachedAtlas } from "@/lib/atlas/errors";
import { isUserError } from "@/lib/errors";
import { describeSignFailure } from "@/lib/s3/sign-late";
import { applicationAuthUrlForDisplay } from "./urls";

/**
 * Why an upload to an application failed, in words the admin can act on. The 422 is Atlas
 * failing to reach OUR auth URL, which only the person running this dashboard can fix.
 */
export function describeApplicationUploadFailure(
  error: unknown,
  context: { appBaseUrl: string; applicationId: string },
): string {
  // AtlasError is a UserError too: a sign failure is any other UserError (nothing was sent).
  if (isUserError(error) && !isAtlasError(error)) return describeSignFailure(error);
  if (!isAtlasError(error))
    return "The upload failed for an unexpected reason. Try again; if it keeps failing, check the server log.";
  if (error.kind === "auth_url_unreachable")
    return authUrlUnreachableMessage(context.appBaseUrl, context.applicationId);
  // A timeout, a dropped connection, a 5xx, a proxy's error page or an unreadable 2xx after the
  // request was sent: Atlas may have it (the same rule as batch chunks).
  if (mayHaveReachedAtlas(error)) {
    return `${error.userMessage} Atlas may or may not have received these documents; retrying could send them twice.`;
  }
  return error.userMessage;
}

export function authUrlUnreachableMessage(appBaseUrl: string, applicationId: string): string {
  return (
    `Atlas refused the documents because it could not reach this application's auth URL ` +
    `(${applicationAuthUrlForDisplay(appBaseUrl, applicationId)}). Atlas calls that address from its own servers ` +
    `before it accepts an upload, so APP_BASE_URL (now ${appBaseUrl}) must be this dashboard's public ` +
    `address, reachable from the internet: set APP_BASE_URL to it, and check the firewall or IP ` +
    `allow-list and the reverse proxy / load balancer in front of the app. Nothing was processed; ` +
    `once Atlas can reach the address, retry the upload.`
  );
}
