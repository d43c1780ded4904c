"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions";
import { UserError } from "@/lib/errors";
import { actorOf } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db";
import {
  countActiveAdmins,
  createUser,
  getUserById,
  setUserActive,
  setUserPassword,
  updateUserRole,
} from "@/lib/db/queries/users";
import type { Db } from "@/lib/db";
import { changeRoleSchema, createUserSchema, resetPasswordSchema, setActiveSchema } from "./schemas";

const guard = { kind: "permission", permission: "users:manage" } as const;

/** Refuses a change that would leave nobody able to manage users. */
async function assertAnotherActiveAdmin(db: Db, userId: string) {
  const target = await getUserById(db, userId);
  if (!target) throw new UserError("not_found", "That user no longer exists.");
  if (target.role !== "admin" || !target.active) return;
  if ((await countActiveAdmins(db)) <= 1) {
    throw new UserError("conflict", "This is the last active admin. Make someone else an admin first.");
  }
}

export const createUserAction = defineAction(
  { name: "users.create", guard, input: createUserSchema },
  async (input, { user }) => {
    const db = await getDb();
    // A taken email is an EmailTakenError, a UserError that defineAction shows as it is.
    const created = await createUser(
      db,
      {
        email: input.email,
        name: input.name,
        role: input.role,
        passwordHash: await hashPassword(input.password),
      },
      await actorOf(user),
    );
    revalidatePath("/admin/users");
    return { id: created.id };
  },
);

export const changeRoleAction = defineAction(
  { name: "users.changeRole", guard, input: changeRoleSchema },
  async (input, { user }) => {
    const db = await getDb();
    if (input.role !== "admin") await assertAnotherActiveAdmin(db, input.userId);
    const updated = await updateUserRole(db, input.userId, input.role, await actorOf(user));
    if (!updated) throw new UserError("not_found", "That user no longer exists.");
    revalidatePath("/admin/users");
    return { role: updated.role };
  },
);

export const setActiveAction = defineAction(
  { name: "users.setActive", guard, input: setActiveSchema },
  async (input, { user }) => {
    const db = await getDb();
    if (!input.active) {
      if (input.userId === user.id)
        throw new UserError("conflict", "You cannot deactivate your own account.");
      await assertAnotherActiveAdmin(db, input.userId);
    }
    const updated = await setUserActive(db, input.userId, input.active, await actorOf(user));
    if (!updated) throw new UserError("not_found", "That user no longer exists.");
    revalidatePath("/admin/users");
    return { active: updated.active };
  },
);

export const resetPasswordAction = defineAction(
  { name: "users.resetPassword", guard, input: resetPasswordSchema },
  async (input, { user }) => {
    const db = await getDb();
    const updated = await setUserPassword(
      db,
      input.userId,
      await hashPassword(input.password),
      await actorOf(user),
    );
    if (!updated) throw new UserError("not_found", "That user no longer exists.");
    return null;
  },
);
