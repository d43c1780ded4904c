"use client";

import { useMemo } from "react";
import { type FileLevelError, parseBatchInput } from "@/lib/batches/input";
import { decodeBytes, describeEncoding } from "@/lib/batches/input/encoding";
import { utf8Length } from "@/lib/batches/limits";

const NO_ERRORS: readonly FileLevelError[] = [];

/**
 * The live check of pasted or dropped rows, shared by the new-batch form and an application's
 * upload form. Give it a deferred copy of the text (`useDeferredValue`) so typing stays responsive.
 * `errors` are the problems of the list as a whole to show: none while the box is still blank, so
 * an empty form does not greet the user with "Nothing to submit" before they have typed anything
 * (the submit button already says there are 0 rows).
 */
export function useParsedRows(
  deferredText: string,
  options: { maxRows: number; maxBytes: number; allowHttp: boolean; existingDocumentIds?: string[] },
) {
  const { maxRows, maxBytes, allowHttp, existingDocumentIds } = options;
  const parsed = useMemo(
    () => parseBatchInput(deferredText, { maxRows, allowHttp, now: new Date(), existingDocumentIds }),
    [deferredText, maxRows, allowHttp, existingDocumentIds],
  );
  const bytes = useMemo(() => utf8Length(deferredText), [deferredText]);
  const valid = parsed.rows.filter((r) => r.problems.length === 0).length;
  return {
    parsed,
    errors: deferredText.trim() === "" ? NO_ERRORS : parsed.errors,
    bytes,
    tooLarge: bytes > maxBytes,
    valid,
    invalid: parsed.rows.length - valid,
  };
}

/** A dropped or chosen file as text, whatever its encoding, and how it was read. */
export async function readRowsFile(file: File): Promise<{ text: string; encoding: string }> {
  const decoded = decodeBytes(await file.arrayBuffer());
  return { text: decoded.text, encoding: describeEncoding(decoded) };
}
