"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import type { SampleParams } from "@/lib/qa/params";
import { createSampleAction } from "./actions";

export type BatchChoice = { id: string; label: string };
export type SampleDefaults = Partial<Omit<SampleParams, "populationSize" | "drawn">> & {
  seed?: string;
  name?: string;
};

const field =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900";

export function NewSampleForm({ batches, defaults }: { batches: BatchChoice[]; defaults: SampleDefaults }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [sizeKind, setSizeKind] = useState<"count" | "percent">(defaults.sizeKind ?? "count");

  function submit(form: FormData) {
    setError(null);
    const text = (key: string) => String(form.get(key) ?? "").trim();
    start(async () => {
      const result = await createSampleAction({
        name: text("name") || undefined,
        sizeKind,
        sizeValue: Number(text("sizeValue")),
        stratify: form.get("stratify") === "on",
        skippedReviewOnly: form.get("skippedReviewOnly") === "on",
        batchId: text("batchId") || null,
        blind: form.get("blind") === "on",
        seed: text("seed") || undefined,
      });
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      toast.success(
        `Sampled ${result.data.drawn} of ${result.data.populationSize} documents (seed ${result.data.seed}).`,
      );
      router.push(`/qa/samples/${result.data.sampleId}`);
    });
  }

  return (
    <form
      action={submit}
      aria-labelledby="new-sample-heading"
      className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="new-sample-heading" className="text-lg font-semibold sm:col-span-2">
        New sample
      </h2>
      <label className="text-sm font-medium">
        Name (optional)
        <input name="name" defaultValue={defaults.name} maxLength={100} className={field} />
      </label>
      <fieldset className="text-sm">
        <legend className="font-medium">Size</legend>
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <label className="flex items-center gap-1">
            <input
              type="radio"
              name="sizeKind"
              checked={sizeKind === "count"}
              onChange={() => setSizeKind("count")}
            />
            Number of documents
          </label>
          <label className="flex items-center gap-1">
            <input
              type="radio"
              name="sizeKind"
              checked={sizeKind === "percent"}
              onChange={() => setSizeKind("percent")}
            />
            Percentage
          </label>
        </div>
        <label className="mt-2 block font-medium">
          {sizeKind === "count" ? "Documents to sample" : "Percent of documents to sample"}
          <input
            name="sizeValue"
            type="number"
            required
            min={sizeKind === "count" ? 1 : 0.1}
            max={sizeKind === "count" ? undefined : 100}
            step={sizeKind === "count" ? 1 : 0.1}
            defaultValue={defaults.sizeValue ?? 20}
            className={field}
          />
        </label>
      </fieldset>
      <label className="text-sm font-medium">
        From batch
        <select name="batchId" defaultValue={defaults.batchId ?? ""} className={field}>
          <option value="">All batches</option>
          {batches.map((b) => (
            <option key={b.id} value={b.id}>
              {b.label}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm font-medium">
        Seed (leave empty for a new random one)
        <input
          name="seed"
          defaultValue={defaults.seed}
          maxLength={64}
          placeholder="e.g. k7m2qx9abc"
          className={`${field} font-mono`}
          aria-describedby="seed-help"
        />
        <span id="seed-help" className="mt-1 block text-xs font-normal text-slate-500 dark:text-slate-400">
          The same seed and choices over the same documents draw the same sample.
        </span>
      </label>
      <div className="flex flex-col gap-2 text-sm sm:col-span-2">
        <label className="flex items-center gap-2">
          <input type="checkbox" name="stratify" defaultChecked={defaults.stratify ?? true} />
          Stratify by document type (proportional, at least one of each type when possible)
        </label>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            name="skippedReviewOnly"
            defaultChecked={defaults.skippedReviewOnly ?? false}
          />
          Only documents that skipped human review
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="blind" defaultChecked={defaults.blind ?? false} />
          Blind: hide Atlas&apos;s confidence from the checker
        </label>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700 sm:col-span-2 dark:text-red-300">
          {error}
        </p>
      ) : null}
      <div className="sm:col-span-2">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
        >
          {pending ? "Drawing…" : "Draw sample"}
        </button>
      </div>
    </form>
  );
}
