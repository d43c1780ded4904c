"use client";

import { useEffect, useState } from "react";
import type { InputRow } from "@/lib/batches/input";
import { fileIdentity, fileUrlBase } from "@/lib/batches/input/file-url";
import { chunkBy } from "@/lib/chunk";
import { findRecordedAction } from "./actions";
import { FIND_RECORDED_SLICE } from "./schemas";

export type RecordedWarning = { text: string; batchId: string };

// Server-action bodies are capped at 1 MB: a slice stays well under it whatever the URLs' length.
const SLICE_BYTES = 400_000;

type Query = { files: { base: string; identity: string }[]; documentIds: string[] };

const requestBytes = (row: InputRow) =>
  (fileIdentity(row.fileUrl)?.length ?? 0) * 2 + row.documentId.length + 64;

function slices(rows: readonly InputRow[]): { query: Query; rows: InputRow[] }[] {
  return chunkBy(rows, { maxItems: FIND_RECORDED_SLICE, maxWeight: SLICE_BYTES, weightOf: requestBytes }).map(
    (slice) => {
      const query: Query = { files: [], documentIds: [] };
      for (const row of slice) {
        const identity = fileIdentity(row.fileUrl);
        if (identity) query.files.push({ base: fileUrlBase(row.fileUrl), identity });
        if (!row.documentIdGenerated && row.documentId) query.documentIds.push(row.documentId);
      }
      return { query, rows: slice };
    },
  );
}

const batchName = (label: string | null) => (label ? `batch “${label}”` : "another batch");

/**
 * Rows whose file or document id is already recorded in a batch, by line: a warning with a
 * link, not a problem (re-sending a file on purpose is allowed). Asked once the preview has
 * settled, in slices, and only the latest preview's answer is kept.
 */
export function useRecordedElsewhere(rows: readonly InputRow[]): Map<number, RecordedWarning[]> {
  const [warnings, setWarnings] = useState<Map<number, RecordedWarning[]>>(new Map());
  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(async () => {
      const found = new Map<number, RecordedWarning[]>();
      for (const slice of slices(rows)) {
        if (slice.query.files.length === 0 && slice.query.documentIds.length === 0) continue;
        const result = await findRecordedAction(slice.query);
        if (cancelled || !result.ok) return;
        const byFile = new Map(result.data.filter((m) => m.kind === "file").map((m) => [m.value, m]));
        const byId = new Map(result.data.filter((m) => m.kind === "document_id").map((m) => [m.value, m]));
        for (const row of slice.rows) {
          const list: RecordedWarning[] = [];
          const identity = fileIdentity(row.fileUrl);
          const file = identity ? byFile.get(identity) : undefined;
          if (file) {
            list.push({
              text: `This file is already in ${batchName(file.batchLabel)} (as ${file.documentId})`,
              batchId: file.batchId,
            });
          }
          const id = row.documentIdGenerated ? undefined : byId.get(row.documentId);
          if (id && id.batchId !== file?.batchId) {
            list.push({
              text: `document_id “${row.documentId}” is already used in ${batchName(id.batchLabel)}`,
              batchId: id.batchId,
            });
          }
          if (list.length) found.set(row.line, list);
        }
      }
      if (!cancelled) setWarnings(found);
    }, 400);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [rows]);
  return warnings;
}
