import type { DocumentType } from "./types";

export interface UrlHints {
  /** What the document content is seeded from: the URL path without query string or extension. */
  seedKey: string;
  documentType?: DocumentType;
  /** Force one deliberately wrong-but-confident value. */
  forceBadValue: boolean;
  /** Documents sharing a case id describe the same applicant and dealer (e.g. `cdl-1042-pan.svg`). */
  caseId?: string;
  /** On INVOICE / DELIVERY_ORDER: print a different dealer address than the rest of the case. */
  dealerMismatch: boolean;
  /** Pre-signed URL expiry (epoch ms) from X-Amz-Date + X-Amz-Expires, when present. */
  expiresAtMs?: number;
  /**
   * Share (0–1) of documents whose extraction carries one misread the scan contradicts: 1 with a
   * `misread` word in the path, else `?sim_misread=<share>`, else 0.
   */
  misreadShare: number;
}

// Order matters: multi-word hints before the single words they contain.
const TYPE_HINTS: ReadonlyArray<[string, DocumentType]> = [
  ["unrecognised", "UNRECOGNISED"],
  ["unrecognized", "UNRECOGNISED"],
  ["blank", "UNRECOGNISED"],
  ["imei", "UNRECOGNISED"],
  ["invalid", "INVALID_DOC"],
  ["delivery-order", "DELIVERY_ORDER"],
  ["deliveryorder", "DELIVERY_ORDER"],
  ["bank-statement", "BANK_STATEMENT"],
  ["statement", "BANK_STATEMENT"],
  ["driving-license", "DRIVING_LICENSE"],
  ["driving-licence", "DRIVING_LICENSE"],
  ["shop-act", "SHOP_ACT_LICENSE"],
  ["shopact", "SHOP_ACT_LICENSE"],
  ["voter", "VOTER_ID"],
  ["epic", "VOTER_ID"],
  ["passport", "PASSPORT"],
  ["udyam", "UDYAM_CERT"],
  ["fssai", "FSSAI"],
  ["gst", "GST_CERT"],
  ["gstin", "GST_CERT"],
  ["invoice", "INVOICE"],
  ["do", "DELIVERY_ORDER"],
  ["dl", "DRIVING_LICENSE"],
  ["aadhaar", "AADHAAR"],
  ["aadhar", "AADHAAR"],
  ["pan", "PAN"],
];

const BAD_VALUE_HINTS = ["badcheck", "bad-check", "bad-value", "badvalue"];

function parseUrl(fileUrl: string): URL | undefined {
  try {
    return new URL(fileUrl);
  } catch {
    return undefined;
  }
}

/** Reads the hints a file URL carries. Pure: the same URL always gives the same hints. */
export function readUrlHints(fileUrl: string): UrlHints {
  const url = parseUrl(fileUrl);
  const rawPath = url ? safeDecode(url.pathname) : fileUrl.split(/[?#]/)[0]!;
  // Host and query are ignored so that re-signed URLs and other hosts give the same document.
  const seedKey = rawPath.toLowerCase().replace(/\.(svg|pdf|jpe?g|png|webp|tiff?)$/, "");
  const tokens = seedKey.split(/[^a-z0-9]+/).filter(Boolean);
  const joined = `-${tokens.join("-")}-`;
  const has = (hint: string) => joined.includes(`-${hint}-`);

  const documentType = TYPE_HINTS.find(([hint]) => has(hint))?.[1];
  const simFault = url?.searchParams.get("sim_fault")?.toLowerCase();
  const caseIndex = tokens.findIndex((t) => t === "case" || t === "cdl");
  const caseId = caseIndex >= 0 ? tokens[caseIndex + 1] : undefined;

  return {
    seedKey,
    documentType,
    forceBadValue: BAD_VALUE_HINTS.some(has) || simFault === "bad_value",
    caseId: caseId && /\d/.test(caseId) ? caseId : undefined,
    dealerMismatch: has("dealer-mismatch") || has("mismatch"),
    expiresAtMs: url ? presignedExpiry(url.searchParams) : undefined,
    misreadShare: has("misread") ? 1 : share(url?.searchParams.get("sim_misread")),
  };
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function presignedExpiry(params: URLSearchParams): number | undefined {
  const date = params.get("X-Amz-Date");
  const expires = Number(params.get("X-Amz-Expires"));
  const m = date?.match(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/);
  if (!m || !Number.isFinite(expires)) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s) + expires * 1000;
}

function share(raw: string | null | undefined): number {
  const n = Number(raw);
  return raw && Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0;
}
