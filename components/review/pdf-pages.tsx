"use client";

import type { PDFDocumentProxy } from "pdfjs-dist";
import { useEffect, useRef, useState } from "react";
import { ToolButton } from "./tool-button";

/**
 * PDF pages drawn with pdfjs-dist, one page at a time. The worker is bundled as its own asset
 * (`new URL(…, import.meta.url)`, which Turbopack and webpack both emit); should it fail to
 * start, pdfjs is given the worker module on the main thread instead, which is slower on big
 * files but always works.
 */
async function loadPdf(data: ArrayBuffer): Promise<PDFDocumentProxy> {
  const pdfjs = await import("pdfjs-dist");
  // No `new Function` font compilation: the Content-Security-Policy has no 'unsafe-eval'.
  const options = { isEvalSupported: false };
  if (!pdfjs.GlobalWorkerOptions.workerSrc)
    pdfjs.GlobalWorkerOptions.workerSrc = new URL(
      "pdfjs-dist/build/pdf.worker.min.mjs",
      import.meta.url,
    ).toString();
  try {
    return await pdfjs.getDocument({ data: data.slice(0), ...options }).promise;
  } catch (error) {
    if (error instanceof Error && /worker/i.test(error.message)) {
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker =
        await import("pdfjs-dist/build/pdf.worker.min.mjs");
      return await pdfjs.getDocument({ data: data.slice(0), ...options }).promise;
    }
    throw error;
  }
}

export function PdfPages({
  data,
  zoom,
  rotation,
  label,
  onError,
}: {
  data: ArrayBuffer;
  zoom: number;
  rotation: number;
  label: string;
  onError: (message: string) => void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [page, setPage] = useState(1);

  useEffect(() => {
    let cancelled = false;
    let loaded: PDFDocumentProxy | null = null;
    loadPdf(data).then(
      (doc) => {
        loaded = doc;
        if (cancelled) void doc.destroy();
        else setPdf(doc);
      },
      (error: unknown) => {
        if (!cancelled)
          onError(`The PDF could not be opened: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
    return () => {
      cancelled = true;
      void loaded?.destroy();
    };
  }, [data, onError]);

  useEffect(() => {
    if (!pdf || !canvas.current) return;
    let task: { cancel(): void; promise: Promise<void> } | null = null;
    let cancelled = false;
    void pdf.getPage(page).then((p) => {
      if (cancelled || !canvas.current) return;
      const ratio = window.devicePixelRatio || 1;
      const viewport = p.getViewport({ scale: zoom * ratio, rotation: (p.rotate + rotation) % 360 });
      const element = canvas.current;
      element.width = Math.floor(viewport.width);
      element.height = Math.floor(viewport.height);
      element.style.width = `${Math.floor(viewport.width / ratio)}px`;
      element.style.height = `${Math.floor(viewport.height / ratio)}px`;
      task = p.render({ canvas: element, canvasContext: element.getContext("2d")!, viewport });
      task.promise.catch(() => undefined);
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [pdf, page, zoom, rotation]);

  const pages = pdf?.numPages ?? 0;
  return (
    <div>
      <div className="mb-2 flex items-center gap-2 text-xs">
        <ToolButton disabled={page <= 1} onClick={() => setPage((n) => n - 1)}>
          Previous page
        </ToolButton>
        <span aria-live="polite" data-testid="pdf-page">
          {pages ? `Page ${page} of ${pages}` : "Opening the PDF…"}
        </span>
        <ToolButton disabled={page >= pages} onClick={() => setPage((n) => n + 1)}>
          Next page
        </ToolButton>
      </div>
      <canvas
        ref={canvas}
        role="img"
        aria-label={`${label}, page ${page}`}
        className="mx-auto block shadow"
      />
    </div>
  );
}
