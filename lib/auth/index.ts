import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/lib/db";
import { endSessions } from "@/lib/db/queries/users";
import { authenticate } from "./authenticate";
import { clientAddress } from "./client-address";
import { authConfig } from "./config";
import { getAuthSecret } from "./secret";

/** Thrown from `authorize` so the sign-in action can tell "locked out" from "wrong password". */
export class SignInLockedError extends CredentialsSignin {
  constructor(seconds: number) {
    super();
    this.code = `locked:${seconds}`;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  ...authConfig,
  secret: getAuthSecret(),
  events: {
    // Every sign-out ends every session of the user, whichever way it comes: the app's sign-out
    // action, or Auth.js's own POST /api/auth/signout (a form any page of the app could post).
    // Clearing the cookie alone would leave a copied cookie working until it expires.
    async signOut(message) {
      const uid = "token" in message ? message.token?.uid : undefined;
      if (typeof uid === "string") await endSessions(await getDb(), uid);
    },
  },
  providers: [
    Credentials({
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, request) {
        const result = await authenticate({
          email: credentials?.email,
          password: credentials?.password,
          ip: clientAddress(request.headers),
        });
        if (result.ok) {
          const { id, email, name, sessionVersion } = result.user;
          // The session version goes into the token (lib/auth/config.ts).
          return { id, email, name, sessionVersion };
        }
        if (result.reason === "locked") throw new SignInLockedError(result.retryAfterSeconds);
        return null;
      },
    }),
  ],
}));

export { clientAddress } from "./client-address";
