/**
 * The Atlas simulator mounted inside the app at /atlas-sim, so that `npm start` without any
 * Atlas configuration has a working Atlas (demo mode). Answers 404 when a real Atlas is configured.
 */
import { DEMO_ATLAS_CLIENT_ID, DEMO_ATLAS_CLIENT_SECRET, SIM_MOUNT_PATH, getEnv } from "@/lib/env";
import { createSimulator, type Simulator } from "@/atlas-sim/simulator";
import { publicRoute } from "@/lib/auth/route-guard";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const GLOBAL_KEY = Symbol.for("atlas-review.embedded-simulator");
type WithSimulator = typeof globalThis & { [GLOBAL_KEY]?: Simulator };

function simulator(): Simulator {
  const holder = globalThis as WithSimulator;
  holder[GLOBAL_KEY] ??= createSimulator({
    basePath: SIM_MOUNT_PATH,
    clientId: DEMO_ATLAS_CLIENT_ID,
    clientSecret: DEMO_ATLAS_CLIENT_SECRET,
    latency: getEnv().SIM_LATENCY_MS,
    profile: getEnv().SIM_PROFILE,
  });
  return holder[GLOBAL_KEY];
}

async function handle(request: Request): Promise<Response> {
  if (!getEnv().demoMode) return Response.json({ error: "Not Found" }, { status: 404 });
  let sim: Simulator;
  try {
    sim = simulator();
  } catch (error) {
    // e.g. SIM_PROFILE names a profile the simulator does not know: say which ones it knows.
    const message = error instanceof Error ? error.message : "The simulator could not start.";
    return Response.json({ error: `${message} (check SIM_PROFILE)` }, { status: 500 });
  }
  return sim.handle(request);
}

// Public on purpose: Atlas calls carry their own credentials/tokens (checked by the simulator), and
// browsers load sample files without a session. In production (real Atlas configured) it is a 404.
const PUBLIC_REASON =
  "the embedded Atlas simulator authenticates its own callers and only exists in demo mode";

export const GET = publicRoute(PUBLIC_REASON, handle);
export const POST = publicRoute(PUBLIC_REASON, handle);
export const DELETE = publicRoute(PUBLIC_REASON, handle);
