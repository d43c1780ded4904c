import "server-only";
import { Resvg } from "@resvg/resvg-js";
import sharp from "sharp";

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
  if (mediaType === "image/svg+xml") return [svgPage(bytes)];
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

function svgPage(bytes: Buffer): PageImage {
  const rendered = new Resvg(bytes, {
    fitTo: { mode: "width", value: SVG_WIDTH },
    background: "white",
    font: { loadSystemFonts: true },
  }).render();
  return { page: 1, png: rendered.asPng(), width: rendered.width, height: rendered.height };
}

async function pdfPages(bytes: Buffer, maxPages: number): Promise<PageImage[]> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const document = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
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
