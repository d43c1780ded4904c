import "server-only";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/db";
import { getUserById } from "@/lib/db/queries/users";
import { can, isRole, type Permission, type Role } from "@/lib/roles";
import { sessionVersionOf } from "./config";
import { auth } from "./index";

export type CurrentUser = { id: string; email: string; name: string; role: Role };

/**
 * The signed-in user as the database knows them NOW: a deactivated account or a changed role
 * counts from the very next request, whatever the session cookie says, and a cookie issued
 * before the user's session version moved on (sign-out, password, role or active change) is
 * refused, so every older session of the user ends at once. Cached per request.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await getUserById(await getDb(), id);
  if (!user || !user.active || !isRole(user.role)) return null;
  if (sessionVersionOf(session) !== user.sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});

/** For pages: signed-out visitors go to the sign-in page, the wrong role gets the 403 page. */
export async function requirePageUser(permission?: Permission): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  if (permission && !can(user.role, permission)) forbidden();
  return user;
}
