"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { defineAction } from "@/lib/actions";
import { UserError } from "@/lib/errors";
import { signIn, signOut } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/db/queries/audit";
import { endSessions } from "@/lib/db/queries/users";

/** Only same-site paths: never send a user to another origin after sign-in. */
const safePath = z
  .string()
  .optional()
  .transform((p) => (p && p.startsWith("/") && !p.startsWith("//") && !p.startsWith("/\\") ? p : "/"));

export const signInAction = defineAction(
  {
    name: "auth.signIn",
    guard: { kind: "public", reason: "signing in is what anonymous visitors do" },
    input: z.object({
      email: z.string().trim().min(1, "Enter your email address.").max(320),
      password: z.string().min(1, "Enter your password.").max(1024),
      callbackUrl: safePath,
    }),
  },
  async ({ email, password, callbackUrl }) => {
    try {
      await signIn("credentials", { email, password, redirectTo: callbackUrl });
    } catch (error) {
      if (error instanceof CredentialsSignin && error.code.startsWith("locked:")) {
        const seconds = Number(error.code.slice("locked:".length)) || 60;
        throw new UserError("forbidden", `Too many failed sign-ins. Try again in ${seconds} seconds.`, {
          retryAfterSeconds: seconds,
        });
      }
      if (error instanceof AuthError)
        throw new UserError("unauthenticated", "Email or password is incorrect.");
      throw error;
    }
    return null;
  },
);

export const signOutAction = defineAction(
  {
    name: "auth.signOut",
    guard: { kind: "public", reason: "signing out must work even when the session has already ended" },
    input: z.object({}),
  },
  async (_input, { user }) => {
    if (user) {
      const db = await getDb();
      // Ends this session and every other one of the user (their cookies stop working at once).
      await endSessions(db, user.id);
      await recordAudit(db, {
        actorUserId: user.id,
        actorEmail: user.email,
        action: "auth.sign_out",
        targetType: "user",
        targetId: user.id,
      });
    }
    await signOut({ redirectTo: "/sign-in" });
    return null;
  },
);
