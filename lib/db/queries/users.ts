import { and, asc, count, eq, sql } from "drizzle-orm";
import { UserError } from "@/lib/errors";
import { isUniqueViolation } from "../errors";
import { users, type User, type UserRole } from "../schema";
import type { Db } from "../types";
import { recordAudit, type AuditActor } from "./audit";
import { isUuid } from "@/lib/ids";

/**
 * User changes are written together with their audit event, in one transaction: there is no
 * way to change a user without the trail saying who did it. The password hash never enters
 * the trail. A change of role, activity or password also bumps the session version, which ends
 * every existing session of the user (lib/auth/current-user.ts).
 */

export class EmailTakenError extends UserError {
  constructor(readonly email: string) {
    super("conflict", `A user with the email ${email} already exists.`);
    this.name = "EmailTakenError";
  }
}

export interface NewUserInput {
  email: string;
  name: string;
  role: UserRole;
  /** Hashed by the caller (lib/auth); this layer never sees a password. */
  passwordHash: string;
  active?: boolean;
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** What the audit trail records of a user. */
const auditView = (u: User) => ({ email: u.email, name: u.name, role: u.role, active: u.active });

export async function createUser(db: Db, input: NewUserInput, actor: AuditActor): Promise<User> {
  const email = normalizeEmail(input.email);
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ ...input, email, name: input.name.trim() })
        .returning();
      await recordAudit(tx, {
        ...actor,
        action: "user.create",
        targetType: "user",
        targetId: user!.id,
        after: auditView(user!),
      });
      return user!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new EmailTakenError(email);
    throw error;
  }
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)));
  return user;
}

/** Undefined for an unknown id, including one that is not a UUID at all (e.g. from a URL). */
export async function getUserById(db: Db, id: string): Promise<User | undefined> {
  if (!isUuid(id)) return undefined;
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user;
}

export async function listUsers(db: Db): Promise<User[]> {
  return db.select().from(users).orderBy(asc(users.email));
}

export function updateUserRole(db: Db, id: string, role: UserRole, actor: AuditActor) {
  return updateAudited(db, id, { role }, "user.role_change", actor);
}

export function setUserActive(db: Db, id: string, active: boolean, actor: AuditActor) {
  return updateAudited(db, id, { active }, active ? "user.activate" : "user.deactivate", actor);
}

export function setUserPassword(db: Db, id: string, passwordHash: string, actor: AuditActor) {
  return updateAudited(db, id, { passwordHash }, "user.password_set", actor);
}

/** Not audited here: the sign-in itself is, by the caller, with the address it came from. */
export async function markSignedIn(db: Db, id: string, at = new Date()): Promise<void> {
  await db.update(users).set({ lastSignInAt: at }).where(eq(users.id, id));
}

/**
 * Ends every session of the user (sign-out): tokens carry the version they were issued with, and
 * a token older than the user's current version is refused. Returns the new version.
 */
export async function endSessions(db: Db, id: string): Promise<number | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, id))
    .returning({ sessionVersion: users.sessionVersion });
  return row?.sessionVersion;
}

type UserChange = Partial<Pick<User, "role" | "active" | "passwordHash">>;

/** Returns the updated user, or undefined when there is no such user. */
async function updateAudited(
  db: Db,
  id: string,
  change: UserChange,
  action: string,
  actor: AuditActor,
): Promise<User | undefined> {
  if (!isUuid(id)) return undefined;
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, id)).for("update");
    if (!before) return undefined;
    const [after] = await tx
      .update(users)
      .set({ ...change, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, id))
      .returning();
    await recordAudit(tx, {
      ...actor,
      action,
      targetType: "user",
      targetId: id,
      before: auditView(before),
      after: auditView(after!),
    });
    return after;
  });
}

/** How many admins can still sign in (the last one may not be demoted or deactivated). */
export async function countActiveAdmins(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true)));
  return row?.n ?? 0;
}
