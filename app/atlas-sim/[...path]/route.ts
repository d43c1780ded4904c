/**
 * The Atlas simulator mounted inside the app at /atlas-sim, so that `npm start` without any
 * Atlas configuration has a working Atlas (demo mode). Answers 404 when a real Atlas is configured.
 */
import { NextResponse } from "next/server";
import { DEMO_ATLAS_CLIENT_ID, DEMO_ATLAS_CLIENT_SECRET, SIM_MOUNT_PATH, getEnv } from "@/lib/env";
import { createSimulator, type Simulator } from "@/atlas-sim/simulator";
import { getCurrentUser } from "@/lib/auth/current-user";
import { publicRoute } from "@/lib/auth/route-guard";
import { isBodyTooLarge, readBodyBytesCapped } from "@/lib/http/read-body";
import { ownApplicationEndpointsOnly } from "@/lib/net/own-endpoints";
import { fetchFileSafely, simulatorSources } from "@/lib/net/safe-fetch";
import { processSingleton } from "@/lib/process-singleton";
import { isAllowedS3EndpointLink } from "@/lib/s3/endpoint-url";
import { can } from "@/lib/roles";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Atlas requests carry URLs and small JSON (at most 50 file URLs per upload). */
const SIM_MAX_BODY_BYTES = 1024 * 1024;

function simulator(): Simulator {
  return processSingleton("embedded-simulator", () =>
    createSimulator({
      basePath: SIM_MOUNT_PATH,
      clientId: DEMO_ATLAS_CLIENT_ID,
      clientSecret: DEMO_ATLAS_CLIENT_SECRET,
      latency: getEnv().SIM_LATENCY_MS,
      // Flow auth_url/callback_url come from the caller: only this app's own endpoints are called.
      // eslint-disable-next-line no-restricted-globals -- the guard above is the SSRF check
      fetch: ownApplicationEndpointsOnly(getEnv().appBaseUrl, (...args) => fetch(...args)),
      profile: getEnv().SIM_PROFILE,
      // Files are downloaded as Atlas does: the simulator's own specimen files straight from it
      // (whatever host name the browser used for them), anything else through the SSRF-safe
      // fetcher. A local S3-compatible server (S3_ENDPOINT, npm run s3:demo) is trusted only for
      // links to objects S3_ALLOWED_BUCKETS admits, with no redirect: not a way round the list.
      downloads: getEnv().ATLAS_SIM_DOWNLOADS === "on",
      downloadFetch: (input) => {
        const url = new URL(String(input));
        if (url.pathname.startsWith(`${SIM_MOUNT_PATH}/files/`)) return simulator().handle(new Request(url));
        const s3Endpoint = getEnv().s3.endpoint;
        const s3Link = s3Endpoint !== undefined && isAllowedS3EndpointLink(url.href);
        return fetchFileSafely(url.href, {
          trustedOrigins: [...simulatorSources(), ...(s3Link ? [s3Endpoint] : [])],
          timeoutMs: 20_000,
          ...(s3Link ? { maxRedirects: 0 } : {}),
        });
      },
    }),
  );
}

/** The simulator's control endpoints (faults, token revocation, document listing…). */
function isControlPath(request: Request): boolean {
  // The same path the simulator routes on (raw pathname, no decoding).
  return new URL(request.url).pathname.slice(SIM_MOUNT_PATH.length).startsWith("/__sim");
}

/**
 * A state-changing control request sent by a page of another origin. The session cookie is
 * SameSite=Lax, which another port of the same host (another local app) still counts as the same
 * site, so a page there could arm faults or reset the simulator in a signed-in admin's name.
 * Browsers say where a request comes from (Sec-Fetch-Site, Origin); clients that are not browsers
 * send neither.
 */
function crossOrigin(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const own = [request.headers.get("host"), new URL(getEnv().appBaseUrl).host];
  try {
    return !own.includes(new URL(origin).host);
  } catch {
    return true; // "null" and other opaque origins
  }
}

async function handle(request: Request): Promise<Response> {
  if (!getEnv().demoMode) return Response.json({ error: "Not Found" }, { status: 404 });
  if (isControlPath(request)) {
    const user = await getCurrentUser();
    if (!user)
      return NextResponse.json(
        { error: "Sign in as an admin to use the simulator's control endpoints." },
        { status: 401 },
      );
    if (!can(user.role, "settings:manage"))
      return NextResponse.json(
        { error: `Your role (${user.role}) cannot control the simulator; an admin can.` },
        { status: 403 },
      );
    if (request.method !== "GET" && request.method !== "HEAD" && crossOrigin(request))
      return NextResponse.json(
        { error: "The simulator's controls take no requests from pages of another origin." },
        { status: 403 },
      );
  }
  let forwarded = request;
  if (request.body) {
    try {
      // A fresh Uint8Array over an ArrayBuffer (what the reader allocates).
      const body = (await readBodyBytesCapped(request, SIM_MAX_BODY_BYTES)) as Uint8Array<ArrayBuffer>;
      const headers = new Headers(request.headers);
      headers.delete("content-length");
      headers.delete("transfer-encoding");
      forwarded = new Request(request.url, { method: request.method, headers, body });
    } catch (error) {
      if (isBodyTooLarge(error))
        return NextResponse.json(
          { error: `${error.message} The simulator takes JSON requests of at most 1 MB.` },
          { status: 413 },
        );
      throw error;
    }
  }
  let sim: Simulator;
  try {
    sim = simulator();
  } catch (error) {
    // e.g. SIM_PROFILE names a profile the simulator does not know: say which ones it knows.
    const message = error instanceof Error ? error.message : "The simulator could not start.";
    return Response.json({ error: `${message} (check SIM_PROFILE)` }, { status: 500 });
  }
  return sim.handle(forwarded);
}

// Public on purpose: Atlas calls carry their own credentials/tokens (checked by the simulator), and
// browsers load sample files without a session. The control endpoints (/__sim/*) need a signed-in
// admin (checked above). In production (real Atlas configured) the whole mount is a 404.
const PUBLIC_REASON =
  "the embedded Atlas simulator authenticates its own callers (control endpoints: a signed-in admin) and only exists in demo mode";

export const GET = publicRoute(PUBLIC_REASON, handle);
export const POST = publicRoute(PUBLIC_REASON, handle);
export const DELETE = publicRoute(PUBLIC_REASON, handle);
