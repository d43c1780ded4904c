"use client";

import { useTransition } from "react";
import { Button } from "@/components/ui/button";

/**
 * The layout passes the sign-out action in (app/(auth)/sign-in/actions.ts): a widget never
 * imports a route's module.
 */
export function SignOutButton({ action }: { action: (input: Record<string, never>) => Promise<unknown> }) {
  const [pending, start] = useTransition();
  return (
    <Button
      variant="ghost"
      size="sm"
      disabled={pending}
      onClick={() => start(async () => void (await action({})))}
    >
      {pending ? "Signing out…" : "Sign out"}
    </Button>
  );
}
