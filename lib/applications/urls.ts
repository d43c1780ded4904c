/**
 * The addresses we give Atlas in `flow/init`. Atlas calls them from outside, so they are built
 * from APP_BASE_URL (the public address), never from the request that happened to create the flow.
 */
export function flowAuthUrl(appBaseUrl: string, flowId: string, secret: string): string {
  return `${appBaseUrl}/api/applications/${flowId}/auth?key=${encodeURIComponent(secret)}`;
}

/** The auth URL as shown to people and written to logs: without the secret. */
export function flowAuthUrlForDisplay(appBaseUrl: string, flowId: string): string {
  return `${appBaseUrl}/api/applications/${flowId}/auth`;
}

export function flowCallbackUrl(appBaseUrl: string, flowId: string): string {
  return `${appBaseUrl}/api/applications/${flowId}/callback`;
}
