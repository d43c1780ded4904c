"use client";

import { useCallback, useEffect, useState } from "react";
import { Alert, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PdfPages } from "./pdf-pages";
import { useScanStart } from "./scan-start";
import { ToolButton } from "./tool-button";

type Loaded =
  | { state: "loading" }
  | { state: "error"; message: string }
  | { state: "hidden"; message: string; canReveal: boolean }
  | { state: "image"; url: string; masked: boolean; canReveal: boolean }
  | { state: "pdf"; data: ArrayBuffer };

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];

/** An SVG becomes a data: URL (an opaque origin even if opened on its own), never a blob: URL of ours. */
function readAsDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new Error("The file could not be read."));
    reader.readAsDataURL(blob);
  });
}

/**
 * The document beside its fields, on every screen that shows one (review, QA). The file comes
 * through our own guarded route (which fetches the stored link server-side), so an expired
 * pre-signed link or a refusal from storage arrives as a sentence saying why, shown here instead
 * of a broken image. An Aadhaar scan arrives as Atlas's masked copy, or not at all, until a role
 * allowed to reveal it asks for the full scan (audited by the route).
 */
export function DocumentPane({ documentId, label }: { documentId: string; label: string }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  const [zoom, setZoom] = useState(2); // index into ZOOMS: 100 %
  const [rotation, setRotation] = useState(0);
  // A reveal is for one document: moving on to the next one (same pane, new id) hides again.
  const [revealedFor, setRevealedFor] = useState<string | null>(null);
  const reveal = revealedFor === documentId;
  const fail = useCallback((message: string) => setLoaded({ state: "error", message }), []);
  // The page's HTML already shows the scan from the file route (an <img> the browser loads while
  // parsing), so the largest paint does not wait for this script; the fetch below then takes over.
  const start = useScanStart(documentId);
  const early = loaded.state === "loading" && !reveal ? start : null;

  useEffect(() => {
    let objectUrl: string | null = null;
    let cancelled = false;
    (async () => {
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
          if (body?.pii) {
            if (!cancelled)
              setLoaded({ state: "hidden", message: body.error ?? "", canReveal: !!body.canReveal });
            return;
          }
          throw new Error(body?.error ?? `The file could not be loaded (HTTP ${response.status}).`);
        }
        if (response.headers.get("x-file-kind") === "pdf") {
          const data = await response.arrayBuffer();
          if (!cancelled) setLoaded({ state: "pdf", data });
        } else {
          const blob = await response.blob();
          const masked = response.headers.get("x-file-variant") === "redacted";
          const canReveal = response.headers.get("x-scan-can-reveal") === "1";
          let url: string;
          if (blob.type === "image/svg+xml") url = await readAsDataUrl(blob);
          else url = objectUrl = URL.createObjectURL(blob);
          if (!cancelled) setLoaded({ state: "image", url, masked, canReveal });
        }
      } catch (error) {
        if (!cancelled) fail(error instanceof Error ? error.message : "The file could not be loaded.");
      }
    })();
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [documentId, fail, reveal]);

  const scale = ZOOMS[zoom]!;
  const showFullScan = () => {
    setLoaded({ state: "loading" });
    setRevealedFor(documentId);
  };
  return (
    <Card asChild padding="none" className="flex h-full flex-col">
      <section aria-label="Document">
        <div className="flex flex-wrap items-center gap-1 border-b border-slate-200 px-3 py-2 text-xs dark:border-slate-800">
          <ToolButton onClick={() => setZoom((z) => Math.max(0, z - 1))} disabled={zoom === 0}>
            Zoom out
          </ToolButton>
          <span className="w-12 text-center tabular-nums" data-testid="zoom-level">
            {Math.round(scale * 100)} %
          </span>
          <ToolButton
            onClick={() => setZoom((z) => Math.min(ZOOMS.length - 1, z + 1))}
            disabled={zoom === ZOOMS.length - 1}
          >
            Zoom in
          </ToolButton>
          <ToolButton onClick={() => setRotation((r) => (r + 270) % 360)}>Rotate left</ToolButton>
          <ToolButton onClick={() => setRotation((r) => (r + 90) % 360)}>Rotate right</ToolButton>
          {loaded.state === "image" || loaded.state === "pdf" ? (
            <a
              href={`/api/documents/${documentId}/file?download=1${reveal ? "&reveal=1" : ""}`}
              download
              rel="noreferrer"
              className="ml-auto underline"
            >
              Download file
            </a>
          ) : null}
        </div>
        <div className="min-h-[24rem] flex-1 overflow-auto bg-slate-100 p-3 dark:bg-slate-950">
          {loaded.state === "loading" && !early ? (
            <p className="text-sm text-slate-500">Loading the document…</p>
          ) : null}
          {early?.masked ? (
            <Card className="mb-2 rounded-md border-slate-300 p-2 text-xs dark:border-slate-700">
              Masked copy from Atlas: the Aadhaar number is hidden.
            </Card>
          ) : null}
          {early ? (
            // Unnamed until the viewer holds the file: the same scan, shown from the server's HTML.
            <div className="mx-auto" style={{ width: `${scale * 100}%` }} aria-busy="true">
              {/* eslint-disable-next-line @next/next/no-img-element -- the guarded file route, not an asset to optimise */}
              <img src={early.src} alt="" fetchPriority="high" className="block w-full shadow" />
            </div>
          ) : null}
          {loaded.state === "error" ? (
            <Alert tone="warning" role="status" data-testid="file-problem" className="p-3">
              <AlertTitle>The document cannot be shown.</AlertTitle>
              <p className="mt-1">{loaded.message}</p>
              <p className="mt-1 text-xs">The extracted fields can still be reviewed.</p>
            </Alert>
          ) : null}
          {loaded.state === "hidden" ? (
            <Card
              data-testid="scan-hidden"
              className="rounded-md border-slate-300 p-3 text-sm dark:border-slate-700"
            >
              <p>{loaded.message}</p>
              {loaded.canReveal ? (
                <Button variant="secondary" size="xs" className="mt-2" onClick={showFullScan}>
                  Show the scan
                </Button>
              ) : null}
            </Card>
          ) : null}
          {loaded.state === "image" && loaded.masked ? (
            <Card
              data-testid="scan-masked"
              className="mb-2 flex flex-wrap items-center gap-2 rounded-md border-slate-300 p-2 text-xs dark:border-slate-700"
            >
              <span>Masked copy from Atlas: the Aadhaar number is hidden.</span>
              {loaded.canReveal ? (
                <Button variant="secondary" size="xs" onClick={showFullScan}>
                  Show the full scan
                </Button>
              ) : null}
            </Card>
          ) : null}
          {loaded.state === "image" ? (
            // Wider than the pane when zoomed in: auto margins collapse to 0, so it scrolls both ways.
            <div className="mx-auto" style={{ width: `${scale * 100}%` }}>
              {/* eslint-disable-next-line @next/next/no-img-element -- a blob URL of the scan, not an asset to optimise */}
              <img
                src={loaded.url}
                alt={label}
                onError={() =>
                  fail(
                    "The file arrived but is not an image the browser can decode (corrupt or mislabelled).",
                  )
                }
                style={{ transform: `rotate(${rotation}deg)` }}
                className="block w-full shadow transition-transform"
              />
            </div>
          ) : null}
          {loaded.state === "pdf" ? (
            <PdfPages data={loaded.data} zoom={scale} rotation={rotation} label={label} onError={fail} />
          ) : null}
        </div>
      </section>
    </Card>
  );
}
