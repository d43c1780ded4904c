"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { userIsActive } from "@/components/user-activity";

/**
 * Re-renders the server page every `intervalMs` while `active` (it reads our database, never
 * Atlas) and while the user is active in the tab: a re-render is a page request, which would
 * otherwise keep an unattended session alive (components/user-activity.ts).
 */
export function AutoRefresh({ active, intervalMs = 3000 }: { active: boolean; intervalMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (userIsActive()) router.refresh();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs, router]);
  return null;
}
