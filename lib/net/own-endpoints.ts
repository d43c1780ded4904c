/**
 * The fetch the EMBEDDED simulator (demo mode) uses for a flow's auth_url and callback_url. Those
 * URLs come from whoever calls the simulator's flow/init, and the demo credentials are public, so
 * an unrestricted fetch would let anyone make this server call any address (SSRF). The real Atlas
 * only ever calls this app's own flow endpoints, so that is all the embedded one may call;
 * anything else fails as a network error would (the simulator reports the URL as unreachable).
 */
export function ownFlowEndpointsOnly(appBaseUrl: string, fetchImpl: typeof fetch): typeof fetch {
  const allowed = new URL(`${appBaseUrl.replace(/\/+$/, "")}/api/flows/`);
  return (input, init) => {
    let target: URL;
    try {
      target = new URL(input instanceof Request ? input.url : String(input));
    } catch {
      return Promise.reject(new TypeError("fetch failed: not a URL"));
    }
    if (target.origin !== allowed.origin || !target.pathname.startsWith(allowed.pathname)) {
      return Promise.reject(
        new TypeError(
          `fetch failed: the embedded simulator only calls this app's flow endpoints (${allowed.href})`,
        ),
      );
    }
    // Never follow a redirect away from the app's own endpoints.
    return fetchImpl(input, { ...init, redirect: "manual" });
  };
}
