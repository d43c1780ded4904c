import {
  buildBankStatement,
  buildDeliveryOrder,
  buildFssai,
  buildGstCert,
  buildInvoice,
  buildShopActLicense,
  buildUdyamCert,
} from "./business-documents";
import { FieldSet } from "./fields";
import { readUrlHints } from "./hints";
import {
  buildAadhaar,
  buildDrivingLicense,
  buildPan,
  buildPassport,
  buildVoterId,
  type DocumentBuilder,
} from "./identity-documents";
import { plantMisread } from "./misread";
import { makeCast } from "./people";
import { createRng, hashSeed } from "./random";
import type { DocumentType, GeneratedDocument } from "./types";

export type { GeneratedDocument } from "./types";
export { readUrlHints } from "./hints";

const BUILDERS: Record<Exclude<DocumentType, "UNRECOGNISED" | "INVALID_DOC">, DocumentBuilder> = {
  AADHAAR: buildAadhaar,
  PAN: buildPan,
  DRIVING_LICENSE: buildDrivingLicense,
  VOTER_ID: buildVoterId,
  PASSPORT: buildPassport,
  GST_CERT: buildGstCert,
  UDYAM_CERT: buildUdyamCert,
  SHOP_ACT_LICENSE: buildShopActLicense,
  FSSAI: buildFssai,
  INVOICE: buildInvoice,
  DELIVERY_ORDER: buildDeliveryOrder,
  BANK_STATEMENT: buildBankStatement,
};

// Used when the URL carries no hint. A few percent come back unusable, as in real traffic.
const TYPE_WEIGHTS: ReadonlyArray<[DocumentType, number]> = [
  ["PAN", 15],
  ["AADHAAR", 15],
  ["INVOICE", 10],
  ["DELIVERY_ORDER", 8],
  ["BANK_STATEMENT", 8],
  ["GST_CERT", 8],
  ["DRIVING_LICENSE", 7],
  ["VOTER_ID", 6],
  ["PASSPORT", 5],
  ["UDYAM_CERT", 4],
  ["SHOP_ACT_LICENSE", 4],
  ["FSSAI", 3],
  ["UNRECOGNISED", 4],
  ["INVALID_DOC", 3],
];

/** Share of documents (without a hint) that carry one wrong-but-confident value. */
export const BAD_VALUE_SHARE = 0.04;

function typeFromHash(roll: number): DocumentType {
  const total = TYPE_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
  let remaining = roll * total;
  for (const [type, weight] of TYPE_WEIGHTS) {
    remaining -= weight;
    if (remaining < 0) return type;
  }
  return "PAN";
}

/**
 * The extraction Atlas would return for this file URL. Pure and deterministic: the same URL
 * (ignoring host, query string and file extension) always gives the same document.
 */
export function generateDocument(fileUrl: string): GeneratedDocument {
  const hints = readUrlHints(fileUrl);
  const rng = createRng(hashSeed(hints.seedKey));
  const documentType = hints.documentType ?? typeFromHash(rng.fork("type").next());

  if (documentType === "UNRECOGNISED" || documentType === "INVALID_DOC") {
    const unrecognised = documentType === "UNRECOGNISED";
    return {
      fileUrl,
      documentType,
      fileData: {
        document_type: documentType,
        error_code: documentType,
        error_message: unrecognised
          ? "Document type could not be identified"
          : "Document is not usable: the page is unreadable, cropped or not a supported document",
      },
      deliberateErrors: [],
    };
  }

  const castRng = hints.caseId ? createRng(hashSeed(`case:${hints.caseId}`)) : rng.fork("cast");
  const fields = new FieldSet(rng.fork("confidence"), documentType);
  const plantBadValue = BUILDERS[documentType]({
    fields,
    rng: rng.fork("values"),
    cast: makeCast(castRng),
    dealerMismatch: hints.dealerMismatch,
  });
  const unlucky = !hints.caseId && rng.fork("bad").chance(BAD_VALUE_SHARE);
  if (plantBadValue && (hints.forceBadValue || unlucky)) plantBadValue();

  const base = {
    fileUrl,
    documentType,
    fileData: fields.fileData,
    deliberateErrors: fields.deliberateErrors,
  };
  const misreadRng = rng.fork("misread");
  if (hints.misreadShare > 0 && misreadRng.chance(hints.misreadShare)) {
    const printedData = structuredClone(fields.fileData);
    const misread = plantMisread(fields.fileData, misreadRng);
    if (misread) return { ...base, printedData, misreads: [misread] };
  }
  return base;
}
