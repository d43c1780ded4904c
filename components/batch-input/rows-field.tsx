"use client";

import { useState, type ReactNode } from "react";

const field =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-900";

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
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <textarea
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        rows={rows}
        spellCheck={false}
        placeholder={placeholder}
        className={field}
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
    <label className="cursor-pointer rounded-md border border-slate-300 px-2 py-1 font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
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
    <button
      type="button"
      onClick={onClick}
      className="rounded-md border border-amber-300 bg-amber-50 px-2 py-1 font-medium text-amber-900 hover:bg-amber-100 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200"
    >
      {children}
    </button>
  );
}
