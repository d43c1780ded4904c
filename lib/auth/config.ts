import type { NextAuthConfig } from "next-auth";
import { getEnv } from "@/lib/env";

/**
 * The part of the Auth.js configuration that needs no database, shared by proxy.ts and the full
 * configuration in lib/auth/index.ts. Roles are NOT kept in the token: every request loads the
 * user from the database, so a deactivation or role change takes effect at once.
 *
 * The token carries the user's session version at sign-in (`sv`; lib/auth/current-user.ts
 * refuses a token whose version the user row has moved past), when the person signed in
 * (`authAt`, for the absolute limit) and when the session was last used (`seenAt`, for the idle
 * limit). The proxy re-issues the cookie on every page request and server action, which is what
 * moves `seenAt` on; background polling of route handlers does not count as activity.
 */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

type SessionClock = Record<string, unknown>;

/** Pure: whether a token is still within the absolute and idle limits at `nowSeconds`. */
export function sessionAlive(
  token: SessionClock,
  nowSeconds: number,
  limits: { idleSeconds: number; maxAgeSeconds: number },
): boolean {
  const { authAt, seenAt } = token;
  if (typeof authAt !== "number" || typeof seenAt !== "number") return false;
  return nowSeconds - authAt <= limits.maxAgeSeconds && nowSeconds - seenAt <= limits.idleSeconds;
}

/** The session version the token was issued with, or null for a token without one. */
export function sessionVersionOf(session: unknown): number | null {
  const sv = (session as { sessionVersion?: unknown } | null)?.sessionVersion;
  return typeof sv === "number" && Number.isInteger(sv) ? sv : null;
}

export const authConfig = {
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      const now = Math.floor(Date.now() / 1000);
      if (user?.id) {
        const sv = (user as { sessionVersion?: unknown }).sessionVersion;
        token.uid = user.id;
        token.sv = typeof sv === "number" ? sv : null;
        token.authAt = now;
        token.seenAt = now;
        return token;
      }
      const limits = {
        idleSeconds: getEnv().SESSION_IDLE_MINUTES * 60,
        maxAgeSeconds: SESSION_MAX_AGE_SECONDS,
      };
      // Null ends the session: Auth.js answers "no session" and clears the cookie.
      if (!sessionAlive(token, now, limits)) return null;
      token.seenAt = now;
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      return Object.assign(session, { sessionVersion: token.sv ?? null });
    },
  },
} satisfies NextAuthConfig;
