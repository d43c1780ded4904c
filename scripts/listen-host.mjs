/**
 * The interface `npm start` listens on. `HOST` wins when set (`0.0.0.0` or `::` for every
 * interface). Otherwise demo mode (no ATLAS_BASE_URL: demo accounts with published passwords and
 * an embedded simulator) stays private to this machine on 127.0.0.1, and a configured install
 * listens on every interface, as `next start` does by default (undefined: no -H flag).
 * @param {Record<string, string | undefined>} env
 * @returns {string | undefined}
 */
export function listenHost(env) {
  const host = env.HOST?.trim();
  if (host) return host;
  return env.ATLAS_BASE_URL?.trim() ? undefined : "127.0.0.1";
}
