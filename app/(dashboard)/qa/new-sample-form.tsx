"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import type { SampleParams } from "@/lib/qa/params";
import { createSampleAction } from "./actions";

export type BatchChoice = { id: string; label: string };
export type SampleDefaults = Partial<Omit<SampleParams, "populationSize" | "drawn">> & {
  seed?: string;
  name?: string;
};

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
    <Card asChild className="grid gap-4 sm:grid-cols-2">
      <form action={submit} aria-labelledby="new-sample-heading">
        <h2 id="new-sample-heading" className="text-lg font-semibold sm:col-span-2">
          New sample
        </h2>
        <Input
          label="Name (optional)"
          name="name"
          defaultValue={defaults.name}
          maxLength={100}
          className="py-2"
        />
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
          <Input
            label={sizeKind === "count" ? "Documents to sample" : "Percent of documents to sample"}
            fieldClassName="mt-2"
            name="sizeValue"
            type="number"
            required
            min={sizeKind === "count" ? 1 : 0.1}
            max={sizeKind === "count" ? undefined : 100}
            step={sizeKind === "count" ? 1 : 0.1}
            defaultValue={defaults.sizeValue ?? 20}
            className="py-2"
          />
        </fieldset>
        <Select label="From batch" name="batchId" defaultValue={defaults.batchId ?? ""} className="py-2">
          <option value="">All batches</option>
          {batches.map((b) => (
            <option key={b.id} value={b.id}>
              {b.label}
            </option>
          ))}
        </Select>
        <Input
          label="Seed (leave empty for a new random one)"
          name="seed"
          defaultValue={defaults.seed}
          maxLength={64}
          placeholder="e.g. k7m2qx9abc"
          className="py-2 font-mono"
          hint="The same seed and choices over the same documents draw the same sample."
        />
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
          <Alert tone="error" className="sm:col-span-2">
            {error}
          </Alert>
        ) : null}
        <div className="sm:col-span-2">
          <Button type="submit" disabled={pending} className="py-2">
            {pending ? "Drawing…" : "Draw sample"}
          </Button>
        </div>
      </form>
    </Card>
  );
}
