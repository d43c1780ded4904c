import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { type CurrentUser, getCurrentUser } from "@/lib/auth/current-user";
import type { Failure } from "@/lib/errors";
import { describeFailure } from "@/lib/failure";
import { can, type Permission } from "@/lib/roles";

/**
 * The one wrapper every server action goes through: load the user from the database → check the
 * permission → validate the input with zod → run → a typed result. The user is checked before
 * the input so that an anonymous or wrong-role caller learns nothing, not even what the input
 * should look like. Refusals meant for the user are thrown as `UserError` (lib/errors.ts); anything
 * else is logged under a reference and reported as a generic failure, never as a stack trace.
 */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: Failure };

export type ActionGuard = { kind: "permission"; permission: Permission } | { kind: "public"; reason: string };

type Context<G extends ActionGuard> = {
  user: G extends { kind: "permission" } ? CurrentUser : CurrentUser | null;
};

export type Action<S extends z.ZodType, T> = ((input: z.input<S>) => Promise<ActionResult<T>>) & {
  guard: ActionGuard;
  actionName: string;
};

const failed = (error: unknown, context: { event: string; action: string }) => ({
  ok: false as const,
  error: describeFailure(error, context).failure,
});

/**
 * The input with every NUL taken out of its strings (in plain objects and arrays): no form means
 * one, and PostgreSQL refuses it in any text ("invalid byte sequence for encoding UTF8: 0x00"),
 * which turned a comment or a label holding one into "Something went wrong on our side".
 */
function withoutNul(value: unknown): unknown {
  if (typeof value === "string") return value.includes("\u0000") ? value.replace(/\u0000/g, "") : value;
  if (Array.isArray(value)) return value.map(withoutNul);
  if (
    typeof value === "object" &&
    value !== null &&
    [Object.prototype, null].includes(Object.getPrototypeOf(value))
  )
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutNul(k), withoutNul(v)]));
  return value;
}

export function defineAction<S extends z.ZodType, T, G extends ActionGuard>(
  options: { name: string; input: S; guard: G },
  run: (input: z.output<S>, context: Context<G>) => Promise<T>,
): Action<S, T> {
  const action = async (raw: z.input<S>): Promise<ActionResult<T>> => {
    let user: CurrentUser | null;
    try {
      user = await getCurrentUser();
    } catch (error) {
      unstable_rethrow(error);
      return failed(error, { event: "action.user_lookup_failed", action: options.name });
    }
    if (options.guard.kind === "permission") {
      if (!user)
        return {
          ok: false,
          error: { code: "unauthenticated", message: "Your session has ended. Sign in again." },
        };
      if (!can(user.role, options.guard.permission)) {
        return {
          ok: false,
          error: { code: "forbidden", message: `Your role (${user.role}) is not allowed to do this.` },
        };
      }
    }
    const parsed = options.input.safeParse(withoutNul(raw));
    if (!parsed.success) {
      const flat = z.flattenError(parsed.error as z.ZodError<Record<string, unknown>>);
      const fieldErrors = flat.fieldErrors as Record<string, string[]>;
      const first = flat.formErrors[0] ?? Object.values(fieldErrors).flat()[0] ?? "The form has errors.";
      return { ok: false, error: { code: "invalid_input", message: first, fieldErrors } };
    }
    try {
      const data = await run(parsed.data, { user } as Context<G>);
      return { ok: true, data };
    } catch (error) {
      unstable_rethrow(error);
      return failed(error, { event: "action.failed", action: options.name });
    }
  };
  return Object.assign(action, { guard: options.guard as ActionGuard, actionName: options.name });
}
