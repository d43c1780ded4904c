"use client";

import { useTheme } from "next-themes";
import { useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";

const noopSubscribe = () => () => {};
const ORDER = ["system", "light", "dark"] as const;
const LABEL: Record<(typeof ORDER)[number], string> = { system: "System", light: "Light", dark: "Dark" };

/** Cycles system → light → dark. Renders a stable label until mounted to avoid a hydration mismatch. */
export function ThemeToggle() {
  const { theme, setTheme } = useTheme();
  const mounted = useSyncExternalStore(
    noopSubscribe,
    () => true,
    () => false,
  );
  const current = (mounted && ORDER.find((t) => t === theme)) || "system";
  const next = ORDER[(ORDER.indexOf(current) + 1) % ORDER.length]!;
  return (
    <Button
      variant="secondary"
      size="sm"
      onClick={() => setTheme(next)}
      className="text-slate-700 dark:text-slate-200"
      aria-label={`${LABEL[current]} theme: switch to ${LABEL[next]}`}
      title={`Theme: ${LABEL[current]} (click for ${LABEL[next]})`}
    >
      {LABEL[current]} theme
    </Button>
  );
}
