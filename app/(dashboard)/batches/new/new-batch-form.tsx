"use client";

import { useRouter } from "next/navigation";
import { useDeferredValue, useEffect, useMemo, useState, useTransition } from "react";
import { toast } from "sonner";
import { parseBatchInput, serializeRows, type InputRow } from "@/lib/batches/input";
import { createBatchAction } from "./actions";
import { RowPreview } from "./row-preview";

type Props = {
  productTypes: string[];
  defaultProductType: string;
  maxRows: number;
  chunkSize: number;
  allowHttp: boolean;
  samples: { name: string; fileUrl: string }[];
};

const DRAFT_KEY = "atlas-review:new-batch-draft";
const field =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900";

export function NewBatchForm({
  productTypes,
  defaultProductType,
  maxRows,
  chunkSize,
  allowHttp,
  samples,
}: Props) {
  const router = useRouter();
  // One key per filled-in form: a double click or a retried request finds the batch already made.
  const [clientKey] = useState(() => crypto.randomUUID());
  const [text, setText] = useState("");
  const [label, setLabel] = useState("");
  const [productType, setProductType] = useState(defaultProductType);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [pending, start] = useTransition();
  const deferredText = useDeferredValue(text);

  // Keep the draft across a refresh: nothing the admin pasted is lost.
  useEffect(() => {
    const draft = sessionStorage.getItem(DRAFT_KEY);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- restoring browser storage once on mount
    if (draft) setText(draft);
  }, []);
  useEffect(() => {
    if (text) sessionStorage.setItem(DRAFT_KEY, text);
    else sessionStorage.removeItem(DRAFT_KEY);
  }, [text]);

  const parsed = useMemo(
    () => parseBatchInput(deferredText, { maxRows, allowHttp, now: new Date() }),
    [deferredText, maxRows, allowHttp],
  );
  const valid = parsed.rows.filter((r) => r.problems.length === 0).length;
  const invalid = parsed.rows.length - valid;

  async function readFile(file: File) {
    if (!/\.(csv|txt)$/i.test(file.name) && !/^text\//.test(file.type)) {
      toast.error(`${file.name} is not a .csv or .txt file. Export the list as CSV and drop it again.`);
      return;
    }
    if (file.size > 5_000_000) {
      toast.error(`${file.name} is larger than 5 MB. Split it into several batches.`);
      return;
    }
    setText(await file.text());
    toast.success(`Loaded ${file.name}`);
  }

  function updateRows(rows: InputRow[]) {
    setText(rows.length ? serializeRows(rows) : "");
  }

  function submit() {
    setSubmitError(null);
    start(async () => {
      const result = await createBatchAction({ clientKey, label, productType, text });
      if (!result.ok) {
        setSubmitError(result.error.message);
        toast.error(result.error.message);
        return;
      }
      sessionStorage.removeItem(DRAFT_KEY);
      toast.success(`Batch recorded: ${result.data.rows} rows are being sent to Atlas.`);
      router.push(`/batches/${result.data.batchId}`);
    });
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      className="space-y-6"
      aria-label="New batch"
    >
      <div className="grid gap-4 md:grid-cols-3">
        <label className="text-sm font-medium">
          Product type
          <select value={productType} onChange={(e) => setProductType(e.target.value)} className={field}>
            {productTypes.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium md:col-span-2">
          Label <span className="font-normal text-slate-500">(optional)</span>
          <input
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            placeholder="e.g. Pune branch KYC, 22 Nov"
            maxLength={120}
            className={field}
          />
        </label>
      </div>

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
          if (file) void readFile(file);
        }}
        className={`rounded-lg border-2 border-dashed p-3 ${dragging ? "border-indigo-500 bg-indigo-50 dark:bg-indigo-950/40" : "border-slate-300 dark:border-slate-700"}`}
      >
        <label htmlFor="batch-rows" className="text-sm font-medium">
          URLs or CSV rows
        </label>
        <textarea
          id="batch-rows"
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={10}
          spellCheck={false}
          placeholder={
            "https://bucket.s3.ap-south-1.amazonaws.com/kyc/pan-001.jpg?X-Amz-…\nor\ndocument_id,file_url\nAPP-1-PAN,https://…"
          }
          className={`${field} font-mono text-xs`}
          aria-describedby="batch-rows-help"
        />
        <div
          id="batch-rows-help"
          className="mt-2 flex flex-wrap items-center gap-3 text-xs text-slate-600 dark:text-slate-400"
        >
          <span>Drop a .csv or .txt file here, or</span>
          <label className="cursor-pointer rounded-md border border-slate-300 px-2 py-1 font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
            choose a file
            <input
              type="file"
              accept=".csv,.txt,text/csv,text/plain"
              className="sr-only"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void readFile(file);
                e.target.value = "";
              }}
            />
          </label>
          {samples.length > 0 ? (
            <button
              type="button"
              onClick={() => setText(samples.map((s) => s.fileUrl).join("\n"))}
              className="rounded-md border border-amber-300 bg-amber-50 px-2 py-1 font-medium text-amber-900 hover:bg-amber-100 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200"
            >
              Fill in the {samples.length} sample documents
            </button>
          ) : null}
          <span>
            At most {maxRows.toLocaleString("en-IN")} rows; sent to Atlas {chunkSize} per request.
          </span>
        </div>
      </div>

      {parsed.errors.length > 0 ? (
        <ul
          role="alert"
          className="space-y-1 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
        >
          {parsed.errors.map((e) => (
            <li key={e.code}>{e.message}</li>
          ))}
        </ul>
      ) : null}

      {parsed.rows.length > 0 ? <RowPreview rows={parsed.rows} onChange={updateRows} /> : null}

      {submitError ? (
        <p
          data-testid="submit-error"
          className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
        >
          {submitError}
        </p>
      ) : null}

      <div className="flex flex-wrap items-center gap-4">
        <button
          type="submit"
          disabled={pending || valid === 0}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-50"
        >
          {pending
            ? "Recording…"
            : invalid > 0
              ? `Submit ${valid} valid row${valid === 1 ? "" : "s"} (skip ${invalid})`
              : `Submit ${valid} row${valid === 1 ? "" : "s"}`}
        </button>
        <p
          className="text-sm text-slate-600 dark:text-slate-400"
          aria-live="polite"
          data-testid="row-summary"
        >
          {parsed.rows.length} row{parsed.rows.length === 1 ? "" : "s"}: {valid} valid, {invalid} with
          problems
        </p>
      </div>
    </form>
  );
}
