import { Resvg } from "@resvg/resvg-js";
import sharp from "sharp";
import type { GeneratedDocument } from "./generate";
import { createRng, hashSeed } from "./generate/random";
import { renderDocumentSvg } from "./svg";

/**
 * A "photo" of the document's card, as a PNG or JPEG: the card printing the TRUE values (the
 * ones before any planted misread), rendered at phone-photo size, slightly rotated, slightly
 * blurred, laid on a noisy desk-coloured background, and (JPEG) compressed lossily. Every
 * imperfection is seeded by the file's path, so the same URL always gives the same bytes.
 */
const CARD_WIDTH = 1200;
const MARGIN = 0.08;

export async function renderDocumentRaster(doc: GeneratedDocument, format: "png" | "jpeg"): Promise<Buffer> {
  const rng = createRng(
    hashSeed(`raster:${new URL(doc.fileUrl, "http://x").pathname.replace(/\.\w+$/, "")}`),
  );
  const svg = renderDocumentSvg({ ...doc, fileData: doc.printedData ?? doc.fileData });
  const card = new Resvg(svg, {
    fitTo: { mode: "width", value: CARD_WIDTH },
    font: { loadSystemFonts: true },
  }).render();
  const angle = rng.float(-1.5, 1.5);
  const desk = { r: rng.int(90, 160), g: rng.int(70, 130), b: rng.int(50, 100) };
  const rotated = await sharp(card.asPng())
    .rotate(angle, { background: { ...desk, alpha: 1 } })
    .blur(rng.float(0.5, 0.9))
    .toBuffer({ resolveWithObject: true });
  const width = Math.round(rotated.info.width * (1 + 2 * MARGIN));
  const height = Math.round(rotated.info.height * (1 + 2 * MARGIN));
  const noise = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noise.length; i += 3) {
    const grain = rng.int(-18, 18);
    noise[i] = clamp(desk.r + grain);
    noise[i + 1] = clamp(desk.g + grain);
    noise[i + 2] = clamp(desk.b + grain);
  }
  const photo = sharp(noise, { raw: { width, height, channels: 3 } }).composite([
    {
      input: rotated.data,
      left: Math.round((width - rotated.info.width) / 2 + rng.int(-10, 10)),
      top: Math.round((height - rotated.info.height) / 2 + rng.int(-10, 10)),
    },
  ]);
  return format === "png"
    ? photo.png({ compressionLevel: 6 }).toBuffer()
    : photo.jpeg({ quality: rng.int(55, 75) }).toBuffer();
}

const clamp = (n: number) => Math.max(0, Math.min(255, n));
