"use client";

import { useTransition } from "react";
import { signOutAction } from "@/app/(auth)/sign-in/actions";
import { Button } from "@/components/ui/button";

export function SignOutButton() {
  const [pending, start] = useTransition();
  return (
    <Button
      variant="ghost"
      size="sm"
      disabled={pending}
      onClick={() => start(async () => void (await signOutAction({})))}
    >
      {pending ? "Signing out…" : "Sign out"}
    </Button>
  );
}
