import "server-only";
import { isAadhaarDocumentType, isAadhaarField } from "@/lib/masking";
import { can, type Role } from "@/lib/roles";
import { redactedCopyUrl } from "./file-response";

/**
 * What the document page's HTML can show of the scan before any script runs: the file route's
 * URL for an <img> (and a preload), with the masked-copy notice, decided the way the route
 * decides it (app/api/documents/[documentId]/file/route.ts). Null when the pane must ask the
 * route first: a hidden Aadhaar scan, or a PDF (drawn by pdf.js). The route still guards the
 * file: this only starts the request earlier.
 */
type ScanStart = { documentId: string; src: string; masked: boolean; canReveal: boolean };

export function scanStart(
  doc: { id: string; documentType: string | null; fileUrl: string; fileData: unknown },
  fieldPaths: string[],
  role: Role,
): ScanStart | null {
  const type = doc.documentType ?? "UNKNOWN";
  const pii = isAadhaarDocumentType(type) || fieldPaths.some((path) => isAadhaarField(type, path));
  const redacted = pii ? redactedCopyUrl(type, doc.fileData) : null;
  if (pii && !redacted) return null;
  if (looksLikePdf(redacted ?? doc.fileUrl)) return null;
  return {
    documentId: doc.id,
    src: `/api/documents/${doc.id}/file`,
    masked: pii,
    canReveal: pii && can(role, "documents:reveal-scan"),
  };
}

function looksLikePdf(link: string): boolean {
  try {
    return new URL(link).pathname.toLowerCase().endsWith(".pdf");
  } catch {
    return false;
  }
}
