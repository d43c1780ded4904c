"use client";

import { useState, type ReactNode } from "react";
import { Button, buttonVariants } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Textarea } from "@/components/ui/field";

/**
 * The paste box of a batch or an application upload: a textarea that also takes a dropped file,
 * with a help line (`children`: what it accepts, a file chooser, sample fill-ins) under it.
 */
export function RowsField({
  id,
  label,
  value,
  onChange,
  onFile,
  rows,
  placeholder,
  children,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (text: string) => void;
  onFile: (file: File) => void;
  rows: number;
  placeholder: string;
  children: ReactNode;
}) {
  const [dragging, setDragging] = useState(false);
  return (
    <div
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const file = e.dataTransfer.files[0];
        if (file) onFile(file);
      }}
      className={`rounded-lg border-2 border-dashed p-3 ${dragging ? "border-indigo-500 bg-indigo-50 dark:bg-indigo-950/40" : "border-slate-300 dark:border-slate-700"}`}
    >
      <Textarea
        id={id}
        label={label}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        rows={rows}
        spellCheck={false}
        placeholder={placeholder}
        className="py-2 font-mono text-xs"
        aria-describedby={`${id}-help`}
      />
      <div
        id={`${id}-help`}
        className="mt-2 flex flex-wrap items-center gap-3 text-xs text-slate-600 dark:text-slate-400"
      >
        {children}
      </div>
    </div>
  );
}

/** "choose a file": a visually hidden file input behind a label styled as a small button. */
export function FileChooser({ accept, onFile }: { accept: string; onFile: (file: File) => void }) {
  return (
    <label className={cn(buttonVariants({ variant: "secondary", size: "xs" }), "cursor-pointer rounded-md")}>
      choose a file
      <input
        type="file"
        accept={accept}
        className="sr-only"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onFile(file);
          e.target.value = "";
        }}
      />
    </label>
  );
}

/** A demo-mode button that fills the box with the simulator's sample documents. */
export function FillButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <Button
      variant="secondary"
      size="xs"
      onClick={onClick}
      className="rounded-md border-amber-300 bg-amber-50 text-amber-900 hover:bg-amber-100 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200"
    >
      {children}
    </Button>
  );
}
