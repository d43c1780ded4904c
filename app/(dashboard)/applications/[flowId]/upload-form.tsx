"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useDeferredValue, useMemo, useState, useTransition } from "react";
import { toast } from "sonner";
import { parseBatchInput, serializeRows, type InputRow } from "@/lib/batches/input";
import { RowPreview } from "../../batches/new/row-preview";
import { uploadDocumentsAction } from "./actions";

export type SampleCase = { label: string; rows: { documentId: string; fileUrl: string }[] };

const field =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900";

/** Paste/CSV input with the same checks and preview as a new batch, sent as one multiupload. */
export function UploadForm({
  flowId,
  maxRows,
  allowHttp,
  existingDocumentIds,
  sampleCases,
}: {
  flowId: string;
  maxRows: number;
  allowHttp: boolean;
  existingDocumentIds: string[];
  sampleCases: SampleCase[];
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  // One key per filled-in form: a double click or a re-posted request finds the upload already made.
  const [clientKey, setClientKey] = useState(() => crypto.randomUUID());
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const deferredText = useDeferredValue(text);
  const parsed = useMemo(
    () => parseBatchInput(deferredText, { maxRows, allowHttp, now: new Date(), existingDocumentIds }),
    [deferredText, maxRows, allowHttp, existingDocumentIds],
  );
  const valid = parsed.rows.filter((r) => r.problems.length === 0).length;
  const invalid = parsed.rows.length - valid;

  function submit() {
    setError(null);
    start(async () => {
      const result = await uploadDocumentsAction({ flowId, clientKey, text });
      if (!result.ok) {
        setError(result.error.message);
        toast.error(result.error.message);
        return;
      }
      // The rows are recorded either way: the next upload is a new one.
      setClientKey(crypto.randomUUID());
      setText("");
      if (result.data.sent) toast.success(`${result.data.rows} document(s) sent to Atlas.`);
      else {
        setError(result.data.message ?? "Atlas did not accept the upload.");
        toast.error("Atlas did not accept the upload.");
      }
      await queryClient.invalidateQueries({ queryKey: ["application", flowId] });
      router.refresh();
    });
  }

  return (
    <form
      aria-label="Add documents"
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div>
        <label htmlFor="application-rows" className="text-sm font-medium">
          Document URLs or CSV rows
        </label>
        <textarea
          id="application-rows"
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={6}
          spellCheck={false}
          placeholder={"document_id,file_url\nAPP-1042-PAN,https://bucket.s3.ap-south-1.amazonaws.com/…"}
          className={`${field} font-mono text-xs`}
          aria-describedby="application-rows-help"
        />
        <div
          id="application-rows-help"
          className="mt-2 flex flex-wrap items-center gap-3 text-xs text-slate-600 dark:text-slate-400"
        >
          <span>
            One URL per line or document_id,file_url rows; at most {maxRows} per upload. Atlas classifies each
            document.
          </span>
          {sampleCases.map((c) => (
            <button
              key={c.label}
              type="button"
              onClick={() =>
                setText(serializeRows(c.rows.map((r) => ({ ...r, documentIdGenerated: false }))))
              }
              className="rounded-md border border-amber-300 bg-amber-50 px-2 py-1 font-medium text-amber-900 hover:bg-amber-100 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200"
            >
              Fill in {c.label}
            </button>
          ))}
        </div>
      </div>
      {parsed.errors.length > 0 && text.trim() ? (
        <ul
          role="alert"
          className="space-y-1 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
        >
          {parsed.errors.map((e) => (
            <li key={e.code}>{e.message}</li>
          ))}
        </ul>
      ) : null}
      {parsed.rows.length > 0 ? (
        <RowPreview
          rows={parsed.rows}
          onChange={(rows: InputRow[]) => setText(rows.length ? serializeRows(rows) : "")}
        />
      ) : null}
      {error ? (
        <p
          role="alert"
          data-testid="upload-error"
          className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
        >
          {error}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-4">
        <button
          type="submit"
          disabled={pending || valid === 0}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-50"
        >
          {pending
            ? "Sending…"
            : invalid > 0
              ? `Upload ${valid} valid row${valid === 1 ? "" : "s"} (skip ${invalid})`
              : `Upload ${valid} document${valid === 1 ? "" : "s"}`}
        </button>
        <p
          className="text-sm text-slate-600 dark:text-slate-400"
          aria-live="polite"
          data-testid="upload-row-summary"
        >
          {parsed.rows.length} row{parsed.rows.length === 1 ? "" : "s"}: {valid} valid, {invalid} with
          problems
        </p>
      </div>
    </form>
  );
}
