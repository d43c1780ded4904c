import { NextResponse } from "next/server";
import { getAtlasClient } from "@/lib/atlas";
import { publicRoute } from "@/lib/auth/route-guard";
import { getDbInfo } from "@/lib/db";
import { getEnv } from "@/lib/env";
import pkg from "@/package.json";

export const dynamic = "force-dynamic";

/**
 * Liveness and readiness for load balancers and people: app version, and whether the database
 * and Atlas answer. 200 when the database is reachable (the app can serve), 503 when it is not.
 * Atlas being down is reported but does not fail the check: reviewing stored documents still works.
 */
export const GET = publicRoute("health checks come from load balancers without a session", async () => {
  const env = getEnv();
  // The token check costs Atlas nothing while a cached token is valid (one request an hour).
  const [database, atlas] = await Promise.all([getDbInfo(), getAtlasClient().checkReachable("bulk")]);
  const body = {
    status: database.ok ? "ok" : "degraded",
    version: pkg.version,
    mode: env.demoMode ? "demo" : "atlas",
    database: {
      driver: database.driver,
      reachable: database.ok,
      ...(database.error ? { error: database.error } : {}),
    },
    atlas: { baseUrl: env.atlasBaseUrl, reachable: atlas.ok, ...(atlas.ok ? {} : { error: atlas.error }) },
  };
  return NextResponse.json(body, {
    status: database.ok ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
});
