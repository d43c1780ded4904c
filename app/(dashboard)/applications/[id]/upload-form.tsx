"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useDeferredValue, useEffect, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { InputProblems, SubmitBar } from "@/components/batch-input/input-checks";
import { RowPreview } from "@/components/batch-input/row-preview";
import { FillButton, RowsField } from "@/components/batch-input/rows-field";
import {
  appendLocations,
  S3Tools,
  useIncludeFilter,
  type S3Actions,
  type S3Config,
} from "@/components/batch-input/s3-tools";
import { readRowsFile, useParsedRows } from "@/components/batch-input/use-parsed-rows";
import { Alert } from "@/components/ui/alert";
import { clearDraft, hashContent, keyForSubmit, loadDraft, saveDraft } from "@/lib/batches/draft";
import { describeLayout, serializeRows, type InputRow } from "@/lib/batches/input";
import { formatMegabytes } from "@/lib/batches/limits";
import { uploadDocumentsAction } from "./actions";

export type SpecimenCase = { label: string; rows: { documentId: string; fileUrl: string }[] };

/** Under the 1 MB server-action body limit, with room for the rest of the request. */
const MAX_UPLOAD_TEXT_BYTES = 900_000;

const NONE: string[] = [];

/** Paste/CSV input with the same checks and preview as a new batch, sent as one multiupload. */
export function UploadForm({
  applicationId,
  maxRows,
  allowHttp,
  existingDocumentIds,
  specimenCases,
  s3,
  s3Actions,
}: {
  applicationId: string;
  maxRows: number;
  allowHttp: boolean;
  existingDocumentIds: string[];
  specimenCases: SpecimenCase[];
  s3: S3Config;
  s3Actions: S3Actions;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  // One key per filled-in form, saved with the draft: a double click, a re-posted request or a
  // reload and a second submit find the upload already made.
  const draftKey = `atlas-review:upload-draft:${applicationId}`;
  const [clientKey, setClientKey] = useState(() => crypto.randomUUID());
  const submittedHash = useRef<string | undefined>(undefined);
  // The hash of a list whose submit may have been recorded (its answer lost to a reload).
  const [inFlightHash, setInFlightHash] = useState<string | undefined>(undefined);
  const [text, setText] = useState("");
  const [encoding, setEncoding] = useState<string | null>(null);
  const [restored, setRestored] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const deferredText = useDeferredValue(text);

  useEffect(() => {
    const draft = loadDraft(localStorage, draftKey);
    /* eslint-disable react-hooks/set-state-in-effect -- restoring browser storage once on mount */
    if (draft) {
      setClientKey(draft.clientKey);
      submittedHash.current = draft.submittedHash;
      setInFlightHash(draft.submittedHash);
      if (draft.text) setText(draft.text);
      if (draft.text && draft.submittedHash === hashContent(draft.text))
        setNotice(
          "These rows were being sent when the page was left, and may have been recorded. Upload them again: if they were, this says so and nothing is sent twice.",
        );
    }
    setRestored(true);
    /* eslint-enable react-hooks/set-state-in-effect */
  }, [draftKey]);
  useEffect(() => {
    if (!restored) return;
    const timer = setTimeout(() => {
      if (!text && !submittedHash.current) clearDraft(localStorage, draftKey);
      else saveDraft(localStorage, draftKey, { clientKey, text, submittedHash: submittedHash.current });
    }, 300);
    return () => clearTimeout(timer);
  }, [restored, draftKey, clientKey, text]);
  // The rows of a submit that may have been recorded are in the application now: they are not
  // "already there" for a second submit with the same key, which the server answers "already
  // recorded" (otherwise every row is flagged and the upload cannot be tried again).
  const resubmit = inFlightHash !== undefined && hashContent(deferredText) === inFlightHash;
  // The upload goes as a server action, whose body is capped at 1 MB: say so before submitting.
  const filter = useIncludeFilter(s3.extensions);
  const { parsed, errors, bytes, tooLarge, valid, documents, s3Pending } = useParsedRows(deferredText, {
    maxRows,
    maxBytes: MAX_UPLOAD_TEXT_BYTES,
    allowHttp,
    existingDocumentIds: resubmit ? NONE : existingDocumentIds,
    s3: { enabled: s3.enabled, extensions: filter.extensions, lookUp: s3Actions.lookUp },
  });
  // The include filter goes with the submit only when an s3:// row uses it.
  const hasS3 = parsed.rows.some((row) => row.s3 !== undefined);

  async function readFile(file: File) {
    const read = await readRowsFile(file);
    setNotice(null);
    setText(read.text);
    setEncoding(read.encoding);
  }

  function submit() {
    setError(null);
    setNotice(null);
    const hash = hashContent(text);
    const key = keyForSubmit({ clientKey, submittedHash: submittedHash.current }, hash, () =>
      crypto.randomUUID(),
    );
    submittedHash.current = hash;
    setInFlightHash(hash);
    setClientKey(key);
    saveDraft(localStorage, draftKey, { clientKey: key, text, submittedHash: hash });
    start(async () => {
      const extensions = hasS3 ? filter.extensions.join(",") : undefined;
      const result = await uploadDocumentsAction({ applicationId, clientKey: key, text, extensions });
      if (!result.ok) {
        setError(result.error.message);
        toast.error(result.error.message);
        return;
      }
      // The rows are recorded either way: the next upload is a new one.
      clearDraft(localStorage, draftKey);
      submittedHash.current = undefined;
      setInFlightHash(undefined);
      setClientKey(crypto.randomUUID());
      setText("");
      setEncoding(null);
      if (result.data.alreadyRecorded) {
        setNotice(
          `This upload was already recorded (${result.data.rows} document(s)); nothing was sent twice. Its documents are listed below.`,
        );
      } else if (result.data.sent) {
        toast.success(`${result.data.rows} document(s) sent to Atlas.`);
        // Rows valid in the preview but not at submit (a link that lapsed meanwhile) are said.
        if (result.data.skipped.count > 0)
          setNotice(
            `${result.data.rows} document(s) sent to Atlas; ${result.data.skipped.text}${result.data.skipped.rows
              .slice(0, 5)
              .map((r) => ` · line ${r.line} (${r.documentId}): ${r.reason}`)
              .join("")}`,
          );
      } else {
        setError(result.data.message ?? "Atlas did not accept the upload.");
        toast.error("Atlas did not accept the upload.");
      }
      await queryClient.invalidateQueries({ queryKey: ["application", applicationId] });
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
      <RowsField
        id="application-rows"
        label="Document URLs or CSV rows"
        value={text}
        onChange={(next) => {
          setEncoding(null);
          setText(next);
        }}
        onFile={(file) => void readFile(file)}
        rows={6}
        placeholder={"document_id,file_url\nAPP-1042-PAN,https://bucket.s3.ap-south-1.amazonaws.com/…"}
      >
        <span>
          One URL per line or document_id,file_url rows (any delimiter), or drop a .csv/.txt file on the box;
          at most {maxRows} per upload. Atlas classifies each document.
          {s3.enabled
            ? " s3://bucket/key and s3://bucket/folder/ rows are listed and signed by the server."
            : ""}
        </span>
        <S3Tools
          config={s3}
          actions={s3Actions}
          filter={filter}
          onAdd={(locations) => {
            setEncoding(null);
            setText(appendLocations(text, parsed, locations));
          }}
        />
        {specimenCases.map((c) => (
          <FillButton
            key={c.label}
            onClick={() => setText(serializeRows(c.rows.map((r) => ({ ...r, documentIdGenerated: false }))))}
          >
            Fill in {c.label}
          </FillButton>
        ))}
      </RowsField>
      <InputProblems
        errors={errors}
        sizeError={
          tooLarge ? (
            <li data-testid="upload-size-error">
              The list is {formatMegabytes(bytes)}; one upload takes at most {maxRows} documents and{" "}
              {formatMegabytes(MAX_UPLOAD_TEXT_BYTES)} — remove rows, or start a batch for more.
            </li>
          ) : null
        }
      />
      {notice ? (
        <Alert tone="warning" role="status" data-testid="upload-notice">
          {notice}
        </Alert>
      ) : null}
      {parsed.rows.length > 0 ? (
        <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="upload-read-as">
          {describeLayout(parsed.layout, encoding ?? "pasted text")}.
        </p>
      ) : null}
      {parsed.rows.length > 0 ? (
        <RowPreview
          rows={parsed.rows}
          onChange={(rows: InputRow[]) => {
            setEncoding(null);
            setText(rows.length ? serializeRows(rows) : "");
          }}
        />
      ) : null}
      {error ? (
        <Alert tone="error" data-testid="upload-error">
          {error}
        </Alert>
      ) : null}
      <SubmitBar
        pending={pending}
        pendingText="Sending…"
        verb="Upload"
        noun="document"
        total={parsed.rows.length}
        valid={valid}
        documents={documents}
        disabled={tooLarge || s3Pending || (hasS3 && filter.error !== null)}
        summaryTestId="upload-row-summary"
      />
    </form>
  );
}
