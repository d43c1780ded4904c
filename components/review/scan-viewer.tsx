"use client";

import {
  createContext,
  useContext,
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
  type Ref,
} from "react";
import { TransformComponent, TransformWrapper, type ReactZoomPanPinchContentRef } from "react-zoom-pan-pinch";
import { ToolButton } from "./tool-button";

/** What the review keys (lib/review/keys.ts) ask of the viewer. */
export type ViewerControls = {
  zoomIn(): void;
  zoomOut(): void;
  fitWidth(): void;
  fitPage(): void;
  rotate(): void;
};

/**
 * What drawings over the scan (components/review/evidence-layer.tsx) may ask of the viewer:
 * bring elements on the page into view at a readable zoom.
 */
export type ViewerFocus = {
  /**
   * Pans (and zooms, when the elements' text is smaller than `textPx` on screen) so the elements
   * sit in the middle of the pane, never zooming out below "fit width" nor in beyond what fits.
   */
  bringIntoView(elements: HTMLElement[], textPx?: number): void;
};
const ViewerFocusContext = createContext<ViewerFocus | null>(null);
/** The viewer around this drawing, or null outside one. */
export const useViewerFocus = () => useContext(ViewerFocusContext);

/** Zoom steps of the buttons and keys, as a share of the pane's width (wheel and pinch go between). */
const STEPS = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4, 6, 8];
const MIN = STEPS[0]!;
const MAX = STEPS[STEPS.length - 1]!;
const ANIMATION_MS = 150;

const stepAbove = (scale: number) => STEPS.find((s) => s > scale * 1.01) ?? MAX;
const stepBelow = (scale: number) => [...STEPS].reverse().find((s) => s < scale * 0.99) ?? MIN;

function subscribeCoarse(onChange: () => void) {
  const query = window.matchMedia("(pointer: coarse)");
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}
/** A touch screen: one finger on an unzoomed scan scrolls the page instead of panning. */
const useCoarsePointer = () =>
  useSyncExternalStore(
    subscribeCoarse,
    () => window.matchMedia("(pointer: coarse)").matches,
    () => false,
  );

/**
 * The scan viewer (react-zoom-pan-pinch): mouse-wheel and pinch zoom, drag to pan, double-click
 * to zoom in, buttons for zoom, fit width, fit page and rotation, and the same through the review
 * keys (`controls`). At 100 % the scan is as wide as the pane. `children` draws the scan for the
 * current rotation and the settled zoom (a PDF page is redrawn sharper once zooming stops).
 */
export function ScanViewer({
  children,
  toolbar,
  controls,
  fill = false,
  notice,
  doubleClickZoom = true,
}: {
  children: (view: { rotation: number; scale: number }) => ReactNode;
  toolbar?: ReactNode;
  controls?: Ref<ViewerControls>;
  /** From xl up, fill the pane's height (a pane kept in view beside the fields) instead of the scan's. */
  fill?: boolean;
  /** A line under the toolbar (what the second reader says about the selected field). */
  notice?: ReactNode;
  /** Off while a double-click means something on the page (picking a line of text). */
  doubleClickZoom?: boolean;
}) {
  const zoom = useRef<ReactZoomPanPinchContentRef>(null);
  const [scale, setScale] = useState(1);
  const [settled, setSettled] = useState(1);
  const [rotation, setRotation] = useState(0);
  const coarse = useCoarsePointer();

  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(scale), 250);
    return () => window.clearTimeout(timer);
  }, [scale]);

  const zoomTo = (target: number) => {
    const z = zoom.current;
    const wrapper = z?.instance.wrapperComponent;
    if (!z || !wrapper) return;
    const box = wrapper.getBoundingClientRect();
    // The point at the middle of the pane stays where it is.
    void z.zoomToPoint(target, box.left + box.width / 2, box.top + box.height / 2, ANIMATION_MS);
  };
  const current = () => zoom.current?.state.scale ?? scale;
  const actions: ViewerControls = {
    zoomIn: () => zoomTo(stepAbove(current())),
    zoomOut: () => zoomTo(stepBelow(current())),
    fitWidth: () => void zoom.current?.setTransform(0, 0, 1, ANIMATION_MS),
    fitPage: () =>
      void zoom.current?.fitToView({ mode: "contain", minScale: MIN, animationTime: ANIMATION_MS }),
    rotate: () => setRotation((r) => (r + 90) % 360),
  };
  useImperativeHandle(controls, () => actions);
  const focus = useMemo<ViewerFocus>(
    () => ({
      bringIntoView(elements, textPx = 18) {
        const z = zoom.current;
        const wrapper = z?.instance.wrapperComponent;
        if (!z || !wrapper || elements.length === 0) return;
        const now = z.state.scale;
        const rects = elements.map((e) => e.getBoundingClientRect());
        const top = Math.min(...rects.map((r) => r.top));
        const bottom = Math.max(...rects.map((r) => r.bottom));
        const left = Math.min(...rects.map((r) => r.left));
        const right = Math.max(...rects.map((r) => r.right));
        const lineHeight = Math.min(...rects.map((r) => r.height)) || 1;
        const pane = wrapper.getBoundingClientRect();
        const visible = top >= pane.top && bottom <= pane.bottom && left >= pane.left && right <= pane.right;
        if (visible && lineHeight >= textPx * 0.7) return;
        // Readable: a line of the value about textPx tall; the whole value still inside the pane.
        const readable = (now * textPx) / lineHeight;
        const fits =
          now * Math.min((pane.width * 0.9) / (right - left || 1), (pane.height * 0.8) / (bottom - top || 1));
        const scale = Math.min(MAX, Math.max(1, Math.min(Math.max(now, readable), fits)));
        void z.zoomToElement(elements, { scale, animationTime: 200 });
      },
    }),
    [],
  );

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div
        role="toolbar"
        aria-label="Scan viewer"
        className="flex flex-wrap items-center gap-1 border-b border-slate-200 px-3 py-2 text-xs dark:border-slate-800"
      >
        <ToolButton onClick={actions.zoomOut} disabled={scale <= MIN * 1.01} title="Zoom out (-)">
          Zoom out
        </ToolButton>
        <span className="w-12 text-center tabular-nums" data-testid="zoom-level" aria-live="polite">
          {Math.round(scale * 100)} %
        </span>
        <ToolButton onClick={actions.zoomIn} disabled={scale >= MAX * 0.99} title="Zoom in (+)">
          Zoom in
        </ToolButton>
        <ToolButton onClick={actions.fitWidth} title="Fit width (0)">
          Fit width
        </ToolButton>
        <ToolButton onClick={actions.fitPage}>Fit page</ToolButton>
        <ToolButton onClick={() => setRotation((r) => (r + 270) % 360)}>Rotate left</ToolButton>
        <ToolButton onClick={actions.rotate} title="Rotate right (Shift+R)">
          Rotate right
        </ToolButton>
        {toolbar}
      </div>
      {notice}
      <div className="min-h-0 flex-1 bg-slate-100 p-2 dark:bg-slate-950" data-testid="scan-viewport">
        <TransformWrapper
          ref={zoom}
          initialScale={1}
          minScale={MIN}
          maxScale={MAX}
          // A page smaller than the pane sits at its top, where a reader starts, not in its middle.
          centerZoomedOut={false}
          wheel={{ step: 0.15 }}
          panning={{ disabled: coarse && scale <= 1.01, velocityDisabled: true }}
          doubleClick={{ step: 0.5, disabled: !doubleClickZoom }}
          onTransform={(_ref, state) => setScale(Math.round(state.scale * 1000) / 1000)}
        >
          <TransformComponent
            wrapperClass={fill ? "max-h-[60vh] xl:h-full! xl:max-h-none" : "max-h-[70vh]"}
            wrapperStyle={{ width: "100%" }}
            contentStyle={{ width: "100%" }}
          >
            <ViewerFocusContext.Provider value={focus}>
              {children({ rotation, scale: settled })}
            </ViewerFocusContext.Provider>
          </TransformComponent>
        </TransformWrapper>
      </div>
    </div>
  );
}
