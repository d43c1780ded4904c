import type { SimDocument } from "./store";

/**
 * Atlas downloads every file it is given; so does the simulator when downloads are on
 * (`downloads: true`, env ATLAS_SIM_DOWNLOADS=on, or POST /__sim/downloads {"enabled": true}).
 * Each file URL is fetched after the upload was answered, a few at a time, with a timeout and a
 * size cap; the bytes are read and dropped (results still come from the URL's hints). A link
 * that cannot be downloaded (unreachable, expired → 403, missing → 404, too large) gives its
 * document a download error instead of a result:
 *
 *   file_data: { document_type: "INVALID_DOC", error_code: "DOWNLOAD_FAILED",
 *                error_message: "File could not be downloaded: HTTP 403 (AccessDenied: Request has expired)" }
 *
 * Until its download has finished, a document is not visible (still processing).
 */
export type DownloadRecord = {
  documentId: string;
  /** The URL without its query string: a pre-signed link's query is a bearer credential. */
  url: string;
  /** X-Amz-Date of a SigV4 link (when it was signed) and its X-Amz-Expires, when present. */
  signedAt?: string;
  expiresSeconds?: number;
  status: number | null;
  ok: boolean;
  error?: string;
  bytes: number;
  at: string;
};

export type DownloadSettings = { concurrency: number; timeoutMs: number; maxBytes: number };

export const DEFAULT_DOWNLOAD_SETTINGS: DownloadSettings = {
  concurrency: 8,
  timeoutMs: 20_000,
  maxBytes: 50 * 1024 * 1024,
};

function xmlTag(body: string, tag: string): string | undefined {
  return new RegExp(`<${tag}>([^<]{0,200})</${tag}>`).exec(body)?.[1]?.trim() || undefined;
}

function describeUrl(fileUrl: string): Pick<DownloadRecord, "url" | "signedAt" | "expiresSeconds"> {
  try {
    const u = new URL(fileUrl);
    const amzDate = u.searchParams.get("X-Amz-Date") ?? undefined;
    const expires = u.searchParams.get("X-Amz-Expires");
    return {
      url: `${u.origin}${u.pathname}`,
      ...(amzDate ? { signedAt: amzDate } : {}),
      ...(expires ? { expiresSeconds: Number(expires) } : {}),
    };
  } catch {
    return { url: fileUrl.split("?")[0] ?? "" };
  }
}

async function readCapped(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<number> {
  if (!body) return 0;
  let total = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return total;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new Error(`the file is larger than ${Math.round(maxBytes / 1048576)} MB`);
    }
  }
}

export class Downloader {
  readonly records: DownloadRecord[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private active = 0;
  private readonly queue: Array<() => void> = [];

  constructor(
    private readonly fetcher: typeof fetch,
    private readonly settings: DownloadSettings,
    private readonly now: () => number,
  ) {}

  /** Downloads each document's file in the background; `onDone` marks it downloaded or failed. */
  start(docs: SimDocument[], onDone: (doc: SimDocument, failure: string | undefined) => void): void {
    for (const doc of docs) {
      const job = this.slot()
        .then(() => this.fetchOne(doc))
        .then((failure) => onDone(doc, failure))
        .finally(() => {
          this.active--;
          this.queue.shift()?.();
          this.inFlight.delete(job);
        });
      this.inFlight.add(job);
    }
  }

  /** Resolves when every download started so far has finished. */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  reset(): void {
    this.records.length = 0;
  }

  private slot(): Promise<void> {
    if (this.active < this.settings.concurrency) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      this.queue.push(() => {
        this.active++;
        resolve();
      }),
    );
  }

  /** Undefined when the file was downloaded, else why not (in Atlas's words). */
  private async fetchOne(doc: SimDocument): Promise<string | undefined> {
    const record: DownloadRecord = {
      documentId: doc.documentId,
      ...describeUrl(doc.fileUrl),
      status: null,
      ok: false,
      bytes: 0,
      at: new Date(this.now()).toISOString(),
    };
    this.records.push(record);
    try {
      const response = await this.fetcher(doc.fileUrl, {
        signal: AbortSignal.timeout(this.settings.timeoutMs),
        redirect: "follow",
      });
      record.status = response.status;
      if (!response.ok) {
        const body = (await response.text().catch(() => "")).slice(0, 2000);
        const code = xmlTag(body, "Code");
        const message = xmlTag(body, "Message");
        const said = code ? ` (${code}${message ? `: ${message}` : ""})` : "";
        record.error = `HTTP ${response.status}${said}`;
        return record.error;
      }
      record.bytes = await readCapped(response.body, this.settings.maxBytes);
      record.ok = true;
      return undefined;
    } catch (e) {
      const error = e as Error & {
        cause?: { code?: string; message?: string; errors?: { code?: string }[] };
      };
      record.error =
        error.name === "TimeoutError"
          ? `no answer within ${Math.round(this.settings.timeoutMs / 1000)} s`
          : (error.cause?.code ?? error.cause?.errors?.[0]?.code ?? error.cause?.message ?? error.message);
      return record.error;
    }
  }
}

/** What the document reports when its file could not be downloaded. */
export function downloadFailedData(reason: string): Record<string, unknown> {
  return {
    document_type: "INVALID_DOC",
    error_code: "DOWNLOAD_FAILED",
    error_message: `File could not be downloaded: ${reason}`,
  };
}
