import "server-only";
import { headers } from "next/headers";
import type { AuditActor } from "@/lib/db/queries/audit";
import type { CurrentUser } from "./current-user";
import { clientAddress } from "./index";

/** Who is acting, for the audit trail: the user plus the address the request came from. */
export async function actorOf(user: CurrentUser): Promise<AuditActor> {
  let ip: string | null = null;
  try {
    ip = clientAddress(await headers());
  } catch {
    // outside a request (scripts, tests)
  }
  return { actorUserId: user.id, actorEmail: user.email, ip };
}
