"use client";

import { useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { serializeRows, type ParsedBatchInput } from "@/lib/batches/input";
import { parseExtensions } from "@/lib/batches/input/extensions";
import { S3BrowseDialog, type ListS3Page, type S3Root } from "./s3-browse-dialog";
import type { LookUpS3 } from "./use-s3-lookups";

/** What a page tells its form about S3 input (from lib/env.ts; no secrets). */
export type S3Config = { enabled: boolean; roots: S3Root[]; extensions: string[] };

/** The server actions S3 input uses, passed in by the route. */
export type S3Actions = { lookUp: LookUpS3; listPage: ListS3Page };

/**
 * Adds `s3://` rows to the text: as lines of their own, or, when the text has a header row, as
 * rows of the same CSV (a bare line under `document_id,file_url` would read as an id).
 */
export function appendLocations(text: string, parsed: ParsedBatchInput, locations: string[]): string {
  if (text.trim() === "") return locations.join("\n");
  if (parsed.layout.header && parsed.rows.length > 0) {
    const added = locations.map((fileUrl) => ({ documentId: "", documentIdGenerated: true, fileUrl }));
    return serializeRows([...parsed.rows, ...added]);
  }
  return `${text.replace(/\s+$/, "")}\n${locations.join("\n")}`;
}

/**
 * The include filter a form lists folders with: the text as typed, the extensions it reads as
 * (the configured ones while it has an error), and the error.
 */
export function useIncludeFilter(defaults: string[]) {
  const [text, setText] = useState(defaults.join(", "));
  const read = useMemo(() => parseExtensions(text), [text]);
  const fallback = useMemo(() => defaults, [defaults]);
  return {
    text,
    setText,
    extensions: "extensions" in read ? read.extensions : fallback,
    error: "error" in read ? read.error : null,
  };
}

/** "Browse S3…" and the include filter, under the paste box when S3 input is configured. */
export function S3Tools({
  config,
  actions,
  filter,
  onAdd,
}: {
  config: S3Config;
  actions: S3Actions;
  filter: ReturnType<typeof useIncludeFilter>;
  onAdd: (locations: string[]) => void;
}) {
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  if (!config.enabled) return null;
  return (
    <div className="flex w-full flex-wrap items-start gap-3">
      <Button ref={trigger} variant="secondary" size="xs" className="mt-5" onClick={() => setOpen(true)}>
        Browse S3…
      </Button>
      <Input
        label="Include from folders"
        labelClassName="text-xs"
        density="xs"
        fieldClassName="min-w-64"
        value={filter.text}
        onChange={(e) => filter.setText(e.target.value)}
        error={filter.error}
        hint="File extensions an s3://bucket/folder/ row expands to"
      />
      {open ? (
        <S3BrowseDialog
          open={open}
          onOpenChange={setOpen}
          roots={config.roots}
          listPage={actions.listPage}
          onAdd={onAdd}
          returnFocusTo={trigger}
        />
      ) : null}
    </div>
  );
}
