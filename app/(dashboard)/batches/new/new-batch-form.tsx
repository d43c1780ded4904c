"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useDeferredValue, useEffect, useMemo, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { clearDraft, hashContent, keyForSubmit, loadDraft, saveDraft } from "@/lib/batches/draft";
import { describeLayout, parseBatchInput, serializeRows, type InputRow } from "@/lib/batches/input";
import { decodeBytes, describeEncoding } from "@/lib/batches/input/encoding";
import type { SkippedSummary } from "@/lib/batches/input/skipped";
import { formatMegabytes, utf8Length } from "@/lib/batches/limits";
import { RowPreview } from "./row-preview";
import { useRecordedElsewhere } from "./use-recorded-elsewhere";

type Props = {
  productTypes: string[];
  defaultProductType: string;
  maxRows: number;
  maxBytes: number;
  chunkSize: number;
  allowHttp: boolean;
  samples: { name: string; fileUrl: string }[];
};

type Recorded = {
  batchId: string;
  created: boolean;
  rows: number;
  recordedAt: string;
  label: string | null;
  skipped: SkippedSummary;
};

const DRAFT_KEY = "atlas-review:new-batch-draft";
const field =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900";

async function postBatch(
  meta: { clientKey: string; label: string; productType: string },
  text: string,
): Promise<{ ok: true; data: Recorded } | { ok: false; message: string }> {
  const params = new URLSearchParams(meta);
  let response: Response;
  try {
    response = await fetch(`/api/batches?${params}`, {
      method: "POST",
      headers: { "Content-Type": "text/csv; charset=utf-8", "X-Atlas-Review": "batch-form" },
      body: text,
    });
  } catch {
    return { ok: false, message: "The app could not be reached. Check the connection and submit again." };
  }
  const body = (await response.json().catch(() => null)) as (Recorded & { error?: string }) | null;
  if (response.ok && body) return { ok: true, data: body };
  if (response.status === 401) return { ok: false, message: "Your session has ended. Sign in again." };
  return { ok: false, message: body?.error ?? `Submitting failed (HTTP ${response.status}). Try again.` };
}

export function NewBatchForm({
  productTypes,
  defaultProductType,
  maxRows,
  maxBytes,
  chunkSize,
  allowHttp,
  samples,
}: Props) {
  const router = useRouter();
  // The idempotency key lives with the saved draft: a reload and a second submit of the same
  // content find the batch already recorded.
  const [clientKey, setClientKey] = useState(() => crypto.randomUUID());
  const submittedHash = useRef<string | undefined>(undefined);
  const [text, setText] = useState("");
  const [label, setLabel] = useState("");
  const [productType, setProductType] = useState(defaultProductType);
  const [source, setSource] = useState<{ file: string; encoding: string } | null>(null);
  const [omittedBytes, setOmittedBytes] = useState<number | null>(null);
  const [restored, setRestored] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [recorded, setRecorded] = useState<Recorded | null>(null);
  const [dragging, setDragging] = useState(false);
  const [pending, start] = useTransition();
  const deferredText = useDeferredValue(text);

  // Restore the draft once: nothing the admin pasted, nor the key of a submit in flight, is lost.
  useEffect(() => {
    const draft = loadDraft(localStorage, DRAFT_KEY);
    /* eslint-disable react-hooks/set-state-in-effect -- restoring browser storage once on mount */
    if (draft) {
      setClientKey(draft.clientKey);
      submittedHash.current = draft.submittedHash;
      if (draft.text) setText(draft.text);
      if (draft.label) setLabel(draft.label);
      if (draft.productType && productTypes.includes(draft.productType)) setProductType(draft.productType);
      if (draft.textOmittedBytes) setOmittedBytes(draft.textOmittedBytes);
    }
    setRestored(true);
    /* eslint-enable react-hooks/set-state-in-effect */
  }, [productTypes]);

  useEffect(() => {
    if (!restored) return;
    const timer = setTimeout(() => {
      if (!text && !label && !submittedHash.current) clearDraft(localStorage, DRAFT_KEY);
      else
        saveDraft(localStorage, DRAFT_KEY, {
          clientKey,
          text,
          label,
          productType,
          submittedHash: submittedHash.current,
          textOmittedBytes: text ? undefined : (omittedBytes ?? undefined),
        });
    }, 300);
    return () => clearTimeout(timer);
  }, [restored, clientKey, text, label, productType, omittedBytes]);

  const parsed = useMemo(
    () => parseBatchInput(deferredText, { maxRows, allowHttp, now: new Date() }),
    [deferredText, maxRows, allowHttp],
  );
  const bytes = useMemo(() => utf8Length(deferredText), [deferredText]);
  const tooLarge = bytes > maxBytes;
  const warnings = useRecordedElsewhere(parsed.rows);
  const valid = parsed.rows.filter((r) => r.problems.length === 0).length;
  const invalid = parsed.rows.length - valid;

  async function readFile(file: File) {
    if (!/\.(csv|tsv|txt)$/i.test(file.name) && !/^text\//.test(file.type)) {
      toast.error(`${file.name} is not a .csv, .tsv or .txt file. Export the list as CSV and drop it again.`);
      return;
    }
    // UTF-16 takes two bytes a character: the limit applies to the text, checked after reading.
    if (file.size > maxBytes * 2 + 2) {
      toast.error(
        `${file.name} is ${formatMegabytes(file.size)}; a batch takes at most ${formatMegabytes(maxBytes)}. Split it into several batches.`,
      );
      return;
    }
    const decoded = decodeBytes(await file.arrayBuffer());
    setRecorded(null);
    setOmittedBytes(null);
    setText(decoded.text);
    setSource({ file: file.name, encoding: describeEncoding(decoded) });
    toast.success(`Loaded ${file.name}`);
  }

  function edit(next: string) {
    setRecorded(null);
    setSource(null);
    setText(next);
  }

  function updateRows(rows: InputRow[]) {
    edit(rows.length ? serializeRows(rows) : "");
  }

  function submit() {
    setSubmitError(null);
    setRecorded(null);
    const hash = hashContent(text, label.trim(), productType);
    const key = keyForSubmit({ clientKey, submittedHash: submittedHash.current }, hash, () =>
      crypto.randomUUID(),
    );
    submittedHash.current = hash;
    setClientKey(key);
    const skippedInPreview = invalid;
    // Saved before the request leaves: a reload while it is in flight keeps the key.
    saveDraft(localStorage, DRAFT_KEY, { clientKey: key, text, label, productType, submittedHash: hash });
    start(async () => {
      const result = await postBatch({ clientKey: key, label, productType }, text);
      if (!result.ok) {
        setSubmitError(result.message);
        toast.error(result.message);
        return;
      }
      clearDraft(localStorage, DRAFT_KEY);
      submittedHash.current = undefined;
      setClientKey(crypto.randomUUID());
      setOmittedBytes(null);
      const data = result.data;
      setText("");
      setSource(null);
      // Rows the preview already marked are skipped as the button said; anything more (a link
      // that lapsed since the preview) is reported here, on this page, before moving on.
      if (data.created && data.skipped.count <= skippedInPreview) {
        toast.success(
          `Batch recorded: ${data.rows} rows are being sent to Atlas.${data.skipped.count ? ` ${data.skipped.text}.` : ""}`,
        );
        setLabel("");
        router.push(`/batches/${data.batchId}`);
        return;
      }
      setRecorded(data);
    });
  }

  const readAs = parsed.rows.length
    ? describeLayout(parsed.layout, source ? source.encoding : "pasted text")
    : null;

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      className="space-y-6"
      aria-label="New batch"
    >
      {recorded ? <RecordedResult recorded={recorded} /> : null}

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
          onChange={(e) => edit(e.target.value)}
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
          <span>Drop a .csv, .tsv or .txt file here (any delimiter; UTF-8, UTF-16 or Windows-1252), or</span>
          <label className="cursor-pointer rounded-md border border-slate-300 px-2 py-1 font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
            choose a file
            <input
              type="file"
              accept=".csv,.tsv,.txt,text/csv,text/plain,text/tab-separated-values"
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
              onClick={() => edit(samples.map((s) => s.fileUrl).join("\n"))}
              className="rounded-md border border-amber-300 bg-amber-50 px-2 py-1 font-medium text-amber-900 hover:bg-amber-100 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200"
            >
              Fill in the {samples.length} sample documents
            </button>
          ) : null}
          <span>
            At most {maxRows.toLocaleString("en-IN")} rows and {formatMegabytes(maxBytes)}; sent to Atlas{" "}
            {chunkSize} per request.
          </span>
        </div>
      </div>

      {omittedBytes && !text ? (
        <p
          role="status"
          className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200"
        >
          The list you had here ({formatMegabytes(omittedBytes)}) was too large to keep in the browser. Drop
          the file again; submitting the same list again is recognised and not recorded twice.
        </p>
      ) : null}

      {tooLarge || parsed.errors.length > 0 ? (
        <ul
          role="alert"
          className="space-y-1 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
        >
          {tooLarge ? (
            <li data-testid="size-error">
              The list is {formatMegabytes(bytes)}; a batch takes at most {formatMegabytes(maxBytes)} — split
              it into several batches.
            </li>
          ) : null}
          {parsed.errors.map((e) => (
            <li key={e.code}>{e.message}</li>
          ))}
        </ul>
      ) : null}

      {readAs ? (
        <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="read-as">
          {readAs}
          {source ? ` (${source.file})` : ""}.
        </p>
      ) : null}

      <RecordedElsewhereNotice warnings={warnings} />

      {parsed.rows.length > 0 ? (
        <RowPreview rows={parsed.rows} onChange={updateRows} warnings={warnings} />
      ) : null}

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
          disabled={pending || valid === 0 || tooLarge}
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

function RecordedResult({ recorded }: { recorded: Recorded }) {
  const name = recorded.label ? `“${recorded.label}”` : "";
  return (
    <div
      role="status"
      data-testid="submit-result"
      className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
    >
      {recorded.created ? (
        <p>
          Batch {name} recorded: {recorded.rows.toLocaleString("en-IN")}{" "}
          {recorded.rows === 1 ? "row is" : "rows are"} being sent to Atlas.{" "}
          <Link className="font-medium underline" href={`/batches/${recorded.batchId}`}>
            Open the batch
          </Link>
        </p>
      ) : (
        <p>
          This batch was already recorded ({recorded.rows.toLocaleString("en-IN")} rows,{" "}
          {new Date(recorded.recordedAt).toLocaleString("en-IN")}): nothing was recorded twice.{" "}
          <Link className="font-medium underline" href={`/batches/${recorded.batchId}`}>
            Open batch {name}
          </Link>
        </p>
      )}
      {recorded.skipped.count > 0 ? (
        <div className="text-amber-900 dark:text-amber-200">
          <p data-testid="skipped-summary">{recorded.skipped.text}</p>
          <ul className="mt-1 list-inside list-disc text-xs">
            {recorded.skipped.rows.map((r) => (
              <li key={r.line}>
                Line {r.line} ({r.documentId}): {r.reason}
              </li>
            ))}
            {recorded.skipped.count > recorded.skipped.rows.length ? (
              <li>…and {recorded.skipped.count - recorded.skipped.rows.length} more</li>
            ) : null}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

function RecordedElsewhereNotice({
  warnings,
}: {
  warnings: Map<number, { text: string; batchId: string }[]>;
}) {
  if (warnings.size === 0) return null;
  const batchIds = [...new Set([...warnings.values()].flat().map((w) => w.batchId))];
  return (
    <div
      role="status"
      data-testid="recorded-elsewhere"
      className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200"
    >
      {warnings.size.toLocaleString("en-IN")} row{warnings.size === 1 ? " is" : "s are"} already in another
      batch (marked below); submitting records {warnings.size === 1 ? "it" : "them"} again.{" "}
      {batchIds.slice(0, 5).map((id, i) => (
        <span key={id}>
          {i > 0 ? ", " : ""}
          <Link className="font-medium underline" href={`/batches/${id}`}>
            {batchIds.length === 1 ? "Open that batch" : `batch ${i + 1}`}
          </Link>
        </span>
      ))}
    </div>
  );
}
