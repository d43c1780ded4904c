"use client";

import { useFormatter } from "@/components/format-provider";
import { useCallback, useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogTitle } from "@/components/ui/dialog";
import { Select } from "@/components/ui/field";
import { Table, TableCaption, TBody, Td, Th, THead } from "@/components/ui/table";
import { formatBytes } from "@/lib/batches/input/s3-rows";
import { formatS3Url } from "@/lib/s3/location";

type Result<T> = { ok: true; data: T } | { ok: false; error: { message: string } };

export type S3Page = {
  folders: { prefix: string }[];
  files: { key: string; size: number; lastModified: string }[];
  nextToken: string | null;
};

/** The server action that lists one page of a bucket folder. */
export type ListS3Page = (input: {
  bucket: string;
  prefix: string;
  continuationToken?: string;
}) => Promise<Result<S3Page>>;

/** Where browsing may start: an allowed bucket, or a folder of one (S3_ALLOWED_BUCKETS). */
export type S3Root = { bucket: string; prefix: string };

const nameIn = (prefix: string, key: string) => key.slice(prefix.length);
const rootUrl = (root: S3Root) => formatS3Url({ bucket: root.bucket, key: root.prefix });

/**
 * Browse an allowed bucket page by page (folders, files, size, last modified), go into folders
 * and back by the breadcrumb, tick files or whole folders and add them as `s3://` rows. Every
 * control is a button or a check box: the dialog works from the keyboard.
 */
export function S3BrowseDialog({
  open,
  onOpenChange,
  roots,
  listPage,
  onAdd,
  returnFocusTo,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  roots: S3Root[];
  listPage: ListS3Page;
  onAdd: (locations: string[]) => void;
  /** Where the keyboard goes back to when the dialog closes (the button that opened it). */
  returnFocusTo?: React.RefObject<HTMLElement | null>;
}) {
  const when = useFormatter().dateTime;
  const [root, setRoot] = useState<S3Root>(roots[0] ?? { bucket: "", prefix: "" });
  const [prefix, setPrefix] = useState(root.prefix);
  const [page, setPage] = useState<S3Page | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<string[]>([]);

  const load = useCallback(
    async (at: string, token?: string) => {
      setLoading(true);
      setError(null);
      const result = await listPage({ bucket: root.bucket, prefix: at, continuationToken: token });
      setLoading(false);
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setPage((prev) =>
        token && prev
          ? {
              folders: [...prev.folders, ...result.data.folders],
              files: [...prev.files, ...result.data.files],
              nextToken: result.data.nextToken,
            }
          : result.data,
      );
    },
    [listPage, root.bucket],
  );

  useEffect(() => {
    if (!open || !root.bucket) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- listing the folder shown
    setPage(null);
    void load(prefix);
  }, [open, root.bucket, prefix, load]);

  const toggle = (url: string) =>
    setPicked((prev) => (prev.includes(url) ? prev.filter((p) => p !== url) : [...prev, url]));
  const crumbs = prefix.slice(root.prefix.length).split("/").filter(Boolean);
  const go = (to: string) => setPrefix(to);

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        className="w-[min(56rem,96vw)]"
        aria-describedby="s3-browse-description"
        onCloseAutoFocus={(event) => {
          // Opened without a DialogTrigger, Radix would leave the focus on <body>.
          event.preventDefault();
          returnFocusTo?.current?.focus();
        }}
      >
        <DialogTitle>Browse S3</DialogTitle>
        <DialogDescription id="s3-browse-description">
          Tick files or whole folders (a folder adds every file under it that matches the include filter).
        </DialogDescription>
        <div className="mt-3 flex flex-wrap items-end gap-3">
          {roots.length > 1 ? (
            <Select
              label="Bucket"
              density="sm"
              value={rootUrl(root)}
              onChange={(e) => {
                const next = roots.find((r) => rootUrl(r) === e.target.value);
                if (next) {
                  setRoot(next);
                  setPrefix(next.prefix);
                }
              }}
            >
              {roots.map((r) => (
                <option key={rootUrl(r)} value={rootUrl(r)}>
                  {rootUrl(r)}
                </option>
              ))}
            </Select>
          ) : null}
          <nav aria-label="Folder" className="flex flex-wrap items-center gap-1 text-sm">
            <Button variant="link" size="xs" onClick={() => go(root.prefix)}>
              {rootUrl(root)}
            </Button>
            {crumbs.map((name, i) => {
              const to = root.prefix + crumbs.slice(0, i + 1).join("/") + "/";
              return (
                <span key={to} className="flex items-center gap-1">
                  <span aria-hidden="true">/</span>
                  <Button
                    variant="link"
                    size="xs"
                    aria-current={to === prefix ? "location" : undefined}
                    onClick={() => go(to)}
                  >
                    {name}
                  </Button>
                </span>
              );
            })}
          </nav>
        </div>
        {error ? (
          <Alert tone="error" className="mt-3" data-testid="s3-browse-error">
            {error}
          </Alert>
        ) : null}
        <Table className="mt-3 max-h-[24rem] overflow-auto" tableClassName="text-xs">
          <TableCaption>{`Contents of ${formatS3Url({ bucket: root.bucket, key: prefix })}`}</TableCaption>
          <THead className="sticky top-0 bg-slate-50 dark:bg-slate-800">
            <tr>
              <Th className="w-8 px-3">
                <span className="sr-only">Pick</span>
              </Th>
              <Th className="px-3">Name</Th>
              <Th className="px-3 text-right">Size</Th>
              <Th className="px-3">Last modified</Th>
            </tr>
          </THead>
          <TBody>
            {page?.folders.map((f) => {
              const url = formatS3Url({ bucket: root.bucket, key: f.prefix });
              const name = nameIn(prefix, f.prefix);
              return (
                <tr key={url} data-testid="s3-folder">
                  <Td className="px-3">
                    <input
                      type="checkbox"
                      aria-label={`Pick folder ${name}`}
                      checked={picked.includes(url)}
                      onChange={() => toggle(url)}
                    />
                  </Td>
                  <Td className="px-3">
                    <Button
                      variant="link"
                      size="xs"
                      onClick={() => go(f.prefix)}
                      aria-label={`Open folder ${name}`}
                    >
                      {name}
                    </Button>
                  </Td>
                  <Td className="px-3 text-right text-slate-500">folder</Td>
                  <Td className="px-3" />
                </tr>
              );
            })}
            {page?.files.map((f) => {
              const url = formatS3Url({ bucket: root.bucket, key: f.key });
              const name = nameIn(prefix, f.key);
              return (
                <tr key={url} data-testid="s3-file">
                  <Td className="px-3">
                    <input
                      type="checkbox"
                      aria-label={`Pick file ${name}`}
                      checked={picked.includes(url)}
                      onChange={() => toggle(url)}
                    />
                  </Td>
                  <Td className="px-3 font-mono">{name}</Td>
                  <Td className="px-3 text-right">{formatBytes(f.size)}</Td>
                  <Td className="px-3">{when(f.lastModified)}</Td>
                </tr>
              );
            })}
            {page && page.folders.length === 0 && page.files.length === 0 ? (
              <tr>
                <Td className="px-3 text-slate-500" colSpan={4}>
                  Nothing here.
                </Td>
              </tr>
            ) : null}
          </TBody>
        </Table>
        <div className="mt-2 flex items-center gap-3 text-xs" aria-live="polite">
          {loading ? <span>Loading…</span> : null}
          {page?.nextToken && !loading ? (
            <Button
              variant="secondary"
              size="xs"
              onClick={() => void load(prefix, page.nextToken ?? undefined)}
            >
              Load more
            </Button>
          ) : null}
        </div>
        <DialogFooter className="items-center">
          <span className="mr-auto text-sm" data-testid="s3-picked-count">
            {picked.length} picked
          </span>
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button
            disabled={picked.length === 0}
            onClick={() => {
              onAdd(picked);
              setPicked([]);
              onOpenChange(false);
            }}
          >
            Add to the list
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
