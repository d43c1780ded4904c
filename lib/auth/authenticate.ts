import "server-only";
import { z } from "zod";
import { getDb, type Db } from "@/lib/db";
import { recordAudit } from "@/lib/db/queries/audit";
import { clearFailures, refundAttempt, reserveAttempt } from "@/lib/db/queries/login-attempts";
import { findUserByEmail, markSignedIn } from "@/lib/db/queries/users";
import { lockoutBucket } from "./client-address";
import { dummyPasswordHash, verifyPassword } from "./password";

/**
 * Email + password check with lock-outs per account and per client address (the address comes
 * from lib/auth/client-address.ts, never from a header the client chose). The same generic
 * answer is given for an unknown email, a wrong password and a deactivated account, so the
 * sign-in form cannot be used to discover who has an account.
 */
export const ACCOUNT_POLICY = { maxFailures: 5, windowSeconds: 15 * 60, lockSeconds: 60 };
export const ADDRESS_POLICY = { maxFailures: 20, windowSeconds: 15 * 60, lockSeconds: 300 };

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1024),
});

export type AuthenticateResult =
  | { ok: true; user: { id: string; email: string; name: string; sessionVersion: number } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; retryAfterSeconds: number };

export async function authenticate(
  input: { email: unknown; password: unknown; ip: string },
  database?: Db,
): Promise<AuthenticateResult> {
  const parsed = credentialsSchema.safeParse({ email: input.email, password: input.password });
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const db = database ?? (await getDb());
  const accountKey = `account:${email}`;
  const addressKey = `ip:${lockoutBucket(input.ip)}`;

  // Counted before the password is compared: parallel guesses each take a slot, and those past
  // the limit are refused without a check, whatever their password.
  const now = new Date();
  const account = await reserveAttempt(db, accountKey, ACCOUNT_POLICY, now);
  const address = await reserveAttempt(db, addressKey, ADDRESS_POLICY, now);
  if (!account.admitted || !address.admitted) {
    const locked = Math.max(1, account.lockedForSeconds, address.lockedForSeconds);
    await recordAudit(db, {
      actorEmail: email,
      action: "auth.sign_in_refused",
      targetType: "user",
      targetId: email,
      ip: input.ip,
      metadata: { reason: "locked", retryAfterSeconds: locked },
    });
    return { ok: false, reason: "locked", retryAfterSeconds: locked };
  }

  const user = await findUserByEmail(db, email);
  const passwordOk = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !user.active || !passwordOk) {
    await recordAudit(db, {
      actorUserId: user?.id ?? null,
      actorEmail: email,
      action: "auth.sign_in_failed",
      targetType: "user",
      targetId: user?.id ?? email,
      ip: input.ip,
      metadata: { reason: !user ? "unknown_email" : !user.active ? "deactivated" : "wrong_password" },
    });
    const lockedNow = Math.max(account.lockedForSeconds, address.lockedForSeconds);
    if (lockedNow > 0) return { ok: false, reason: "locked", retryAfterSeconds: lockedNow };
    return { ok: false, reason: "invalid" };
  }

  await clearFailures(db, accountKey);
  await refundAttempt(db, addressKey, address);
  await markSignedIn(db, user.id);
  await recordAudit(db, {
    actorUserId: user.id,
    actorEmail: user.email,
    action: "auth.sign_in",
    targetType: "user",
    targetId: user.id,
    ip: input.ip,
  });
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion },
  };
}
