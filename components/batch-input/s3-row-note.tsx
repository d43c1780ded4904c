import { formatNumber } from "@/lib/format";
import { formatBytes, type S3RowInfo } from "@/lib/batches/input/s3-rows";

const SHOWN = 100;

/**
 * Under an `s3://` row of the preview: how many files a folder expanded to and their total size
 * (with the files and their ids behind a disclosure), or a single file's size.
 */
export function S3RowNote({ info }: { info: S3RowInfo }) {
  if (info.state === "pending")
    return (
      <p className="mt-0.5 text-slate-600 dark:text-slate-400" data-testid="s3-expansion">
        {info.prefix ? "Listing the folder…" : "Checking the file…"}
      </p>
    );
  if (info.state === "failed") return null;
  if (!info.prefix)
    return info.totalBytes === null ? null : (
      <p className="mt-0.5 text-slate-600 dark:text-slate-400" data-testid="s3-expansion">
        1 file, {formatBytes(info.totalBytes)}
      </p>
    );
  if (info.moreThan !== null)
    return (
      <p className="mt-0.5 text-slate-600 dark:text-slate-400" data-testid="s3-expansion">
        More than {formatNumber(info.moreThan, 0)} files (listing stopped there)
      </p>
    );
  const count = info.objects.length;
  return (
    <details className="mt-0.5 text-slate-700 dark:text-slate-300">
      <summary className="cursor-pointer" data-testid="s3-expansion">
        {formatNumber(count, 0)} file{count === 1 ? "" : "s"}
        {info.totalBytes !== null ? `, ${formatBytes(info.totalBytes)}` : ""}
        {info.leftOut > 0 ? ` (${formatNumber(info.leftOut, 0)} already on an earlier row, left out)` : ""}
      </summary>
      <ul className="mt-1 max-h-48 overflow-auto font-mono">
        {info.objects.slice(0, SHOWN).map((o) => (
          <li key={o.fileUrl} className="truncate">
            {o.documentId} ← {o.fileUrl} ({formatBytes(o.size)})
          </li>
        ))}
        {count > SHOWN ? <li>…and {formatNumber(count - SHOWN, 0)} more</li> : null}
      </ul>
    </details>
  );
}
