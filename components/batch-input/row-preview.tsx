"use client";

import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/field";
import { Table, TableCaption, TBody, Td, Th, THead } from "@/components/ui/table";
import type { InputRow } from "@/lib/batches/input";
import { S3RowNote } from "./s3-row-note";

const SHOWN = 200;

type Warning = { text: string; batchId: string };
const NO_WARNINGS = new Map<number, Warning[]>();

/**
 * The live preview: every row with what is wrong with it, editable in place; `warnings` (by
 * line) point out rows already recorded in another batch, with a link to it.
 */
export function RowPreview({
  rows,
  onChange,
  warnings = NO_WARNINGS,
}: {
  rows: InputRow[];
  onChange: (rows: InputRow[]) => void;
  warnings?: ReadonlyMap<number, Warning[]>;
}) {
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [editing, setEditing] = useState<number | null>(null);
  const visible = rows
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => !onlyProblems || row.problems.length > 0);

  function replace(index: number, next: InputRow | null) {
    const copy = rows.slice();
    if (next) copy[index] = next;
    else copy.splice(index, 1);
    setEditing(null);
    onChange(copy);
  }

  return (
    <Card asChild padding="none">
      <section aria-labelledby="preview-heading">
        <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
          <h2 id="preview-heading" className="text-sm font-semibold">
            Preview
          </h2>
          <label className="flex items-center gap-2 text-xs">
            <input
              type="checkbox"
              checked={onlyProblems}
              onChange={(e) => setOnlyProblems(e.target.checked)}
            />
            Only rows with problems
          </label>
        </div>
        <Table className="max-h-[28rem] overflow-auto rounded-none border-0" tableClassName="text-xs">
          <TableCaption>Rows to submit and their problems</TableCaption>
          <THead className="sticky top-0 bg-slate-50 dark:bg-slate-800">
            <tr>
              <Th className="px-3">Line</Th>
              <Th className="px-3">Document id</Th>
              <Th className="px-3">File URL</Th>
              <Th className="px-3">Check</Th>
              <Th className="px-3">
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </THead>
          <TBody className="align-top">
            {visible.slice(0, SHOWN).map(({ row, index }) =>
              editing === index ? (
                <EditRow
                  key={`${row.line}-${index}`}
                  row={row}
                  onSave={(r) => replace(index, r)}
                  onCancel={() => setEditing(null)}
                />
              ) : (
                <tr
                  key={`${row.line}-${index}`}
                  data-testid="preview-row"
                  className={row.problems.length ? "bg-red-50/60 dark:bg-red-950/30" : ""}
                >
                  <Td className="px-3 font-mono">{row.line}</Td>
                  <Td className="max-w-[14rem] break-all px-3 font-mono">
                    {row.s3?.prefix ? (
                      <span className="font-sans text-slate-600 dark:text-slate-400">one per file</span>
                    ) : (
                      row.documentId
                    )}
                    {row.documentIdGenerated ? (
                      <Badge shape="tag" className="ml-1 px-1 text-[10px]">
                        generated
                      </Badge>
                    ) : null}
                  </Td>
                  <Td className="max-w-md px-3 font-mono" title={row.fileUrl}>
                    <span className="block truncate">{row.fileUrl}</span>
                    {row.s3 ? <S3RowNote info={row.s3} /> : null}
                  </Td>
                  <Td className="px-3">
                    {row.problems.length === 0 ? (
                      <span className="text-emerald-700 dark:text-emerald-400">OK</span>
                    ) : (
                      <ul className="space-y-0.5 text-red-800 dark:text-red-300">
                        {row.problems.map((p) => (
                          <li key={p.code}>{p.message}</li>
                        ))}
                      </ul>
                    )}
                    {warnings.get(row.line)?.map((w) => (
                      <p
                        key={w.text}
                        className="mt-0.5 text-amber-800 dark:text-amber-300"
                        data-testid="row-warning"
                      >
                        {w.text} —{" "}
                        <Link className="underline" href={`/batches/${w.batchId}`}>
                          open it
                        </Link>
                      </p>
                    ))}
                  </Td>
                  <Td className="whitespace-nowrap px-3 text-right">
                    <RowButton onClick={() => setEditing(index)} aria-label={`Edit line ${row.line}`}>
                      Edit
                    </RowButton>{" "}
                    <RowButton
                      className="ml-2"
                      onClick={() => replace(index, null)}
                      aria-label={`Remove line ${row.line}`}
                    >
                      Remove
                    </RowButton>
                  </Td>
                </tr>
              ),
            )}
          </TBody>
        </Table>
        {visible.length > SHOWN ? (
          <p className="px-4 py-2 text-xs text-slate-500">
            …and {visible.length - SHOWN} more row{visible.length - SHOWN === 1 ? "" : "s"} (all are checked
            and counted).
          </p>
        ) : null}
      </section>
    </Card>
  );
}

/** The row actions: small text buttons, underlined like the links beside them. */
function RowButton(props: React.ComponentProps<typeof Button>) {
  return (
    <Button
      variant="link"
      {...props}
      className={cn("text-current underline dark:text-current", props.className)}
    />
  );
}

function EditRow({
  row,
  onSave,
  onCancel,
}: {
  row: InputRow;
  onSave: (row: InputRow) => void;
  onCancel: () => void;
}) {
  const [documentId, setDocumentId] = useState(row.documentIdGenerated ? "" : row.documentId);
  const [fileUrl, setFileUrl] = useState(row.fileUrl);
  const save = () =>
    onSave({
      ...row,
      fileUrl: fileUrl.trim(),
      documentId: documentId.trim(),
      documentIdGenerated: !documentId.trim(),
    });
  return (
    <tr className="bg-indigo-50/60 dark:bg-indigo-950/30">
      <Td className="px-3 font-mono">{row.line}</Td>
      <Td className="px-3">
        <Input
          id={`edit-id-${row.line}`}
          label="Document id (blank to generate)"
          labelClassName="sr-only"
          value={documentId}
          placeholder="generated"
          onChange={(e) => setDocumentId(e.target.value)}
          density="xs"
          className="mt-0 font-mono text-xs"
        />
      </Td>
      <Td className="px-3" colSpan={2}>
        <Input
          id={`edit-url-${row.line}`}
          label="File URL"
          labelClassName="sr-only"
          value={fileUrl}
          onChange={(e) => setFileUrl(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              save();
            }
            if (e.key === "Escape") onCancel();
          }}
          density="xs"
          className="mt-0 w-full font-mono text-xs"
          autoFocus
        />
      </Td>
      <Td className="whitespace-nowrap px-3 text-right">
        <RowButton onClick={save}>Save</RowButton>
        <RowButton className="ml-2" onClick={onCancel}>
          Cancel
        </RowButton>
      </Td>
    </tr>
  );
}
