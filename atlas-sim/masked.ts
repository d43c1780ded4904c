import { createHmac, timingSafeEqual } from "node:crypto";
import { generateDocument } from "./generate";
import { renderDocumentSvg } from "./svg";

/**
 * Atlas's masked copy of an Aadhaar scan (`redact_url` beside the number): a pre-signed link to
 * the same card with the number printed as "XXXX XXXX 1234". The simulator serves it itself, under
 * `{base}/masked/<path of the original file>`, signed like an S3 SigV4 link (X-Amz-Date +
 * X-Amz-Expires + X-Amz-Signature) so that a client checking the link's expiry sees a live link,
 * and a link whose signature or dates were altered is refused as S3 refuses it.
 *
 * Only the original's path (what the generator seeds the document from) and its `sim_fault` hint
 * go into the masked link: never the original's query, which may carry a storage credential.
 */

export const MASKED_PATH = "/masked";
/** S3's longest pre-signed lifetime (7 days): a masked copy stays loadable for a week after upload. */
export const MASKED_URL_TTL_SECONDS = 7 * 24 * 60 * 60;

const amzDate = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");

function sign(secret: string, path: string, date: string, expires: string, fault: string): string {
  return createHmac("sha256", secret).update(["GET", path, date, expires, fault].join("\n")).digest("hex");
}

/** The signed link to the masked copy of the file at `fileUrl`, valid from `nowMs` for a week. */
export function maskedCopyUrl(baseUrl: string, fileUrl: string, nowMs: number, secret: string): string {
  let source: URL;
  try {
    source = new URL(fileUrl);
  } catch {
    source = new URL(`http://file.invalid/${encodeURIComponent(fileUrl.split(/[?#]/)[0] ?? "")}`);
  }
  const base = new URL(baseUrl.replace(/\/+$/, ""));
  const path = `${base.pathname.replace(/\/+$/, "")}${MASKED_PATH}${source.pathname}`;
  const date = amzDate(nowMs);
  const expires = String(MASKED_URL_TTL_SECONDS);
  const fault = source.searchParams.get("sim_fault") ?? "";
  const query = new URLSearchParams({
    "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
    "X-Amz-Date": date,
    "X-Amz-Expires": expires,
  });
  if (fault) query.set("sim_fault", fault);
  query.set("X-Amz-Signature", sign(secret, path, date, expires, fault));
  return `${base.origin}${path}?${query}`;
}

/** Replaces every `redact_url` of a generated result with a live signed link to its masked copy. */
export function withMaskedCopies(
  fileData: Record<string, unknown>,
  link: () => string,
): Record<string, unknown> {
  let out = fileData;
  for (const [key, field] of Object.entries(fileData)) {
    if (typeof field !== "object" || field === null || !("redact_url" in field)) continue;
    if (out === fileData) out = { ...fileData };
    out[key] = { ...field, redact_url: link() };
  }
  return out;
}

const s3Error = (code: string, message: string, key: string) =>
  new Response(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>` +
      `<Key>${key.replace(/[<>&]/g, "")}</Key><RequestId>SIM0000000000000</RequestId></Error>`,
    { status: 403, headers: { "content-type": "application/xml" } },
  );

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

/** "1234 5678 9012" → "XXXX XXXX 9012", as UIDAI's masked Aadhaar prints it. */
export function maskAadhaarValue(value: unknown): string {
  const digits = String(value ?? "").replace(/\D/g, "");
  return `XXXX XXXX ${digits.slice(-4).padStart(4, "X")}`;
}

/** GET {base}/masked/<original path>?X-Amz-…: the masked card, when the link is signed and live. */
export function handleMaskedFile(
  request: Request,
  basePath: string,
  nowMs: number,
  secret: string,
): Response {
  const url = new URL(request.url);
  const prefix = `${basePath}${MASKED_PATH}`;
  const sourcePath = url.pathname.slice(prefix.length);
  const date = url.searchParams.get("X-Amz-Date") ?? "";
  const expires = url.searchParams.get("X-Amz-Expires") ?? "";
  const fault = url.searchParams.get("sim_fault") ?? "";
  const signature = url.searchParams.get("X-Amz-Signature") ?? "";
  if (!url.pathname.startsWith(`${prefix}/`) || !date || !expires || !signature)
    return s3Error(
      "AccessDenied",
      "Query-string authentication requires the Signature, Date and Expires parameters",
      url.pathname,
    );
  if (!sameHex(signature, sign(secret, url.pathname, date, expires, fault)))
    return s3Error(
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided",
      url.pathname,
    );
  const m = date.match(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/);
  const signedAt = m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : NaN;
  if (!Number.isFinite(signedAt) || !(Number(expires) > 0) || signedAt + Number(expires) * 1000 < nowMs)
    return s3Error("AccessDenied", "Request has expired", url.pathname);

  const original = `http://file.invalid${sourcePath}${fault ? `?sim_fault=${encodeURIComponent(fault)}` : ""}`;
  const doc = generateDocument(original);
  const masked: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(doc.fileData)) {
    masked[key] =
      typeof field === "object" && field !== null && "redact_url" in field
        ? { ...field, value: maskAadhaarValue((field as { value?: unknown }).value) }
        : field;
  }
  return new Response(renderDocumentSvg({ ...doc, fileData: masked }, { masked: true }), {
    status: 200,
    headers: { "content-type": "image/svg+xml", "cache-control": "private, max-age=3600" },
  });
}
