import { formatS3Url } from "@/lib/s3/location";
import { formatNumber } from "@/lib/format";
import { baseIdFromKey, baseIdFromUrl, checkDocumentId, idsFromBases } from "./document-ids";
import { checkFileUrl } from "./file-url";
import type { InputRow, ParseBatchInputOptions } from "./index";
import { problem, type RowProblem } from "./problems";
import {
  checkS3Url,
  fileNameOf,
  isPrefix,
  isS3Text,
  keyBelow,
  prefixOverLimit,
  prefixProblems,
  type S3Lookup,
  type S3Object,
  type S3RowInfo,
} from "./s3-rows";

export type Draft = { line: number; documentId: string; fileUrl: string; problems: RowProblem[] };

/** A row after its URL was checked: its problems so far and, for a prefix, the objects it keeps. */
type Checked = {
  draft: Draft;
  urlProblems: RowProblem[];
  duplicate: RowProblem | null;
  s3?: S3RowInfo;
  lookup?: S3Lookup;
  /** A prefix's objects not already on an earlier row. */
  kept: S3Object[];
};

function firstLines<K>(): { seen: (key: K, line: number) => number | undefined } {
  const lines = new Map<K, number>();
  return {
    seen(key, line) {
      const first = lines.get(key);
      if (first === undefined) lines.set(key, line);
      return first;
    },
  };
}

const sameFile = (line: number) =>
  problem("duplicate_url", `Same file as line ${line} — remove one of the two rows`);

// Pass 1, in row order: each URL checked, and what makes two rows the same file. A prefix keeps
// the objects no earlier row has; a later row naming one of its objects is the duplicate.
function checkUrls(drafts: Draft[], options: ParseBatchInputOptions): Checked[] {
  const urls = firstLines<string>();
  return drafts.map((draft) => {
    if (!isS3Text(draft.fileUrl)) {
      const url = checkFileUrl(draft.fileUrl, options);
      const first = url.identity === null ? undefined : urls.seen(url.identity, draft.line);
      return {
        draft,
        urlProblems: url.problems,
        duplicate: first === undefined ? null : sameFile(first),
        kept: [],
      };
    }
    const s3 = checkS3Url(draft.fileUrl, options.s3);
    if (!s3.location) return { draft, urlProblems: s3.problems, duplicate: null, kept: [] };
    const { location, lookup } = s3;
    const prefix = isPrefix(location);
    const info: S3RowInfo = {
      location,
      prefix,
      state: !lookup ? "pending" : lookup.ok ? "listed" : "failed",
      objects: [],
      totalBytes: null,
      leftOut: 0,
      moreThan: lookup?.ok && lookup.truncated ? lookup.objects.length : null,
    };
    if (!prefix) {
      const first = urls.seen(formatS3Url(location), draft.line);
      if (lookup?.ok) info.totalBytes = lookup.objects[0]?.size ?? null;
      const duplicate = first === undefined ? null : sameFile(first);
      return { draft, urlProblems: s3.problems, duplicate, s3: info, lookup, kept: [] };
    }
    const kept = (lookup?.ok && !lookup.truncated ? lookup.objects : []).filter(
      (o) => urls.seen(formatS3Url({ bucket: location.bucket, key: o.key }), draft.line) === undefined,
    );
    info.leftOut = lookup?.ok && !lookup.truncated ? lookup.objects.length - kept.length : 0;
    return { draft, urlProblems: s3.problems, duplicate: null, s3: info, lookup, kept };
  });
}

// The readable base of every id to generate, in row order (a prefix: one per kept object).
function idBases(checked: Checked[]): (string | null)[] {
  return checked.flatMap(({ draft, s3, kept }) => {
    if (s3?.prefix) return kept.map((o) => baseIdFromKey(keyBelow(s3.location, o.key)));
    if (draft.documentId !== "") return [null];
    return [s3 ? baseIdFromKey(fileNameOf(s3.location.key)) : baseIdFromUrl(draft.fileUrl)];
  });
}

/**
 * Checks every row: its id (supplied or generated from the file name), its URL, duplicates and
 * the row limit. An `s3://` prefix row carries the objects listed under it, each with its own id;
 * the limit counts documents, so it applies after expansion, and a prefix that does not fit is
 * refused as a whole (never cut off part-way).
 */
export function toRows(
  drafts: Draft[],
  options: ParseBatchInputOptions,
): { rows: InputRow[]; requested: number } {
  const existing = new Set(options.existingDocumentIds ?? []);
  const supplied = new Set(drafts.map((d) => d.documentId).filter((id) => id !== ""));
  const checked = checkUrls(drafts, options);
  const generated = idsFromBases(idBases(checked), new Set([...supplied, ...existing]));
  const ids = firstLines<string>();
  let next = 0;
  let documents = 0;
  let requested = 0;

  const rows = checked.map(({ draft, urlProblems, duplicate, s3, lookup, kept }) => {
    const problems = [...draft.problems];
    let documentId = draft.documentId;
    let documentIdGenerated = false;
    if (s3?.prefix) {
      s3.objects = kept.map((o) => ({
        documentId: generated[next++] ?? "",
        fileUrl: formatS3Url({ bucket: s3.location.bucket, key: o.key }),
        size: o.size,
      }));
      if (lookup?.ok) s3.totalBytes = kept.reduce((sum, o) => sum + o.size, 0);
      if (draft.documentId !== "") {
        const message =
          "A folder row takes no document_id: each file gets its own from its name — clear the id";
        problems.push(problem("prefix_with_document_id", message));
      }
      documentId = "";
      documentIdGenerated = true;
    } else {
      const generatedId = generated[next++] ?? null;
      documentIdGenerated = generatedId !== null;
      documentId = generatedId ?? draft.documentId;
      if (generatedId === null) {
        problems.push(...checkDocumentId(documentId));
        const firstLine = ids.seen(documentId, draft.line);
        if (firstLine !== undefined) {
          const message = `document_id "${documentId}" is already used on line ${firstLine} — give each row its own id`;
          problems.push(problem("duplicate_document_id", message));
        } else if (existing.has(documentId)) {
          problems.push(
            problem("document_id_exists", `document_id "${documentId}" already exists — choose another id`),
          );
        }
      }
    }
    problems.push(...urlProblems);
    if (duplicate) problems.push(duplicate);
    requested += s3?.prefix ? s3.objects.length : 1;
    if (s3?.prefix) {
      problems.push(
        ...prefixProblems(s3, lookup, { extensions: options.s3?.extensions, maxRows: options.maxRows }),
      );
      // A prefix is all or nothing: one that does not fit takes no place in the batch.
      if (problems.length === 0 && documents + s3.objects.length > options.maxRows) {
        problems.push(prefixOverLimit(s3, documents, options.maxRows));
      } else if (problems.length === 0) documents += s3.objects.length;
    } else {
      if (documents >= options.maxRows) {
        const message = `Beyond the ${formatNumber(options.maxRows, 0)}-row limit — submit it in another batch`;
        problems.push(problem("over_limit", message));
      }
      documents++;
    }
    const row: InputRow = {
      line: draft.line,
      documentId,
      documentIdGenerated,
      fileUrl: draft.fileUrl,
      problems,
    };
    if (s3) row.s3 = s3;
    return row;
  });
  return { rows, requested };
}
