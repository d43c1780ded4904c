"use server";

import { defineAction } from "@/lib/actions";
import { UserError } from "@/lib/errors";
import { actorOf } from "@/lib/auth/actor";
import { ACCOUNT_POLICY } from "@/lib/auth/authenticate";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db";
import { accountKey, clearFailures, reserveAttempt } from "@/lib/db/queries/login-attempts";
import { getUserById, setUserPassword } from "@/lib/db/queries/users";
import { changePasswordSchema } from "./schemas";

/**
 * The signed-in user changes their own password. The current password is checked under the same
 * per-account lock-out as sign-in (a stolen session cannot guess it without limit), and the change
 * ends every session of the account, this one included (lib/db/queries/users.ts bumps the session
 * version): the user signs in again with the new password.
 */
export const changeOwnPasswordAction = defineAction(
  {
    name: "account.changePassword",
    guard: { kind: "permission", permission: "account:manage" },
    input: changePasswordSchema,
  },
  async (input, { user }) => {
    const db = await getDb();
    const key = accountKey(user.email);
    const attempt = await reserveAttempt(db, key, ACCOUNT_POLICY);
    if (!attempt.admitted)
      throw new UserError(
        "conflict",
        `Too many wrong passwords: try again in ${Math.max(1, attempt.lockedForSeconds)} s.`,
      );
    const row = await getUserById(db, user.id);
    if (!row || !(await verifyPassword(input.currentPassword, row.passwordHash)))
      throw new UserError("invalid_input", "The current password is not right.");
    await clearFailures(db, key);
    await setUserPassword(db, user.id, await hashPassword(input.newPassword), await actorOf(user));
    return null;
  },
);
