import { randomInt, randomUUID } from "node:crypto";
import { generateDocument, readUrlHints, type GeneratedDocument } from "./generate";
import { maskedCopyUrl, withMaskedCopies } from "./masked";
import type { SimFamily } from "./tokens";

export interface SimDocument {
  /** Global upload order; breaks ties when ordering by completion time. */
  serial: number;
  fileUuid: string;
  documentId: string;
  fileUrl: string;
  batchId: string;
  flowUuid?: string;
  family: SimFamily;
  uploadedAt: number;
  /** When the file has been "downloaded" (flows report upload_status IN_PROGRESS until then). */
  downloadedAt: number;
  readyAt: number;
  /** Held back by the hold_documents fault: invisible until the next extracts call of its batch. */
  held: boolean;
  releasedAt?: number;
  /** The pre-signed URL had expired when Atlas tried to download it (or the download failed). */
  downloadFailed: boolean;
  /** Downloads on: the file is being fetched; no result until it has been (downloads.ts). */
  awaitingDownload: boolean;
  generated: GeneratedDocument;
}

export interface SimBatch {
  batchId: string;
  family: SimFamily;
  productType: string;
  documents: SimDocument[];
}

export interface SimFlow {
  flowUuid: string;
  productType: string;
  applicationId: string;
  authUrl: string;
  callbackUrl: string;
  flowParams: Record<string, unknown>;
  documents: SimDocument[];
  /** Bumped on every upload; a callback is delivered once per version that finishes. */
  version: number;
  callbackDeliveredVersion: number;
  /** How long cross-checks run after the last document is processed. */
  crossCheckMs: number;
}

export interface UploadedFile {
  file_url: string;
  document_id: string;
}

/** When a document's result becomes visible; results are ordered by this, then by upload order. */
export const completedAt = (doc: SimDocument) => doc.releasedAt ?? doc.readyAt;

export function isVisible(doc: SimDocument, now: number): boolean {
  return !doc.held && !doc.awaitingDownload && now >= doc.readyAt;
}

export function newBatchId(nowMs: number): string {
  const letters = Array.from({ length: 5 }, () => String.fromCharCode(65 + randomInt(26))).join("");
  const stamp = new Date(nowMs).toISOString().replace(/\D/g, "").slice(0, 14);
  return `BATCH-${String(randomInt(100_000)).padStart(5, "0")}-${letters}-${stamp}`;
}

export class SimStore {
  readonly batches = new Map<string, SimBatch>();
  readonly flows = new Map<string, SimFlow>();
  private serial = 0;

  constructor(
    private readonly now: () => number,
    private readonly latency: { minMs: number; maxMs: number },
    /** Signs the links to masked copies (redact_url) the simulator serves. */
    private readonly fileSigningSecret: string,
  ) {}

  allDocuments(): SimDocument[] {
    return [...this.batches.values()].flatMap((b) => b.documents);
  }

  createBatch(args: {
    family: SimFamily;
    productType: string;
    files: UploadedFile[];
    flowUuid?: string;
    holdCount: number;
    /** The simulator's own base URL as the uploader reached it: where masked copies are served. */
    baseUrl: string;
  }): SimBatch {
    const now = this.now();
    const batchId = newBatchId(now);
    const { minMs, maxMs } = this.latency;
    // Downloading takes a slice of the latency, so flows visibly pass through upload IN_PROGRESS.
    const downloadMs = Math.min(500, Math.floor(minMs * 0.2));
    const documents = args.files.map((file, index): SimDocument => {
      const hints = readUrlHints(file.file_url);
      const downloadFailed = hints.expiresAtMs !== undefined && hints.expiresAtMs < now;
      const processingMs = minMs === maxMs ? minMs : minMs + randomInt(maxMs - minMs + 1);
      const generated = downloadFailed
        ? undownloadable(file.file_url)
        : this.generate(file.file_url, args.baseUrl, now);
      return {
        serial: ++this.serial,
        fileUuid: randomUUID(),
        documentId: file.document_id,
        fileUrl: file.file_url,
        batchId,
        flowUuid: args.flowUuid,
        family: args.family,
        uploadedAt: now,
        downloadedAt: now + downloadMs,
        readyAt: now + Math.max(downloadMs, processingMs),
        held: index >= args.files.length - args.holdCount,
        downloadFailed,
        awaitingDownload: false,
        generated,
      };
    });
    const batch: SimBatch = { batchId, family: args.family, productType: args.productType, documents };
    this.batches.set(batchId, batch);
    return batch;
  }

  /** The extraction, with each `redact_url` a live signed link to the masked copy served at baseUrl. */
  private generate(fileUrl: string, baseUrl: string, now: number): GeneratedDocument {
    const doc = generateDocument(fileUrl);
    const fileData = withMaskedCopies(doc.fileData, () =>
      maskedCopyUrl(baseUrl, fileUrl, now, this.fileSigningSecret),
    );
    return { ...doc, fileData };
  }

  /** Finish every pending document now (and release held ones). */
  flush(): void {
    const now = this.now();
    for (const doc of this.allDocuments()) {
      if (doc.readyAt > now) doc.readyAt = now;
      if (doc.downloadedAt > now) doc.downloadedAt = now;
      if (doc.held) release(doc, now);
    }
  }

  reset(): void {
    this.batches.clear();
    this.flows.clear();
  }
}

export function release(doc: SimDocument, now: number): void {
  doc.held = false;
  doc.releasedAt = Math.max(now, doc.readyAt);
}

function undownloadable(fileUrl: string): GeneratedDocument {
  return {
    fileUrl,
    documentType: "INVALID_DOC",
    fileData: {
      document_type: "INVALID_DOC",
      error_code: "INVALID_DOC",
      error_message: "File could not be downloaded: the pre-signed URL has expired",
    },
    deliberateErrors: [],
  };
}

/** The wire form of one result (Bulk `data[]` item and v3 `ocr_data[]` item). */
export function documentEntry(doc: SimDocument): Record<string, unknown> {
  return {
    document_id: doc.documentId,
    file_uuid: doc.fileUuid,
    batch_id: doc.batchId,
    file_data: doc.generated.fileData,
  };
}
