/**
 * `npm run sim`: the Atlas simulator on its own port.
 *
 *   SIM_PORT=4010  SIM_HOST=127.0.0.1  SIM_LATENCY_MS=instant|2000|1500-4000
 *   SIM_CLIENT_ID / SIM_CLIENT_SECRET (default: the demo credentials, atlas-sim/demo-credentials.ts)
 *   SIM_AUTH_URL_CHECK=false to skip the auth_url check on v3 multiupload
 *   SIM_FLOW_PROFILE=flow-lowercase,flow-auth-get  Flow API behaviours (atlas-sim/flow-profile.ts)
 *   SIM_PROFILE=short-pages,nan  lasting behaviours (atlas-sim/profiles.ts; GET /__sim/profiles)
 *   ATLAS_SIM_DOWNLOADS=on|off   download every uploaded file as Atlas does (default on; downloads.ts)
 */
import { SIM_DEMO_CLIENT_ID, SIM_DEMO_CLIENT_SECRET } from "./demo-credentials";
import { startSimServer } from "./server";

const env = process.env;
const port = Number(env.SIM_PORT ?? 4010);
const clientId = env.SIM_CLIENT_ID || SIM_DEMO_CLIENT_ID;
const clientSecret = env.SIM_CLIENT_SECRET || SIM_DEMO_CLIENT_SECRET;

async function main() {
  const server = await startSimServer({
    port,
    host: env.SIM_HOST || "127.0.0.1",
    clientId,
    clientSecret,
    latency: env.SIM_LATENCY_MS || "2000-6000",
    authUrlCheck: env.SIM_AUTH_URL_CHECK !== "false",
    flowProfile: env.SIM_FLOW_PROFILE || undefined,
    profile: env.SIM_PROFILE,
    downloads: (env.ATLAS_SIM_DOWNLOADS || "on") !== "off",
  });

  console.log(`Atlas simulator listening on ${server.baseUrl}

  Point the dashboard at it:
    ATLAS_BASE_URL=${server.baseUrl}
    ATLAS_CLIENT_ID=${clientId}
    ATLAS_CLIENT_SECRET=${clientSecret}

  Specimen documents: GET ${server.baseUrl}/specimens
  Fault injection:   POST ${server.baseUrl}/__sim/faults   (see atlas-sim/control.ts)
  Profiles:          ${env.SIM_PROFILE || "none"}   (GET ${server.baseUrl}/__sim/profiles)
  File downloads:    ${server.simulator.downloadsEnabled() ? "on" : "off"}   (GET ${server.baseUrl}/__sim/downloads)
`);

  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
