import { handlers } from "@/lib/auth";
import { publicRoute } from "@/lib/auth/route-guard";

export const GET = publicRoute("Auth.js endpoints: session, CSRF and sign-in callbacks", (request) =>
  handlers.GET(request as Parameters<typeof handlers.GET>[0]),
);
export const POST = publicRoute("Auth.js endpoints: sign-in and sign-out", (request) =>
  handlers.POST(request as Parameters<typeof handlers.POST>[0]),
);
