import type { CallbackDispatcher } from "./callbacks";
import type { FaultBoard } from "./faults";
import type { ResolvedOptions } from "./options";
import { invalidToken, isRecord, missingParams, nonEmptyString, error, json } from "./responses";
import type { SimDocument, SimStore, UploadedFile } from "./store";
import type { SimFamily, TokenAuthority } from "./tokens";

/** Everything a route handler needs; built once per simulator. */
export interface SimContext {
  options: ResolvedOptions;
  /** The simulator's clock: options.now plus whatever `advance()` added. */
  now: () => number;
  store: SimStore;
  faults: FaultBoard;
  tokens: TokenAuthority;
  callbacks: CallbackDispatcher;
  /** Re-check flows for completion (and fire callbacks) at this time. */
  scheduleSweep: (atMs: number) => void;
  /** Downloads on: fetch these documents' files (in the background), as Atlas does. */
  startDownloads: (docs: SimDocument[]) => void;
}

export function handleAuthToken(ctx: SimContext, request: Request, family: SimFamily): Response {
  const clientId = request.headers.get("client-id");
  const clientSecret = request.headers.get("client-secret");
  if (!clientId || !clientSecret) return error(400, "Missing Client-Id or Client-Secret");
  if (clientId !== ctx.options.clientId || clientSecret !== ctx.options.clientSecret) {
    return error(401, "Invalid Client-Id or Client-Secret");
  }
  return json(201, ctx.tokens.issue(family, clientId));
}

/** Returns a 401 response when the request's `Token` is not good for this family, else undefined. */
export function rejectToken(ctx: SimContext, request: Request, family: SimFamily, endpoint: string) {
  if (ctx.faults.take("token_revoked", endpoint)) return invalidToken("Token has been revoked");
  const check = ctx.tokens.check(request.headers.get("token"), family);
  return check.ok ? undefined : invalidToken(check.reason);
}

export type UploadParse = { ok: true; files: UploadedFile[] } | { ok: false; response: Response };

/**
 * Validates the common multiupload body. `required` lists the scalar fields in the order Atlas
 * names them; `file_urls` is always checked last.
 */
export function parseUpload(body: unknown, required: string[]): UploadParse {
  const record = isRecord(body) ? body : {};
  const missing = required.filter((key) => !nonEmptyString(record[key]));
  const rawFiles = record.file_urls;
  const filesOk =
    Array.isArray(rawFiles) &&
    rawFiles.length > 0 &&
    rawFiles.every(
      (f) =>
        isRecord(f) &&
        nonEmptyString(f.file_url) &&
        (nonEmptyString(f.document_id) || typeof f.document_id === "number"),
    );
  if (!filesOk) missing.push("file_urls");
  if (missing.length) return { ok: false, response: missingParams(missing) };
  const files = (rawFiles as Array<Record<string, unknown>>).map((f) => ({
    file_url: String(f.file_url),
    document_id: String(f.document_id),
  }));
  return { ok: true, files };
}

export function rejectTooManyFiles(ctx: SimContext, files: UploadedFile[]): Response | undefined {
  const max = ctx.options.maxFilesPerUpload;
  return files.length > max ? error(400, `Too many files: maximum ${max} per request`) : undefined;
}
