"use client";

import { useMemo } from "react";
import { type FileLevelError, parseBatchInput, validRows } from "@/lib/batches/input";
import { decodeBytes, describeEncoding } from "@/lib/batches/input/encoding";
import { utf8Length } from "@/lib/batches/limits";
import { useS3Lookups, useS3Requests, type LookUpS3 } from "./use-s3-lookups";

/** S3 input as the page configured it: off, or the action that lists and checks `s3://` rows. */
export type S3FormOptions = { enabled: boolean; extensions: string[]; lookUp?: LookUpS3 };

const S3_OFF: S3FormOptions = { enabled: false, extensions: [] };

const NO_ERRORS: readonly FileLevelError[] = [];

/**
 * The live check of pasted or dropped rows, shared by the new-batch form and an application's
 * upload form. Give it a deferred copy of the text (`useDeferredValue`) so typing stays responsive.
 * `s3://` rows are looked up on the server as they appear (folders listed with `s3.extensions`).
 * `errors` are the problems of the list as a whole to show: none while the box is still blank, so
 * an empty form does not greet the user with "Nothing to submit" before they have typed anything
 * (the submit button already says there are 0 rows).
 */
export function useParsedRows(
  deferredText: string,
  options: {
    maxRows: number;
    maxBytes: number;
    allowHttp: boolean;
    existingDocumentIds?: string[];
    s3?: S3FormOptions;
  },
) {
  const { maxRows, maxBytes, allowHttp, existingDocumentIds, s3 = S3_OFF } = options;
  const store = useS3Lookups(s3.extensions);
  const { enabled, extensions } = s3;
  const { lookups } = store;
  const parsed = useMemo(
    () =>
      parseBatchInput(deferredText, {
        maxRows,
        allowHttp,
        now: new Date(),
        existingDocumentIds,
        s3: { enabled, extensions, lookups },
      }),
    [deferredText, maxRows, allowHttp, existingDocumentIds, enabled, extensions, lookups],
  );
  const s3Pending = useS3Requests(parsed.rows, store, {
    lookUp: enabled ? s3.lookUp : undefined,
    limit: maxRows,
  });
  const bytes = useMemo(() => utf8Length(deferredText), [deferredText]);
  const valid = parsed.rows.filter((r) => r.problems.length === 0).length;
  const documents = useMemo(() => validRows(parsed.rows).length, [parsed.rows]);
  return {
    parsed,
    errors: deferredText.trim() === "" ? NO_ERRORS : parsed.errors,
    bytes,
    tooLarge: bytes > maxBytes,
    valid,
    invalid: parsed.rows.length - valid,
    /** Documents the valid rows stand for (a listed folder counts its files). */
    documents,
    s3Pending,
    recheckS3: store.recheck,
  };
}

/** A dropped or chosen file as text, whatever its encoding, and how it was read. */
export async function readRowsFile(file: File): Promise<{ text: string; encoding: string }> {
  const decoded = decodeBytes(await file.arrayBuffer());
  return { text: decoded.text, encoding: describeEncoding(decoded) };
}
