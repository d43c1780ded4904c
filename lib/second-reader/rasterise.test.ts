import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { rasterise, UnreadableFileError } from "./rasterise";

/** A one-page PDF (Helvetica, "PAN ABCPK1234F"), written by hand with a correct xref table. */
function tinyPdf(text: string): Buffer {
  const stream = `BT /F1 24 Tf 72 700 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

const isPng = (b: Buffer) => b.subarray(1, 4).toString("latin1") === "PNG";

describe("rasterise", () => {
  it("renders a PDF page at 144 dpi and an SVG card at 1600 px wide", async () => {
    const [page] = await rasterise(tinyPdf("PAN ABCPK1234F"), "application/pdf", 5);
    expect(page).toMatchObject({ page: 1, width: 1224, height: 1584 });
    expect(isPng(page!.png)).toBe(true);
    // The text is drawn (Helvetica from pdfjs-dist's standard fonts): some pixels are dark.
    const stats = await sharp(page!.png).stats();
    expect(stats.channels[0]!.min).toBeLessThan(100);
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="400"><text x="10" y="50">Hi</text></svg>',
    );
    const [card] = await rasterise(svg, "image/svg+xml", 5);
    expect(card).toMatchObject({ width: 1600, height: 800 });
  });

  it("refuses what is not an image or a PDF", async () => {
    await expect(rasterise(Buffer.from("x"), "text/html", 5)).rejects.toBeInstanceOf(UnreadableFileError);
  });
});
