import NextAuth from "next-auth";
import { type NextFetchEvent, type NextRequest, NextResponse } from "next/server";
import { authConfig } from "@/lib/auth/config";
import { getAuthSecret } from "@/lib/auth/secret";

/**
 * Sends signed-out visitors of dashboard pages to the sign-in page. This is convenience, not
 * security: every page, route handler and server action checks the user against the database
 * itself (lib/auth/current-user.ts, lib/auth/route-guard.ts, lib/actions.ts).
 */
const { auth } = NextAuth(() => ({ ...authConfig, secret: getAuthSecret() }));

// With a lazily built config (the secret is read at run time, not build time) Auth.js hands back
// the wrapped handler as a promise.
const handler = auth((req) => {
  if (req.auth?.user) return NextResponse.next();
  const signIn = new URL("/sign-in", req.nextUrl.origin);
  const target = req.nextUrl.pathname + req.nextUrl.search;
  if (target !== "/") signIn.searchParams.set("callbackUrl", target);
  return NextResponse.redirect(signIn);
}) as unknown as Promise<(req: NextRequest, event: NextFetchEvent) => Promise<Response>>;

export async function proxy(req: NextRequest, event: NextFetchEvent) {
  return (await handler)(req, event);
}

export const config = {
  // Everything except: API routes (they answer 401 themselves), the sign-in page, the embedded
  // Atlas simulator, Next's own assets, and files with an extension (icons, images).
  matcher: ["/((?!api/|sign-in|atlas-sim|_next/|.*\\..*).*)"],
};
