/**
 * How the document-file route answers with a file it fetched from storage. Pure, so the rules
 * are tested on their own:
 *
 * - The media type is one of a fixed list (raster images, SVG, PDF), decided from what storage
 *   said or, for `application/octet-stream`, from the link's file name; anything else (HTML,
 *   scripts, archives) is not served at all.
 * - Only raster images and PDFs may be shown inline. SVG can carry script, so it is always an
 *   attachment (an <img> still shows it: Content-Disposition does not apply to images embedded
 *   in a page, and script never runs in an <img>).
 * - Every file answer is sandboxed (`Content-Security-Policy: sandbox; default-src 'none'`): a
 *   file opened directly is an opaque-origin document that runs no script and loads nothing.
 * - `nosniff`, so the browser never second-guesses the type, and the file name is ours, made
 *   of safe characters, never the storage link's.
 */
import { isAadhaarField } from "@/lib/masking";

export type FileMedia = {
  kind: "image" | "pdf";
  /** The Content-Type we send. */
  mediaType: string;
  extension: string;
  /** Safe to render inline in a browser tab (raster image or PDF); false for SVG. */
  inlineSafe: boolean;
};

const BY_TYPE: Record<string, Omit<FileMedia, "mediaType"> & { mediaType?: string }> = {
  "application/pdf": { kind: "pdf", extension: "pdf", inlineSafe: true },
  "image/png": { kind: "image", extension: "png", inlineSafe: true },
  "image/jpeg": { kind: "image", extension: "jpg", inlineSafe: true },
  "image/jpg": { kind: "image", extension: "jpg", inlineSafe: true, mediaType: "image/jpeg" },
  "image/gif": { kind: "image", extension: "gif", inlineSafe: true },
  "image/webp": { kind: "image", extension: "webp", inlineSafe: true },
  "image/svg+xml": { kind: "image", extension: "svg", inlineSafe: false },
};

const BY_EXTENSION: Record<string, string> = {
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  svg: "image/svg+xml",
};

const OCTET = new Set(["", "application/octet-stream", "binary/octet-stream"]);

/** The media type to serve, or null when the file is not something the viewer shows. */
export function fileMedia(contentType: string | null, url: string): FileMedia | null {
  let type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (OCTET.has(type)) {
    let path = "";
    try {
      path = new URL(url).pathname.toLowerCase();
    } catch {
      // no name to go by
    }
    const extension = /\.([a-z0-9]+)$/.exec(path)?.[1] ?? "";
    type = Object.hasOwn(BY_EXTENSION, extension) ? BY_EXTENSION[extension]! : "";
  }
  // Own keys only: a type such as "constructor" must not find Object.prototype's members.
  if (!Object.hasOwn(BY_TYPE, type)) return null;
  const entry = BY_TYPE[type]!;
  return { ...entry, mediaType: entry.mediaType ?? type };
}

/** A file name made only of safe characters (no quotes, slashes, control or non-ASCII characters). */
export function safeFileName(externalId: string, extension: string, suffix = ""): string {
  const stem =
    `${externalId}${suffix}`
      .normalize("NFKD")
      .replace(/[^A-Za-z0-9._-]+/g, "_")
      .replace(/^[._-]+/, "")
      .slice(0, 100) || "document";
  return `${stem}.${extension.replace(/[^a-z0-9]/g, "")}`;
}

/** Sandboxed: a file opened on its own runs no script and loads nothing, and is never framed. */
export const FILE_CSP =
  "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'none'";

export function fileResponseHeaders(input: {
  media: FileMedia;
  fileName: string;
  /** The person asked to download the file rather than view it. */
  download?: boolean;
}): Record<string, string> {
  const disposition = input.media.inlineSafe && !input.download ? "inline" : "attachment";
  return {
    "Content-Type": input.media.mediaType,
    "Content-Disposition": `${disposition}; filename="${input.fileName}"`,
    "Content-Security-Policy": FILE_CSP,
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-store",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Referrer-Policy": "no-referrer",
    "X-File-Kind": input.media.kind,
  };
}

/**
 * The masked copy Atlas gives with an Aadhaar number (`redact_url` beside the value), from the
 * document's stored `file_data`; null when there is none.
 */
export function redactedCopyUrl(documentType: string, fileData: unknown): string | null {
  if (!fileData || typeof fileData !== "object" || Array.isArray(fileData)) return null;
  for (const [key, value] of Object.entries(fileData as Record<string, unknown>)) {
    if (!isAadhaarField(documentType, key) || !value || typeof value !== "object") continue;
    const url = (value as { redact_url?: unknown }).redact_url;
    if (typeof url === "string" && /^https?:\/\//i.test(url)) return url;
  }
  return null;
}
