"use client";

/**
 * A document's file as the pane shows it, read through the guarded file route
 * (app/api/documents/[id]/file): an image (an object URL, or a data: URL for an SVG so that it
 * keeps an opaque origin), a PDF's bytes, the route's reason for hiding an Aadhaar scan, or why
 * the file cannot be shown. The next document's file can be fetched ahead (`prefetchScanFile`), so
 * moving on shows its scan at once; a reveal is never fetched ahead (each one is audited).
 */
export type ScanFile =
  | { state: "error"; message: string }
  | { state: "hidden"; message: string; canReveal: boolean }
  | { state: "image"; url: string; masked: boolean; canReveal: boolean }
  | { state: "pdf"; data: ArrayBuffer };

function readAsDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new Error("The file could not be read."));
    reader.readAsDataURL(blob);
  });
}

export async function fetchScanFile(documentId: string, reveal: boolean): Promise<ScanFile> {
  try {
    const response = await fetch(`/api/documents/${documentId}/file${reveal ? "?reveal=1" : ""}`, {
      cache: "no-store",
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as {
        error?: string;
        pii?: boolean;
        canReveal?: boolean;
      } | null;
      if (body?.pii) return { state: "hidden", message: body.error ?? "", canReveal: !!body.canReveal };
      return {
        state: "error",
        message: body?.error ?? `The file could not be loaded (HTTP ${response.status}).`,
      };
    }
    if (response.headers.get("x-file-kind") === "pdf")
      return { state: "pdf", data: await response.arrayBuffer() };
    const blob = await response.blob();
    const url = blob.type === "image/svg+xml" ? await readAsDataUrl(blob) : URL.createObjectURL(blob);
    return {
      state: "image",
      url,
      masked: response.headers.get("x-file-variant") === "redacted",
      canReveal: response.headers.get("x-scan-can-reveal") === "1",
    };
  } catch (error) {
    return {
      state: "error",
      message: error instanceof Error ? error.message : "The file could not be loaded.",
    };
  }
}

/** Frees what a shown file holds (an object URL); data: URLs and PDF bytes need nothing. */
export function releaseScanFile(file: ScanFile | null | undefined) {
  if (file?.state === "image" && file.url.startsWith("blob:")) URL.revokeObjectURL(file.url);
}

type Ahead = { documentId: string; promise: Promise<ScanFile>; settled: ScanFile | null };

/** At most a couple of files fetched ahead; an older one nobody took is released. */
const KEEP = 2;
const ahead: Ahead[] = [];

export function prefetchScanFile(documentId: string): void {
  if (ahead.some((a) => a.documentId === documentId)) return;
  const entry: Ahead = { documentId, promise: fetchScanFile(documentId, false), settled: null };
  void entry.promise.then((file) => {
    entry.settled = file;
  });
  ahead.push(entry);
  while (ahead.length > KEEP) {
    const old = ahead.shift()!;
    void old.promise.then(releaseScanFile);
  }
}

/** A file fetched ahead that has arrived, to show on the first render (still to be taken). */
export function peekPrefetchedScanFile(documentId: string): ScanFile | null {
  const settled = ahead.find((a) => a.documentId === documentId)?.settled ?? null;
  return settled?.state === "error" ? null : settled;
}

/**
 * Hands over a file fetched ahead (the caller then owns it and releases it): the file itself when
 * it has arrived, its promise while it is on the way, or null when nothing was fetched ahead.
 */
export function takePrefetchedScanFile(documentId: string): ScanFile | Promise<ScanFile> | null {
  const index = ahead.findIndex((a) => a.documentId === documentId);
  if (index < 0) return null;
  const [entry] = ahead.splice(index, 1);
  return entry!.settled ?? entry!.promise;
}
