import type { SimContext } from "./context";
import { generateDocument, readUrlHints } from "./generate";
import { json } from "./responses";
import { renderDocumentRaster } from "./raster";
import { renderDocumentSvg } from "./svg";

interface SpecimenSpec {
  name: string;
  description: string;
  /** svg unless said: png/jpg are raster photos of the card (raster.ts). */
  extension?: "png" | "jpg";
}

/**
 * Specimen files (the documents this simulator offers for demos). Their names carry the hints the generator reads (see generate/hints.ts):
 * a type word, `badcheck` for a deliberately wrong value, `cdl-<n>` to share one applicant and
 * dealer across a case, `dealer-mismatch` to move the dealer's address elsewhere.
 */
const SPECIMENS: SpecimenSpec[] = [
  { name: "pan-01", description: "PAN card" },
  { name: "pan-02", description: "PAN card" },
  { name: "aadhaar-01", description: "Aadhaar card" },
  { name: "aadhaar-02", description: "Aadhaar card" },
  {
    name: "aadhaar-badcheck",
    description: "Aadhaar whose number fails the Verhoeff check (read at high confidence)",
  },
  { name: "pan-badcheck", description: "PAN with an invalid 4th character (read at high confidence)" },
  { name: "gst-01", description: "GST registration certificate" },
  { name: "gst-badcheck", description: "GST certificate whose GSTIN check character is wrong" },
  { name: "driving-license-01", description: "Driving licence" },
  { name: "voter-id-01", description: "Voter ID (EPIC)" },
  { name: "passport-01", description: "Passport" },
  { name: "udyam-01", description: "Udyam registration certificate" },
  { name: "shop-act-01", description: "Shop & Establishment licence" },
  { name: "fssai-01", description: "FSSAI registration" },
  { name: "invoice-01", description: "Consumer-durable invoice" },
  { name: "delivery-order-01", description: "Delivery order" },
  { name: "bank-statement-01", description: "Bank statement with a transactions table" },
  { name: "unrecognised-01", description: "A page Atlas cannot classify (error_code UNRECOGNISED)" },
  { name: "invalid-01", description: "An unusable document (error_code INVALID_DOC)" },
  { name: "cdl-1042-pan", description: "CDL case 1042 (mismatch): applicant's PAN" },
  { name: "cdl-1042-aadhaar", description: "CDL case 1042 (mismatch): applicant's Aadhaar" },
  { name: "cdl-1042-invoice", description: "CDL case 1042 (mismatch): dealer invoice" },
  {
    name: "cdl-1042-delivery-order-dealer-mismatch",
    description: "CDL case 1042: delivery order naming the dealer at another address",
  },
  { name: "cdl-2077-pan", description: "CDL case 2077 (consistent): applicant's PAN" },
  { name: "cdl-2077-aadhaar", description: "CDL case 2077 (consistent): applicant's Aadhaar" },
  { name: "cdl-2077-invoice", description: "CDL case 2077 (consistent): dealer invoice" },
  { name: "cdl-2077-delivery-order", description: "CDL case 2077 (consistent): delivery order" },
  {
    name: "pan-photo-misread",
    extension: "jpg",
    description:
      "Photo of a PAN card; Atlas misread one value at 0.97 confidence (the page prints the truth)",
  },
  {
    name: "gst-photo-misread",
    extension: "png",
    description: "Scan of a GST certificate; Atlas misread one value at 0.97 confidence",
  },
  { name: "invoice-photo-01", extension: "jpg", description: "Photo of a consumer-durable invoice" },
];

export function publicBaseUrl(ctx: SimContext, request: Request): string {
  const configured = ctx.options.publicBaseUrl;
  if (typeof configured === "function") return configured(request).replace(/\/+$/, "");
  if (configured) return configured.replace(/\/+$/, "");
  const url = new URL(request.url);
  const proto =
    request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? url.protocol.replace(":", "");
  const host =
    request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() ?? request.headers.get("host") ?? url.host;
  return `${proto}://${host}${ctx.options.basePath}`;
}

export function specimenList(baseUrl: string) {
  return SPECIMENS.map(({ name, description, extension = "svg" }) => {
    const fileUrl = `${baseUrl}/files/${name}.${extension}`;
    const doc = generateDocument(fileUrl);
    const planted = doc.deliberateErrors.map((e) => `${e.field}: ${e.reason}`).join("; ");
    return {
      name,
      documentType: doc.documentType,
      fileUrl,
      description:
        planted && !/badcheck/.test(name) ? `${description} (deliberately wrong ${planted})` : description,
      caseId: readUrlHints(fileUrl).caseId,
    };
  });
}

/** GET {base}/specimens */
export function handleSpecimens(ctx: SimContext, request: Request): Response {
  return json(200, { specimens: specimenList(publicBaseUrl(ctx, request)) });
}

const expiredXml = (key: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Request has expired</Message>` +
  `<Key>${key.replace(/[<>&]/g, "")}</Key><RequestId>SIM0000000000000</RequestId></Error>`;

/**
 * GET {base}/files/<name>.(svg|pdf|jpg|jpeg|png): the document image. `.png` and `.jpg`/`.jpeg`
 * are raster "photos" of the card (raster.ts) printing the true values; anything else is the SVG card.
 */
export async function handleFile(ctx: SimContext, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const hints = readUrlHints(url.toString());
  if (hints.expiresAtMs !== undefined && hints.expiresAtMs < ctx.now()) {
    return new Response(expiredXml(url.pathname), {
      status: 403,
      headers: { "content-type": "application/xml" },
    });
  }
  const doc = generateDocument(url.toString());
  const raster = /\.(png|jpe?g)$/i.exec(url.pathname)?.[1]?.toLowerCase();
  if (raster) {
    const format = raster === "png" ? "png" : "jpeg";
    return new Response(new Uint8Array(await renderDocumentRaster(doc, format)), {
      status: 200,
      headers: { "content-type": `image/${format}`, "cache-control": "public, max-age=3600" },
    });
  }
  return new Response(renderDocumentSvg(doc), {
    status: 200,
    headers: { "content-type": "image/svg+xml", "cache-control": "public, max-age=3600" },
  });
}
