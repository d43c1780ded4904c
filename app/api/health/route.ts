import { NextResponse } from "next/server";
import { getAtlasClient, type AtlasFamily } from "@/lib/atlas";
import { publicRoute } from "@/lib/auth/route-guard";
import { getDbInfo } from "@/lib/db";
import { getEnv } from "@/lib/env";
import pkg from "@/package.json";

export const dynamic = "force-dynamic";

const FAMILY_NAMES: Record<AtlasFamily, "batches" | "applications"> = { bulk: "batches", v3: "applications" };

/**
 * Liveness and readiness for load balancers and people: app version, and whether the database
 * and each configured Atlas API family (batches: Bulk or IDP/docstream; applications: Flow v3)
 * answer. 200 when the database is reachable (the app can serve), 503 when it is not. Atlas
 * being down is reported but does not fail the check: reviewing stored documents still works.
 */
export const GET = publicRoute("health checks come from load balancers without a session", async () => {
  const env = getEnv();
  const atlas = getAtlasClient();
  const endpoints = atlas.endpoints();
  // The token check costs Atlas nothing while a cached token is valid (one request an hour per
  // family), and goes through the instance's request budget like every other Atlas call.
  const families = ["bulk", "v3"] as const;
  const [database, ...reach] = await Promise.all([
    getDbInfo(),
    ...families.map((f) => atlas.checkReachable(f)),
  ]);
  const apis = Object.fromEntries(
    families.map((family, i) => {
      const r = reach[i]!;
      return [
        FAMILY_NAMES[family],
        {
          api: endpoints[family].api,
          baseUrl: endpoints[family].baseUrl,
          reachable: r.ok,
          ...(r.ok ? {} : { error: r.error }),
        },
      ];
    }),
  );
  const body = {
    status: database.ok ? "ok" : "degraded",
    version: pkg.version,
    mode: env.demoMode ? "demo" : "atlas",
    database: {
      driver: database.driver,
      reachable: database.ok,
      ...(database.error ? { error: database.error } : {}),
    },
    atlas: {
      baseUrl: env.atlasBaseUrl,
      reachable: reach.every((r) => r.ok),
      ...(reach.every((r) => r.ok) ? {} : { error: reach.find((r) => !r.ok && "error" in r)?.error }),
      apis,
    },
  };
  return NextResponse.json(body, {
    status: database.ok ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
});
