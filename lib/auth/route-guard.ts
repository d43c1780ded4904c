import "server-only";
import { unstable_rethrow } from "next/navigation";
import { NextResponse } from "next/server";
import { getEnv } from "@/lib/env";
import { describeFailure } from "@/lib/failure";
import { HSTS } from "@/lib/http/security-headers";
import { maskAadhaarInText, maskDeep } from "@/lib/masking";
import { can, type Permission } from "@/lib/roles";
import { type CurrentUser, getCurrentUser } from "./current-user";

/**
 * Every route handler is built with one of these two, so that a test can enumerate the app's
 * handlers and prove each is guarded (see app/security.test.ts). `guard` is attached to the
 * handler for that test.
 */
export type RouteGuard = { kind: "permission"; permission: Permission } | { kind: "public"; reason: string };
type Handler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * HSTS on a handler's answer when the app is served over https. proxy.ts adds it to everything it
 * runs on, but it does not run on requests to route handlers that carry a body (it would buffer
 * them), so the handlers add it themselves. Immutable headers (a fetched Response) are copied.
 */
export function withTransportSecurity(response: Response): Response {
  if (!getEnv().appBaseUrl.startsWith("https:") || response.headers.has("strict-transport-security"))
    return response;
  try {
    response.headers.set("Strict-Transport-Security", HSTS);
    return response;
  } catch {
    const headers = new Headers(response.headers);
    headers.set("Strict-Transport-Security", HSTS);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}
export type GuardedHandler<C> = Handler<C> & { guard: RouteGuard };

/**
 * What a handler threw, as an answer: a UserError (lib/errors.ts) with its status, code, message
 * and details; anything else logged under a reference and answered 500 with the generic message.
 * The one place route handlers translate errors. Answers may name what the person sent (rows,
 * labels), so no Aadhaar number leaves unmasked.
 */
async function answerFailure(request: Request, error: unknown): Promise<Response> {
  unstable_rethrow(error);
  const { failure, status } = describeFailure(error, {
    event: "route.failed",
    route: `${request.method} ${new URL(request.url).pathname}`,
  });
  const { message, ...rest } = failure;
  return NextResponse.json(
    { error: maskAadhaarInText(message), ...(maskDeep(rest) as object) },
    { status, headers: { "Cache-Control": "no-store" } },
  );
}

async function answering<C>(handler: Handler<C>, request: Request, context: C): Promise<Response> {
  try {
    return await handler(request, context);
  } catch (error) {
    return answerFailure(request, error);
  }
}

export function guardedRoute<C = unknown>(
  permission: Permission,
  handler: (request: Request, context: C & { user: CurrentUser }) => Promise<Response>,
): GuardedHandler<C> {
  const guarded = async (request: Request, context: C) => {
    const user = await getCurrentUser();
    if (!user)
      return NextResponse.json({ error: "Sign in to continue.", code: "unauthenticated" }, { status: 401 });
    if (!can(user.role, permission)) {
      return NextResponse.json(
        { error: `Your role (${user.role}) is not allowed to do this.`, code: "forbidden" },
        { status: 403 },
      );
    }
    return handler(request, { ...context, user });
  };
  const wrapped = async (request: Request, context: C) =>
    withTransportSecurity(await answering(guarded, request, context));
  return Object.assign(wrapped, { guard: { kind: "permission", permission } as const });
}

/** A deliberately public handler (health, sign-in, Atlas callbacks); `reason` says why. */
export function publicRoute<C = unknown>(reason: string, handler: Handler<C>): GuardedHandler<C> {
  const wrapped = async (request: Request, context: C) =>
    withTransportSecurity(await answering(handler, request, context));
  return Object.assign(wrapped, { guard: { kind: "public", reason } as const });
}
