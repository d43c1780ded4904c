"use client";

import { useTransition } from "react";

/**
 * The layout passes the sign-out action in (app/(auth)/sign-in/actions.ts): a widget never
 * imports a route's module.
 */
export function SignOutButton({ action }: { action: (input: Record<string, never>) => Promise<unknown> }) {
  const [pending, start] = useTransition();
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => start(async () => void (await action({})))}
      className="rounded-md px-2.5 py-1 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800"
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
