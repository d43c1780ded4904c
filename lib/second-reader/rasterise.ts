import "server-only";
import { renderAsync } from "@resvg/resvg-js";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import sharp from "sharp";

// From the app's folder (inside Next's server bundle, this module's own URL is a chunk's).
const require = createRequire(path.join(process.cwd(), "package.json"));

/** One page as an image OCR can read, with its size in pixels. */
export type PageImage = { page: number; png: Buffer; width: number; height: number };

/** SVG cards are drawn small (800 px wide): rendered at this width OCR reads 12–16 px text well. */
const SVG_WIDTH = 1600;
/** PDF pages render at this scale of their 72-dpi size (144 dpi). */
const PDF_SCALE = 2;

export class UnreadableFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnreadableFileError";
  }
}

/**
 * The pages of a scan as PNGs: SVG rasterised (resvg, system fonts), PDF rendered page by page
 * (pdfjs-dist with @napi-rs/canvas), raster images normalised by sharp (orientation applied).
 */
export async function rasterise(bytes: Buffer, mediaType: string, maxPages: number): Promise<PageImage[]> {
  if (mediaType === "image/svg+xml") return [await svgPage(bytes)];
  if (mediaType === "application/pdf") return pdfPages(bytes, maxPages);
  if (mediaType.startsWith("image/")) {
    const { data, info } = await sharp(bytes, { pages: 1 })
      .rotate()
      .png()
      .toBuffer({ resolveWithObject: true });
    return [{ page: 1, png: data, width: info.width, height: info.height }];
  }
  throw new UnreadableFileError(`the file is ${mediaType}, not an image or a PDF`);
}

/** Rendered off the main thread (libuv's pool), so a sync running beside it is not held up. */
async function svgPage(bytes: Buffer): Promise<PageImage> {
  const rendered = await renderAsync(bytes, {
    fitTo: { mode: "width", value: SVG_WIDTH },
    background: "white",
    font: { loadSystemFonts: true },
  });
  return { page: 1, png: rendered.asPng(), width: rendered.width, height: rendered.height };
}

async function pdfPages(bytes: Buffer, maxPages: number): Promise<PageImage[]> {
  // Loaded from node_modules at run time, not bundled (pdfjs-dist is ESM-only, so Next cannot
  // keep it external; bundled, its fake worker would not find its own files).
  const pdfjs = (await import(
    /* webpackIgnore: true */ /* turbopackIgnore: true */ pathToFileURL(
      require.resolve("pdfjs-dist/legacy/build/pdf.mjs"),
    ).href
  )) as typeof import("pdfjs-dist/legacy/build/pdf.mjs");
  // The 14 standard PDF fonts (Helvetica …) from the package, for PDFs that do not embed them.
  const standardFontDataUrl = `${path.join(path.dirname(require.resolve("pdfjs-dist/package.json")), "standard_fonts")}/`;
  const document = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    standardFontDataUrl,
  }).promise;
  try {
    const pages: PageImage[] = [];
    for (let n = 1; n <= Math.min(document.numPages, maxPages); n++) {
      const page = await document.getPage(n);
      const viewport = page.getViewport({ scale: PDF_SCALE });
      const factory = document.canvasFactory as {
        create(w: number, h: number): { canvas: { toBuffer(type: "image/png"): Buffer } };
      };
      const target = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
      await page.render({ canvas: target.canvas as unknown as HTMLCanvasElement, viewport }).promise;
      pages.push({
        page: n,
        png: target.canvas.toBuffer("image/png"),
        width: Math.ceil(viewport.width),
        height: Math.ceil(viewport.height),
      });
      page.cleanup();
    }
    return pages;
  } finally {
    await document.destroy();
  }
}
