/**
 * The auth_url path Atlas was given before applications moved to /api/applications: applications
 * started then still carry it, so it answers exactly as app/api/applications/[id]/auth does.
 */
export { GET, POST } from "@/app/api/applications/[id]/auth/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";
