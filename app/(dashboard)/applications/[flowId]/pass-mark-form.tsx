"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
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
      <label className="text-sm font-medium">
        Cross-check pass mark (0–100)
        <input
          type="number"
          min={0}
          max={100}
          step={0.5}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          className="mt-1 block w-28 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900"
        />
      </label>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        Save pass mark
      </button>
    </form>
  );
}
