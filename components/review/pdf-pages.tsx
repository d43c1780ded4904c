"use client";

import type { PDFDocumentProxy } from "pdfjs-dist";
import { useEffect, useRef, useState, type ReactNode, type Ref } from "react";
import { ScanViewer, type ViewerControls } from "./scan-viewer";
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

/**
 * A PDF in the scan viewer, one page at a time, with its page buttons in the viewer's toolbar.
 */
export function PdfPages({
  data,
  label,
  onError,
  toolbar,
  controls,
  fill,
  overlay,
  focusPage,
  notice,
  doubleClickZoom,
}: {
  data: ArrayBuffer;
  label: string;
  onError: (message: string) => void;
  toolbar?: ReactNode;
  controls?: Ref<ViewerControls>;
  fill?: boolean;
  /** Drawn over the shown page (absolute, in percent of the turned page). */
  overlay?: (view: { page: number; rotation: number }) => ReactNode;
  /** The page the selected field is on: the viewer turns to it when it changes. */
  focusPage?: number | null;
  notice?: ReactNode;
  doubleClickZoom?: boolean;
}) {
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [page, setPage] = useState(1);
  const [followed, setFollowed] = useState(focusPage ?? null);
  if (focusPage && focusPage !== followed) {
    setFollowed(focusPage);
    setPage(focusPage);
  }

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

  const pages = pdf?.numPages ?? 0;
  return (
    <ScanViewer
      controls={controls}
      fill={fill}
      notice={notice}
      doubleClickZoom={doubleClickZoom}
      toolbar={
        <>
          <span className="mx-1 flex items-center gap-1">
            <ToolButton disabled={page <= 1} onClick={() => setPage((n) => n - 1)}>
              Previous page
            </ToolButton>
            <span aria-live="polite" data-testid="pdf-page">
              {pages ? `Page ${page} of ${pages}` : "Opening the PDF…"}
            </span>
            <ToolButton disabled={page >= pages} onClick={() => setPage((n) => n + 1)}>
              Next page
            </ToolButton>
          </span>
          {toolbar}
        </>
      }
    >
      {({ rotation, scale }) => (
        <PdfCanvas pdf={pdf} page={page} rotation={rotation} scale={scale} label={`${label}, page ${page}`}>
          {pdf ? overlay?.({ page, rotation }) : null}
        </PdfCanvas>
      )}
    </ScanViewer>
  );
}

/**
 * One page drawn as wide as the viewer; its pixels follow the settled zoom (up to 4×), so a
 * zoomed-in page is redrawn sharp rather than stretched.
 */
function PdfCanvas({
  pdf,
  page,
  rotation,
  scale,
  label,
  children,
}: {
  pdf: PDFDocumentProxy | null;
  page: number;
  rotation: number;
  scale: number;
  label: string;
  children?: ReactNode;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!pdf || !canvas.current || width === 0) return;
    let task: { cancel(): void; promise: Promise<void> } | null = null;
    let cancelled = false;
    void pdf.getPage(page).then((p) => {
      if (cancelled || !canvas.current) return;
      const turn = (p.rotate + rotation) % 360;
      const fit = width / p.getViewport({ scale: 1, rotation: turn }).width;
      const sharpness = (window.devicePixelRatio || 1) * Math.min(4, Math.max(1, scale));
      const viewport = p.getViewport({ scale: fit * sharpness, rotation: turn });
      const element = canvas.current;
      element.width = Math.floor(viewport.width);
      element.height = Math.floor(viewport.height);
      task = p.render({ canvas: element, canvasContext: element.getContext("2d")!, viewport });
      task.promise.catch(() => undefined);
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [pdf, page, rotation, scale, width]);

  return (
    <div ref={box} className="relative w-full">
      <canvas ref={canvas} role="img" aria-label={label} className="block h-auto w-full shadow" />
      {children}
    </div>
  );
}
