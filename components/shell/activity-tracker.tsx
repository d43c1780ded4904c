"use client";

import { useEffect } from "react";
import { trackUserActivity } from "@/components/user-activity";

/** Lets background refreshes stop while nobody uses the tab (see components/user-activity.ts). */
export function ActivityTracker({ idleMinutes }: { idleMinutes: number }) {
  useEffect(() => trackUserActivity(idleMinutes), [idleMinutes]);
  return null;
}
