import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/auth/route-guard";
import { getDb } from "@/lib/db";
import { getApplication } from "@/lib/flows/queries";
import { toApplicationProgress } from "@/lib/flows/progress";
import { maskDeep } from "@/lib/masking";

export const dynamic = "force-dynamic";

/** Progress of one application, for its page's polling. Reads our database only, never Atlas. */
export const GET = guardedRoute<{ params: Promise<{ flowId: string }> }>(
  "applications:view",
  async (_request, { params }) => {
    const { flowId } = await params;
    const application = await getApplication(await getDb(), flowId);
    if (!application) return NextResponse.json({ error: "No such application." }, { status: 404 });
    // Error texts and document ids come from outside: no Aadhaar number leaves unmasked.
    return NextResponse.json(maskDeep(toApplicationProgress(application)), {
      headers: { "Cache-Control": "no-store" },
    });
  },
);
