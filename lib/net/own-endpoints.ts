/**
 * The fetch the EMBEDDED simulator (demo mode) uses for a flow's auth_url and callback_url. Those
 * URLs come from whoever calls the simulator's flow/init, and the demo credentials are public, so
 * an unrestricted fetch would let anyone make this server call any address (SSRF). The real Atlas
 * only ever calls this app's own application endpoints, so that is all the embedded one may call;
 * anything else fails as a network error would (the simulator reports the URL as unreachable).
 */
export function ownApplicationEndpointsOnly(appBaseUrl: string, fetchImpl: typeof fetch): typeof fetch {
  const base = appBaseUrl.replace(/\/+$/, "");
  const allowed = new URL(`${base}/api/applications/`);
  // The path given to Atlas before the rename, which applications started then still carry.
  const legacy = new URL(`${base}/api/flows/`);
  return (input, init) => {
    let target: URL;
    try {
      target = new URL(input instanceof Request ? input.url : String(input));
    } catch {
      return Promise.reject(new TypeError("fetch failed: not a URL"));
    }
    const own = [allowed, legacy].some((p) => target.pathname.startsWith(p.pathname));
    if (target.origin !== allowed.origin || !own) {
      return Promise.reject(
        new TypeError(
          `fetch failed: the embedded simulator only calls this app's application endpoints (${allowed.href})`,
        ),
      );
    }
    // Never follow a redirect away from the app's own endpoints.
    return fetchImpl(input, { ...init, redirect: "manual" });
  };
}
