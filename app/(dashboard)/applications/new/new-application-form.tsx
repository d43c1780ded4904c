"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { parseFlowParams } from "../schemas";
import { createApplicationAction } from "./actions";

const field =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900";

export function NewApplicationForm({
  productTypes,
  defaultProductType,
}: {
  productTypes: string[];
  defaultProductType: string;
}) {
  const router = useRouter();
  const [applicationId, setApplicationId] = useState("");
  const [productType, setProductType] = useState(defaultProductType);
  const [flowParams, setFlowParams] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [existing, setExisting] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const paramsCheck = parseFlowParams(flowParams);

  function submit() {
    setError(null);
    setExisting(null);
    start(async () => {
      const result = await createApplicationAction({ applicationId, productType, flowParams });
      if (!result.ok) {
        setError(result.error.message);
        const details = result.error.details as { flowId?: string } | undefined;
        if (details?.flowId) setExisting(details.flowId);
        return;
      }
      if (result.data.started) toast.success(`Application ${applicationId.trim()} started on Atlas.`);
      else toast.error(result.data.message ?? "Atlas did not start the application.");
      router.push(`/applications/${result.data.flowId}`);
    });
  }

  return (
    <form
      aria-label="New application"
      className="max-w-2xl space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label className="block text-sm font-medium">
        Application id
        <input
          value={applicationId}
          onChange={(e) => setApplicationId(e.target.value)}
          required
          maxLength={100}
          placeholder="e.g. LOS-2026-001042"
          className={`${field} font-mono`}
        />
      </label>
      <label className="block text-sm font-medium">
        Product type
        <select value={productType} onChange={(e) => setProductType(e.target.value)} className={field}>
          {productTypes.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </label>
      <div>
        <label htmlFor="flow-params" className="block text-sm font-medium">
          flow_params{" "}
          <span className="font-normal text-slate-500">
            (optional JSON object, passed back in the callback)
          </span>
        </label>
        <textarea
          id="flow-params"
          value={flowParams}
          onChange={(e) => setFlowParams(e.target.value)}
          rows={4}
          spellCheck={false}
          placeholder='{"branch": "Pune", "officer": "RK"}'
          aria-invalid={!paramsCheck.ok}
          aria-describedby="flow-params-check"
          className={`${field} font-mono text-xs`}
        />
        <p
          id="flow-params-check"
          className={`mt-1 text-xs ${paramsCheck.ok ? "text-slate-500" : "text-red-700 dark:text-red-300"}`}
        >
          {paramsCheck.ok ? "Leave empty to send {}." : paramsCheck.error}
        </p>
      </div>
      {error ? (
        <p
          role="alert"
          className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
        >
          {error}{" "}
          {existing ? (
            <Link className="underline" href={`/applications/${existing}`}>
              Open it
            </Link>
          ) : null}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending || !paramsCheck.ok || !applicationId.trim()}
        className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-50"
      >
        {pending ? "Starting…" : "Create application"}
      </button>
    </form>
  );
}
