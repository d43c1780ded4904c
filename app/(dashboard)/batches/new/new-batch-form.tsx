"use client";

import { useRouter } from "next/navigation";
import { useDeferredValue, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { InputProblems, SubmitBar } from "@/components/batch-input/input-checks";
import { RowPreview } from "@/components/batch-input/row-preview";
import {
  appendLocations,
  S3Tools,
  useIncludeFilter,
  type S3Actions,
  type S3Config,
} from "@/components/batch-input/s3-tools";
import { FileChooser, FillButton, RowsField } from "@/components/batch-input/rows-field";
import { readRowsFile, useParsedRows } from "@/components/batch-input/use-parsed-rows";
import { Alert } from "@/components/ui/alert";
import { Input, Select } from "@/components/ui/field";
import { clearDraft, hashContent, keyForSubmit, saveDraft } from "@/lib/batches/draft";
import { describeLayout, serializeRows, type InputRow } from "@/lib/batches/input";
import { formatMegabytes } from "@/lib/batches/limits";
import { postBatch, type Recorded } from "./post-batch";
import { RecordedElsewhereNotice, RecordedResult } from "./recorded-result";
import { DRAFT_KEY, useNewBatchDraft } from "./use-new-batch-draft";
import { useRecordedElsewhere } from "./use-recorded-elsewhere";
import { formatNumber } from "@/lib/format";

type Props = {
  productTypes: string[];
  defaultProductType: string;
  maxRows: number;
  maxBytes: number;
  chunkSize: number;
  allowHttp: boolean;
  specimens: { name: string; fileUrl: string }[];
  s3: S3Config;
  s3Actions: S3Actions;
};

export function NewBatchForm({
  productTypes,
  defaultProductType,
  maxRows,
  maxBytes,
  chunkSize,
  allowHttp,
  specimens,
  s3,
  s3Actions,
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
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [recorded, setRecorded] = useState<Recorded | null>(null);
  const [pending, start] = useTransition();
  const deferredText = useDeferredValue(text);

  useNewBatchDraft({
    productTypes,
    state: {
      clientKey,
      text,
      label,
      productType,
      defaultProductType,
      omittedBytes,
      submittedHashRef: submittedHash,
    },
    restore: { setClientKey, setText, setLabel, setProductType, setOmittedBytes },
  });
  const filter = useIncludeFilter(s3.extensions);

  const { parsed, errors, bytes, tooLarge, valid, invalid, documents, s3Pending } = useParsedRows(
    deferredText,
    {
      maxRows,
      maxBytes,
      allowHttp,
      s3: { enabled: s3.enabled, extensions: filter.extensions, lookUp: s3Actions.lookUp },
    },
  );
  // The include filter goes with the submit only when an s3:// row uses it.
  const hasS3 = parsed.rows.some((row) => row.s3 !== undefined);
  const warnings = useRecordedElsewhere(parsed.rows);

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
    const read = await readRowsFile(file);
    setRecorded(null);
    setOmittedBytes(null);
    setText(read.text);
    setSource({ file: file.name, encoding: read.encoding });
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
    const hash = hashContent(
      text,
      label.trim(),
      productType,
      ...(hasS3 ? [filter.extensions.join(",")] : []),
    );
    const key = keyForSubmit({ clientKey, submittedHash: submittedHash.current }, hash, () =>
      crypto.randomUUID(),
    );
    submittedHash.current = hash;
    setClientKey(key);
    const skippedInPreview = invalid;
    // Saved before the request leaves: a reload while it is in flight keeps the key.
    saveDraft(localStorage, DRAFT_KEY, { clientKey: key, text, label, productType, submittedHash: hash });
    start(async () => {
      const extensions = hasS3 ? filter.extensions.join(",") : "";
      const result = await postBatch({ clientKey: key, label, productType, extensions }, text);
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
        <Input
          label={
            <>
              Label <span className="font-normal text-slate-500">(optional)</span>
            </>
          }
          fieldClassName="md:col-span-2"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          placeholder="e.g. Pune branch KYC, 22 Nov"
          maxLength={120}
          className="py-2"
        />
      </div>

      <RowsField
        id="batch-rows"
        label="URLs or CSV rows"
        value={text}
        onChange={edit}
        onFile={(file) => void readFile(file)}
        rows={10}
        placeholder={
          "https://bucket.s3.ap-south-1.amazonaws.com/kyc/pan-001.jpg?X-Amz-…\nor\ndocument_id,file_url\nAPP-1-PAN,https://…"
        }
      >
        <span>Drop a .csv, .tsv or .txt file here (any delimiter; UTF-8, UTF-16 or Windows-1252), or</span>
        <FileChooser
          accept=".csv,.tsv,.txt,text/csv,text/plain,text/tab-separated-values"
          onFile={(file) => void readFile(file)}
        />
        {specimens.length > 0 ? (
          <FillButton onClick={() => edit(specimens.map((s) => s.fileUrl).join("\n"))}>
            Fill in the {specimens.length} sample documents
          </FillButton>
        ) : null}
        <span>
          At most {formatNumber(maxRows, 0)} rows and {formatMegabytes(maxBytes)}; sent to Atlas {chunkSize}{" "}
          per request.
          {s3.enabled
            ? " s3://bucket/key and s3://bucket/folder/ rows are listed and signed by the server."
            : ""}
        </span>
        <S3Tools
          config={s3}
          actions={s3Actions}
          filter={filter}
          onAdd={(locations) => edit(appendLocations(text, parsed, locations))}
        />
      </RowsField>

      {omittedBytes && !text ? (
        <Alert tone="warning" role="status">
          The list you had here ({formatMegabytes(omittedBytes)}) was too large to keep in the browser. Drop
          the file again; submitting the same list again is recognised and not recorded twice.
        </Alert>
      ) : null}

      <InputProblems
        errors={errors}
        sizeError={
          tooLarge ? (
            <li data-testid="size-error">
              The list is {formatMegabytes(bytes)}; a batch takes at most {formatMegabytes(maxBytes)} — split
              it into several batches.
            </li>
          ) : null
        }
      />

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
        <Alert tone="error" role={undefined} data-testid="submit-error">
          {submitError}
        </Alert>
      ) : null}

      <SubmitBar
        pending={pending}
        pendingText="Recording…"
        verb="Submit"
        noun="row"
        total={parsed.rows.length}
        valid={valid}
        documents={documents}
        disabled={tooLarge || s3Pending || (hasS3 && filter.error !== null)}
        summaryTestId="row-summary"
      />
    </form>
  );
}
