"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input, Select, Textarea } from "@/components/ui/field";
import { parseFlowParams } from "../schemas";
import { createApplicationAction } from "./actions";

export function NewApplicationForm({
  productTypes,
  defaultProductType,
}: {
  productTypes: string[];
  defaultProductType: string;
}) {
  const router = useRouter();
  const [applicationNumber, setApplicationId] = useState("");
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
      const result = await createApplicationAction({ applicationNumber, productType, flowParams });
      if (!result.ok) {
        setError(result.error.message);
        const details = result.error.details as { applicationId?: string } | undefined;
        if (details?.applicationId) setExisting(details.applicationId);
        return;
      }
      if (result.data.started) toast.success(`Application ${applicationNumber.trim()} started on Atlas.`);
      else toast.error(result.data.message ?? "Atlas did not start the application.");
      router.push(`/applications/${result.data.applicationId}`);
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
      <Input
        label="Application id"
        value={applicationNumber}
        onChange={(e) => setApplicationId(e.target.value)}
        required
        maxLength={100}
        placeholder="e.g. LOS-2026-001042"
        className="py-2 font-mono"
      />
      <Select
        label="Product type"
        value={productType}
        onChange={(e) => setProductType(e.target.value)}
        className="py-2"
      >
        {productTypes.map((p) => (
          <option key={p}>{p}</option>
        ))}
      </Select>
      <Textarea
        id="flow-params"
        label={
          <>
            flow_params{" "}
            <span className="font-normal text-slate-500">
              (optional JSON object, passed back in the callback)
            </span>
          </>
        }
        value={flowParams}
        onChange={(e) => setFlowParams(e.target.value)}
        rows={4}
        spellCheck={false}
        placeholder='{"branch": "Pune", "officer": "RK"}'
        hint={paramsCheck.ok ? "Leave empty to send {}." : undefined}
        error={paramsCheck.ok ? undefined : paramsCheck.error}
        className="py-2 font-mono text-xs"
      />
      {error ? (
        <Alert tone="error">
          {error}{" "}
          {existing ? (
            <Link className="underline" href={`/applications/${existing}`}>
              Open it
            </Link>
          ) : null}
        </Alert>
      ) : null}
      <Button type="submit" size="lg" disabled={pending || !paramsCheck.ok || !applicationNumber.trim()}>
        {pending ? "Starting…" : "Create application"}
      </Button>
    </form>
  );
}
