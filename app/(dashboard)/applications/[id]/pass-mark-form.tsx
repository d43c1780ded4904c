"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { setPassMarkAction } from "./actions";

/** Admin setting: the similarity a cross-check needs to count as a match (for every application). */
export function PassMarkForm({ passMark }: { passMark: number }) {
  const router = useRouter();
  const [value, setValue] = useState(String(passMark));
  const [pending, start] = useTransition();
  return (
    <form
      aria-label="Cross-check pass mark"
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const result = await setPassMarkAction({ passMark: value });
          if (!result.ok) return void toast.error(result.error.message);
          toast.success(`Cross-checks now pass at ${result.data.passMark} or more.`);
          router.refresh();
        });
      }}
    >
      <Input
        label="Cross-check pass mark (0–100)"
        density="sm"
        type="number"
        min={0}
        max={100}
        step={0.5}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        className="w-28"
      />
      <Button type="submit" variant="secondary" disabled={pending}>
        Save pass mark
      </Button>
    </form>
  );
}
