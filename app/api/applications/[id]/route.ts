import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/auth/route-guard";
import { getDb } from "@/lib/db";
import { getApplication } from "@/lib/applications/queries";
import { toApplicationProgress } from "@/lib/applications/progress";
import { maskDeep } from "@/lib/masking";

export const dynamic = "force-dynamic";

/** Progress of one application, for its page's polling. Reads our database only, never Atlas. */
export const GET = guardedRoute<{ params: Promise<{ id: string }> }>(
  "applications:view",
  async (_request, { params }) => {
    const { id: applicationId } = await params;
    const application = await getApplication(await getDb(), applicationId);
    if (!application) return NextResponse.json({ error: "No such application." }, { status: 404 });
    // Error texts and document ids come from outside: no Aadhaar number leaves unmasked.
    return NextResponse.json(maskDeep(toApplicationProgress(application)), {
      headers: { "Cache-Control": "no-store" },
    });
  },
);
