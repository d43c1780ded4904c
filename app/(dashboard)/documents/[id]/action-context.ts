import "server-only";
import { actorOf } from "@/lib/auth/actor";
import type { CurrentUser } from "@/lib/auth/current-user";
import { getEnv } from "@/lib/env";
import type { Reviewer } from "@/lib/review/field-review";

/** What the workspace's server actions (actions.ts, close-actions.ts) share: guard, reviewer, lock. */
export const review = { kind: "permission", permission: "documents:review" } as const;

export async function reviewerOf(user: CurrentUser): Promise<Reviewer> {
  return { id: user.id, name: user.name, actor: await actorOf(user) };
}

export const lock = () => ({ lockMs: getEnv().REVIEW_LOCK_MS });
