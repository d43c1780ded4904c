/**
 * The callback_url path Atlas was given before applications moved to /api/applications:
 * applications started then still post here, so it answers exactly as
 * app/api/applications/[id]/callback does.
 */
export { POST } from "@/app/api/applications/[id]/callback/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";
