"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { setThresholdAction } from "./actions";
import type { ThresholdInput } from "./schemas";

type Props = {
  global: number;
  documentTypes: string[];
  byType: { documentType: string; threshold: number }[];
  byField: { documentType: string | null; fieldPath: string; threshold: number }[];
};

const input =
  "mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";
const primary =
  "rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60";
const subtle =
  "rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800";
const card = "rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";

export function ThresholdSettings({ global, documentTypes, byType, byField }: Props) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function save(change: ThresholdInput, done: string) {
    setError(null);
    start(async () => {
      const result = await setThresholdAction(change);
      if (result.ok) {
        toast.success(done);
        router.refresh();
      } else {
        setError(result.error.message);
        toast.error(result.error.message);
      }
    });
  }

  return (
    <div className="space-y-6">
      {error ? (
        <p
          role="status"
          className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
        >
          {error}
        </p>
      ) : null}
      <form
        aria-label="Global threshold"
        className={card}
        onSubmit={(e) => {
          e.preventDefault();
          const value = String(new FormData(e.currentTarget).get("threshold") ?? "");
          save(
            { scope: "global", threshold: value as unknown as number },
            `Global threshold set to ${value}`,
          );
        }}
      >
        <h2 className="text-base font-semibold">Global default</h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Used wherever no more specific threshold is set.
        </p>
        <div className="mt-3 flex items-end gap-3">
          <label className="text-sm font-medium">
            Threshold
            <input
              name="threshold"
              type="number"
              min={0}
              max={1}
              step={0.01}
              defaultValue={global}
              required
              className={input}
            />
          </label>
          <button type="submit" disabled={pending} className={primary}>
            Save
          </button>
        </div>
      </form>

      <section aria-labelledby="type-heading" className={card}>
        <h2 id="type-heading" className="text-base font-semibold">
          Per document type
        </h2>
        <ThresholdTable
          rows={byType.map((r) => ({ key: r.documentType, label: r.documentType, threshold: r.threshold }))}
          onRemove={(key) =>
            save(
              { scope: "document_type", documentType: key, threshold: null },
              `Removed the ${key} threshold`,
            )
          }
          pending={pending}
        />
        <form
          aria-label="Add a document type threshold"
          className="mt-3 flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            const data = new FormData(e.currentTarget);
            const documentType = String(data.get("documentType") ?? "");
            const threshold = String(data.get("threshold") ?? "") as unknown as number;
            save({ scope: "document_type", documentType, threshold }, `${documentType} threshold saved`);
          }}
        >
          <label className="text-sm font-medium">
            Document type
            <select name="documentType" className={input}>
              {documentTypes.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </label>
          <label className="text-sm font-medium">
            Threshold
            <input name="threshold" type="number" min={0} max={1} step={0.01} required className={input} />
          </label>
          <button type="submit" disabled={pending} className={primary}>
            Set
          </button>
        </form>
      </section>

      <section aria-labelledby="field-heading" className={card}>
        <h2 id="field-heading" className="text-base font-semibold">
          Per field
        </h2>
        <ThresholdTable
          rows={byField.map((r) => ({
            key: `${r.documentType ?? ""}|${r.fieldPath}`,
            label: `${r.documentType ?? "Any type"} · ${r.fieldPath}`,
            threshold: r.threshold,
          }))}
          onRemove={(key) => {
            const [documentType, fieldPath] = key.split("|") as [string, string];
            save(
              { scope: "field", documentType: documentType || null, fieldPath, threshold: null },
              `Removed the ${fieldPath} threshold`,
            );
          }}
          pending={pending}
        />
        <form
          aria-label="Add a field threshold"
          className="mt-3 flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            const data = new FormData(e.currentTarget);
            const documentType = String(data.get("documentType") ?? "") || null;
            const fieldPath = String(data.get("fieldPath") ?? "");
            const threshold = String(data.get("threshold") ?? "") as unknown as number;
            save({ scope: "field", documentType, fieldPath, threshold }, `${fieldPath} threshold saved`);
          }}
        >
          <label className="text-sm font-medium">
            Document type
            <select name="documentType" className={input}>
              <option value="">Any type</option>
              {documentTypes.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </label>
          <label className="text-sm font-medium">
            Field key
            <input name="fieldPath" placeholder="e.g. address" required className={input} />
          </label>
          <label className="text-sm font-medium">
            Threshold
            <input name="threshold" type="number" min={0} max={1} step={0.01} required className={input} />
          </label>
          <button type="submit" disabled={pending} className={primary}>
            Set
          </button>
        </form>
      </section>
    </div>
  );
}

function ThresholdTable({
  rows,
  onRemove,
  pending,
}: {
  rows: { key: string; label: string; threshold: number }[];
  onRemove: (key: string) => void;
  pending: boolean;
}) {
  if (rows.length === 0) return <p className="mt-2 text-sm text-slate-500">None set.</p>;
  return (
    <table className="mt-2 min-w-[24rem] text-sm">
      <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
        {rows.map((r) => (
          <tr key={r.key}>
            <td className="py-1.5 pr-6 font-mono text-xs">{r.label}</td>
            <td className="py-1.5 pr-6 tabular-nums">{r.threshold.toFixed(2)}</td>
            <td className="py-1.5">
              <button
                type="button"
                disabled={pending}
                onClick={() => onRemove(r.key)}
                className={subtle}
                aria-label={`Remove ${r.label}`}
              >
                Remove
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
