/**
 * The addresses we give Atlas in `flow/init`. Atlas calls them from outside, so they are built
 * from APP_BASE_URL (the public address), never from the request that happened to create the flow.
 */
export function applicationAuthUrl(appBaseUrl: string, applicationId: string, secret: string): string {
  return `${appBaseUrl}/api/applications/${applicationId}/auth?key=${encodeURIComponent(secret)}`;
}

/** The auth URL as shown to people and written to logs: without the secret. */
export function applicationAuthUrlForDisplay(appBaseUrl: string, applicationId: string): string {
  return `${appBaseUrl}/api/applications/${applicationId}/auth`;
}

export function applicationCallbackUrl(appBaseUrl: string, applicationId: string): string {
  return `${appBaseUrl}/api/applications/${applicationId}/callback`;
}
