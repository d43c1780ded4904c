"use client";

import Link from "next/link";
import { useState } from "react";
import type { InputRow } from "@/lib/batches/input";

const SHOWN = 200;

type Warning = { text: string; batchId: string };
const NO_WARNINGS = new Map<number, Warning[]>();

/**
 * The live preview: every row with what is wrong with it, editable in place; `warnings` (by
 * line) point out rows already recorded in another batch, with a link to it.
 */
export function RowPreview({
  rows,
  onChange,
  warnings = NO_WARNINGS,
}: {
  rows: InputRow[];
  onChange: (rows: InputRow[]) => void;
  warnings?: ReadonlyMap<number, Warning[]>;
}) {
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [editing, setEditing] = useState<number | null>(null);
  const visible = rows
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => !onlyProblems || row.problems.length > 0);

  function replace(index: number, next: InputRow | null) {
    const copy = rows.slice();
    if (next) copy[index] = next;
    else copy.splice(index, 1);
    setEditing(null);
    onChange(copy);
  }

  return (
    <section
      aria-labelledby="preview-heading"
      className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        <h2 id="preview-heading" className="text-sm font-semibold">
          Preview
        </h2>
        <label className="flex items-center gap-2 text-xs">
          <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} />
          Only rows with problems
        </label>
      </div>
      <div className="max-h-[28rem] overflow-auto">
        <table className="min-w-full text-xs">
          <caption className="sr-only">Rows to submit and their problems</caption>
          <thead className="sticky top-0 bg-slate-50 text-left uppercase tracking-wide text-slate-500 dark:bg-slate-800 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-3 py-2">
                Line
              </th>
              <th scope="col" className="px-3 py-2">
                Document id
              </th>
              <th scope="col" className="px-3 py-2">
                File URL
              </th>
              <th scope="col" className="px-3 py-2">
                Check
              </th>
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top dark:divide-slate-800">
            {visible.slice(0, SHOWN).map(({ row, index }) =>
              editing === index ? (
                <EditRow
                  key={`${row.line}-${index}`}
                  row={row}
                  onSave={(r) => replace(index, r)}
                  onCancel={() => setEditing(null)}
                />
              ) : (
                <tr
                  key={`${row.line}-${index}`}
                  data-testid="preview-row"
                  className={row.problems.length ? "bg-red-50/60 dark:bg-red-950/30" : ""}
                >
                  <td className="px-3 py-2 font-mono">{row.line}</td>
                  <td className="px-3 py-2 font-mono">
                    {row.documentId}
                    {row.documentIdGenerated ? (
                      <span className="ml-1 rounded bg-slate-100 px-1 text-[10px] text-slate-600 dark:bg-slate-800 dark:text-slate-300">
                        generated
                      </span>
                    ) : null}
                  </td>
                  <td className="max-w-md truncate px-3 py-2 font-mono" title={row.fileUrl}>
                    {row.fileUrl}
                  </td>
                  <td className="px-3 py-2">
                    {row.problems.length === 0 ? (
                      <span className="text-emerald-700 dark:text-emerald-400">OK</span>
                    ) : (
                      <ul className="space-y-0.5 text-red-800 dark:text-red-300">
                        {row.problems.map((p) => (
                          <li key={p.code}>{p.message}</li>
                        ))}
                      </ul>
                    )}
                    {warnings.get(row.line)?.map((w) => (
                      <p
                        key={w.text}
                        className="mt-0.5 text-amber-800 dark:text-amber-300"
                        data-testid="row-warning"
                      >
                        {w.text} —{" "}
                        <Link className="underline" href={`/batches/${w.batchId}`}>
                          open it
                        </Link>
                      </p>
                    ))}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-right">
                    <button
                      type="button"
                      className="underline"
                      onClick={() => setEditing(index)}
                      aria-label={`Edit line ${row.line}`}
                    >
                      Edit
                    </button>{" "}
                    <button
                      type="button"
                      className="ml-2 underline"
                      onClick={() => replace(index, null)}
                      aria-label={`Remove line ${row.line}`}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
        {visible.length > SHOWN ? (
          <p className="px-4 py-2 text-xs text-slate-500">
            …and {visible.length - SHOWN} more row{visible.length - SHOWN === 1 ? "" : "s"} (all are checked
            and counted).
          </p>
        ) : null}
      </div>
    </section>
  );
}

function EditRow({
  row,
  onSave,
  onCancel,
}: {
  row: InputRow;
  onSave: (row: InputRow) => void;
  onCancel: () => void;
}) {
  const [documentId, setDocumentId] = useState(row.documentIdGenerated ? "" : row.documentId);
  const [fileUrl, setFileUrl] = useState(row.fileUrl);
  const input =
    "w-full rounded border border-slate-300 bg-white px-2 py-1 font-mono dark:border-slate-700 dark:bg-slate-950";
  return (
    <tr className="bg-indigo-50/60 dark:bg-indigo-950/30">
      <td className="px-3 py-2 font-mono">{row.line}</td>
      <td className="px-3 py-2">
        <label className="sr-only" htmlFor={`edit-id-${row.line}`}>
          Document id (blank to generate)
        </label>
        <input
          id={`edit-id-${row.line}`}
          value={documentId}
          placeholder="generated"
          onChange={(e) => setDocumentId(e.target.value)}
          className={input}
        />
      </td>
      <td className="px-3 py-2" colSpan={2}>
        <label className="sr-only" htmlFor={`edit-url-${row.line}`}>
          File URL
        </label>
        <input
          id={`edit-url-${row.line}`}
          value={fileUrl}
          onChange={(e) => setFileUrl(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              onSave({
                ...row,
                fileUrl: fileUrl.trim(),
                documentId: documentId.trim(),
                documentIdGenerated: !documentId.trim(),
              });
            }
            if (e.key === "Escape") onCancel();
          }}
          className={input}
          autoFocus
        />
      </td>
      <td className="whitespace-nowrap px-3 py-2 text-right">
        <button
          type="button"
          className="underline"
          onClick={() =>
            onSave({
              ...row,
              fileUrl: fileUrl.trim(),
              documentId: documentId.trim(),
              documentIdGenerated: !documentId.trim(),
            })
          }
        >
          Save
        </button>
        <button type="button" className="ml-2 underline" onClick={onCancel}>
          Cancel
        </button>
      </td>
    </tr>
  );
}
