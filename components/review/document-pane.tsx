"use client";

import { useCallback, useEffect, useImperativeHandle, useRef, useState, type Ref } from "react";
import { Alert, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PdfPages } from "./pdf-pages";
import {
  fetchScanFile,
  peekPrefetchedScanFile,
  releaseScanFile,
  takePrefetchedScanFile,
  type ScanFile,
} from "./scan-file";
import { ScanImage } from "./scan-image";
import { EvidenceLayer, type ScanEvidence } from "./evidence-layer";
import { useScanStart } from "./scan-start";
import { ScanViewer, type ViewerControls } from "./scan-viewer";

/** What the review keys ask of the pane: the viewer's zoom and rotation, and the scan reveal. */
export type PaneControls = ViewerControls & {
  /** Shows the full scan of an Aadhaar card where it is hidden or masked and the role may see it. */
  revealScan(): "revealed" | "nothing" | "not-allowed";
};

type Shown = { documentId: string; reveal: boolean; file: ScanFile | null };

const notice = "rounded-md border-slate-300 text-xs dark:border-slate-700";

/**
 * The document beside its fields, on every screen that shows one (review, QA). The file comes
 * through our own guarded route (which fetches the stored link server-side), so an expired
 * pre-signed link or a refusal from storage arrives as a sentence saying why, shown here instead
 * of a broken image. An Aadhaar scan arrives as Atlas's masked copy, or not at all, until a role
 * allowed to reveal it asks for the full scan (audited by the route). A file fetched ahead
 * (scan-file.ts) is shown at once.
 */
export function DocumentPane({
  documentId,
  label,
  controls,
  revealKey,
  fill,
  evidence,
}: {
  documentId: string;
  label: string;
  controls?: Ref<PaneControls>;
  /** The key that shows the full scan on this screen, named on its button. */
  revealKey?: string;
  /** The viewer fills the pane's height from xl up (the review workspace keeps the pane in view). */
  fill?: boolean;
  /** The second reader's boxes over the scan (the review workspace). */
  evidence?: ScanEvidence;
}) {
  // A reveal is for one document: moving on to the next one (same pane, new id) hides again.
  const [revealedFor, setRevealedFor] = useState<string | null>(null);
  const reveal = revealedFor === documentId;
  const [shown, setShown] = useState<Shown>(() => ({
    documentId,
    reveal,
    file: peekPrefetchedScanFile(documentId),
  }));
  if (shown.documentId !== documentId || shown.reveal !== reveal)
    setShown({ documentId, reveal, file: reveal ? null : peekPrefetchedScanFile(documentId) });
  const file = shown.documentId === documentId && shown.reveal === reveal ? shown.file : null;
  const fail = useCallback(
    (message: string) => setShown({ documentId, reveal, file: { state: "error", message } }),
    [documentId, reveal],
  );
  // The page's HTML already shows the scan from the file route (an <img> the browser loads while
  // parsing), so the largest paint does not wait for this script; the fetch below then takes over.
  const start = useScanStart(documentId);
  const early = file === null && !reveal ? start : null;

  useEffect(() => {
    let cancelled = false;
    let owned: ScanFile | null = null;
    const ahead = reveal ? null : takePrefetchedScanFile(documentId);
    void (async () => {
      let loaded = ahead ? await ahead : null;
      if (!loaded || loaded.state === "error") loaded = await fetchScanFile(documentId, reveal);
      if (cancelled) return releaseScanFile(loaded);
      owned = loaded;
      setShown({ documentId, reveal, file: loaded });
    })();
    return () => {
      cancelled = true;
      releaseScanFile(owned);
    };
  }, [documentId, reveal]);

  const viewer = useRef<ViewerControls>(null);
  const canReveal =
    (file?.state === "hidden" || (file?.state === "image" && file.masked) ? file.canReveal : false) ||
    !!early?.canReveal;
  const hasHidden = file?.state === "hidden" || (file?.state === "image" && file.masked) || !!early?.masked;
  const showFullScan = () => setRevealedFor(documentId);
  useImperativeHandle(controls, () => ({
    zoomIn: () => viewer.current?.zoomIn(),
    zoomOut: () => viewer.current?.zoomOut(),
    fitWidth: () => viewer.current?.fitWidth(),
    fitPage: () => viewer.current?.fitPage(),
    rotate: () => viewer.current?.rotate(),
    revealScan: () => {
      if (reveal || !hasHidden) return "nothing";
      if (!canReveal) return "not-allowed";
      showFullScan();
      return "revealed";
    },
  }));

  // The second reader read the document's own file: its boxes and words are in that image's
  // pixels. Atlas's masked copy is another image (its own layout and size), so nothing is drawn
  // over it; the sentence says where the boxes are.
  const boxesElsewhere = file?.state === "image" && file.masked;
  const evidenceLine = evidence?.sentence ? (
    <p
      role="status"
      data-testid="evidence-sentence"
      className="border-b border-slate-200 px-3 py-1.5 text-xs text-slate-700 dark:border-slate-800 dark:text-slate-300"
    >
      {evidence.sentence}
      {boxesElsewhere && evidence.read.status === "done" ? (
        <span className="block text-slate-500" data-testid="evidence-on-full-scan">
          The boxes and the words to click are on the full scan, which the second reader read, not on this
          masked copy{canReveal ? ": Show the full scan to see them." : "."}
        </span>
      ) : evidence.onPick && evidence.read.status === "done" ? (
        <span className="block text-slate-500">
          Click a word on the scan to put it in the box · Shift+click adds it · double-click takes the whole
          line.
        </span>
      ) : null}
    </p>
  ) : null;
  const selectedBoxes = evidence?.fields.find((f) => f.id === evidence.selectedId)?.evidence?.boxes ?? [];
  const focusPage = selectedBoxes[0]?.page ?? null;
  const keyHint = revealKey ? <kbd className="ml-1 text-slate-500">{revealKey}</kbd> : null;
  const download =
    file?.state === "image" || file?.state === "pdf" ? (
      <a
        href={`/api/documents/${documentId}/file?download=1${reveal ? "&reveal=1" : ""}`}
        download
        rel="noreferrer"
        className="ml-auto underline"
      >
        Download file
      </a>
    ) : null;
  return (
    <Card asChild padding="none" className="flex h-full min-h-0 flex-col">
      <section aria-label="Document">
        {file === null && !early ? (
          <p className="px-3 pt-3 text-sm text-slate-500">Loading the document…</p>
        ) : null}
        {early?.masked || (file?.state === "image" && file.masked) ? (
          <Card
            data-testid={file ? "scan-masked" : undefined}
            className={`m-2 mb-0 flex flex-wrap items-center gap-2 p-2 ${notice}`}
          >
            <span>Masked copy from Atlas: the Aadhaar number is hidden.</span>
            {file && canReveal ? (
              <Button variant="secondary" size="xs" onClick={showFullScan} aria-keyshortcuts={revealKey}>
                Show the full scan{keyHint}
              </Button>
            ) : null}
          </Card>
        ) : null}
        {early ? (
          // Unnamed until the viewer holds the file: the same scan, shown from the server's HTML.
          <div className="min-h-0 flex-1 overflow-hidden bg-slate-100 p-2 dark:bg-slate-950" aria-busy="true">
            {/* eslint-disable-next-line @next/next/no-img-element -- the guarded file route, not an asset to optimise */}
            <img src={early.src} alt="" fetchPriority="high" className="block w-full shadow" />
          </div>
        ) : null}
        {file?.state === "error" ? (
          <Alert tone="warning" role="status" data-testid="file-problem" className="m-3 p-3">
            <AlertTitle>The document cannot be shown.</AlertTitle>
            <p className="mt-1">{file.message}</p>
            <p className="mt-1 text-xs">The extracted fields can still be reviewed.</p>
          </Alert>
        ) : null}
        {file?.state === "hidden" ? (
          <Card data-testid="scan-hidden" className={`m-3 p-3 text-sm ${notice}`}>
            <p>{file.message}</p>
            {file.canReveal ? (
              <Button
                variant="secondary"
                size="xs"
                className="mt-2"
                onClick={showFullScan}
                aria-keyshortcuts={revealKey}
              >
                Show the scan{keyHint}
              </Button>
            ) : null}
          </Card>
        ) : null}
        {file?.state === "image" ? (
          <ScanViewer
            controls={viewer}
            toolbar={download}
            fill={fill}
            notice={evidenceLine}
            doubleClickZoom={!evidence?.onPick}
          >
            {({ rotation }) => (
              <ScanImage
                src={file.url}
                alt={label}
                rotation={rotation}
                overlay={
                  evidence && !file.masked ? (
                    <EvidenceLayer evidence={evidence} page={1} rotation={rotation} />
                  ) : null
                }
                onError={() =>
                  fail(
                    "The file arrived but is not an image the browser can decode (corrupt or mislabelled).",
                  )
                }
              />
            )}
          </ScanViewer>
        ) : null}
        {file?.state === "pdf" ? (
          <PdfPages
            data={file.data}
            label={label}
            onError={fail}
            toolbar={download}
            controls={viewer}
            fill={fill}
            notice={evidenceLine}
            doubleClickZoom={!evidence?.onPick}
            focusPage={focusPage}
            overlay={
              evidence
                ? ({ page, rotation }) => (
                    <EvidenceLayer evidence={evidence} page={page} rotation={rotation} />
                  )
                : undefined
            }
          />
        ) : null}
      </section>
    </Card>
  );
}
