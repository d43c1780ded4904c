"use client";

import { Button } from "@/components/ui/button";
import type { Density } from "./fields-layout";

const CHOICES: { value: Density; label: string }[] = [
  { value: "comfortable", label: "Comfortable" },
  { value: "compact", label: "Compact" },
];

/** Comfortable or compact rows in the fields table (compact fits a whole ID card on a laptop). */
export function DensityToggle({ value, onChange }: { value: Density; onChange: (density: Density) => void }) {
  return (
    <div role="group" aria-label="Row density" className="flex items-center gap-1 text-xs">
      <span className="mr-1 text-slate-600 dark:text-slate-300">Rows:</span>
      {CHOICES.map((choice) => (
        <Button
          key={choice.value}
          variant={value === choice.value ? "primary" : "secondary"}
          size="xs"
          aria-pressed={value === choice.value}
          onClick={() => onChange(choice.value)}
        >
          {choice.label}
        </Button>
      ))}
    </div>
  );
}
