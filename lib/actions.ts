import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { type CurrentUser, getCurrentUser } from "@/lib/auth/current-user";
import { logger } from "@/lib/logger";
import { can, type Permission } from "@/lib/roles";

/**
 * The one wrapper every server action goes through: load the user from the database → check the
 * permission → validate the input with zod → run → a typed result. The user is checked before
 * the input so that an anonymous or wrong-role caller learns nothing, not even what the input
 * should look like. Errors meant for the user are thrown as `ActionError`; anything else is
 * logged and reported as a generic failure, never as a stack trace.
 */
export type ActionErrorCode =
  "invalid_input" | "unauthenticated" | "forbidden" | "not_found" | "conflict" | "failed";

export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: {
        code: ActionErrorCode;
        message: string;
        fieldErrors?: Record<string, string[]>;
        details?: unknown;
      };
    };

export class ActionError extends Error {
  constructor(
    public readonly code: ActionErrorCode,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = "ActionError";
  }
}

export type ActionGuard = { kind: "permission"; permission: Permission } | { kind: "public"; reason: string };

type Context<G extends ActionGuard> = {
  user: G extends { kind: "permission" } ? CurrentUser : CurrentUser | null;
};

export type Action<S extends z.ZodType, T> = ((input: z.input<S>) => Promise<ActionResult<T>>) & {
  guard: ActionGuard;
  actionName: string;
};

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
      logger.error("action.user_lookup_failed", { action: options.name, error });
      return {
        ok: false,
        error: { code: "failed", message: "Something went wrong on our side. Try again." },
      };
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
    const parsed = options.input.safeParse(raw);
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
      if (error instanceof ActionError) {
        return { ok: false, error: { code: error.code, message: error.message, details: error.details } };
      }
      logger.error("action.failed", { action: options.name, error });
      return {
        ok: false,
        error: { code: "failed", message: "Something went wrong on our side. Try again." },
      };
    }
  };
  return Object.assign(action, { guard: options.guard as ActionGuard, actionName: options.name });
}
