import "server-only";
import { ListObjectsCommand, type ListObjectsCommandOutput } from "@aws-sdk/client-s3";
import { UserError } from "@/lib/errors";
import { formatNumber } from "@/lib/format";
import { assertS3Allowed, assertS3Browsable } from "./allow-list";
import { getS3Client, s3Settings } from "./client";
import { mapS3Error, type S3ErrorDetails } from "./errors";
import {
  formatS3Url,
  isS3Prefix,
  keyExtension,
  keyProblem,
  leadsToAllowed,
  matchAllowEntry,
  type S3Location,
} from "./location";

export type S3Object = { key: string; size: number; lastModified: string };
export type S3Page = { folders: { prefix: string }[]; files: S3Object[]; nextToken: string | null };

/** Objects a listing may name: S3 allows 1,000 a page. */
const MAX_PAGE = 1000;

function toObject(o: { Key?: string; Size?: number; LastModified?: Date }): S3Object {
  return { key: o.Key ?? "", size: o.Size ?? 0, lastModified: (o.LastModified ?? new Date(0)).toISOString() };
}

/**
 * One ListObjects page. The original ListObjects (markers) rather than V2 (continuation tokens):
 * a marker is the key to continue after, the same on S3, MinIO and every S3-compatible server,
 * while some servers' V2 tokens (s3rver's need DES, which OpenSSL 3 disables) cannot page at all.
 * Both need the same permission, s3:ListBucket.
 */
async function listOnce(input: {
  bucket: string;
  prefix: string;
  token?: string;
  pageSize: number;
  delimiter?: string;
}): Promise<{ out: ListObjectsCommandOutput; next: string | undefined }> {
  const client = await getS3Client();
  const out = await client.send(
    new ListObjectsCommand({
      Bucket: input.bucket,
      Prefix: input.prefix || undefined,
      Delimiter: input.delimiter,
      Marker: input.token,
      MaxKeys: input.pageSize,
    }),
  );
  // Without a delimiter S3 sends no NextMarker: the last key listed is where to go on.
  const last = out.Contents?.at(-1)?.Key ?? out.CommonPrefixes?.at(-1)?.Prefix;
  return { out, next: out.IsTruncated ? (out.NextMarker ?? last) : undefined };
}

/**
 * One page of a bucket "folder" for the browse dialog: sub-folders and files directly under
 * `prefix` ("" = the bucket's root), only what the allow-list admits.
 */
export async function listS3Page(input: {
  bucket: string;
  prefix: string;
  continuationToken?: string;
  pageSize?: number;
}): Promise<S3Page> {
  const prefix = input.prefix === "" || input.prefix.endsWith("/") ? input.prefix : `${input.prefix}/`;
  const loc = { bucket: input.bucket, key: prefix };
  const allowed = assertS3Browsable(loc);
  const pageSize = Math.min(Math.max(input.pageSize ?? 200, 1), MAX_PAGE);
  let page: Awaited<ReturnType<typeof listOnce>>;
  try {
    page = await listOnce({
      bucket: input.bucket,
      prefix,
      token: input.continuationToken,
      pageSize,
      delimiter: "/",
    });
  } catch (error) {
    throw mapS3Error(error, "list", loc);
  }
  const visible = (key: string) => {
    const at = { bucket: input.bucket, key };
    return matchAllowEntry(allowed, at) !== undefined || leadsToAllowed(allowed, at);
  };
  const { out } = page;
  return {
    folders: (out.CommonPrefixes ?? [])
      .map((p) => ({ prefix: p.Prefix ?? "" }))
      .filter((p) => p.prefix !== "" && visible(p.prefix)),
    files: (out.Contents ?? [])
      .map(toObject)
      .filter(
        (o) =>
          o.key !== prefix &&
          !o.key.endsWith("/") &&
          matchAllowEntry(allowed, { bucket: input.bucket, key: o.key }),
      ),
    nextToken: page.next ?? null,
  };
}

export type S3Expansion = { objects: S3Object[]; truncated: boolean };

/**
 * Every object under a prefix (all depths) whose extension is in `extensions` (S3_EXTENSIONS by
 * default), in key order. Stops after `limit` objects with `truncated: true`. A prefix holding no
 * such object is an error that says so; a listing failing after its first page says how far it
 * got, so nothing half-listed is taken for the whole.
 */
export async function expandS3Prefix(
  loc: S3Location,
  opts?: { extensions?: string[]; limit?: number },
): Promise<S3Expansion> {
  if (!isS3Prefix(loc))
    throw new UserError(
      "invalid_input",
      `${formatS3Url(loc)} is one object, not a folder: end it with “/” to list a folder.`,
    );
  assertS3Allowed(loc);
  const extensions = new Set((opts?.extensions ?? s3Settings().extensions).map((x) => x.toLowerCase()));
  const limit = opts?.limit ?? Number.POSITIVE_INFINITY;
  const objects: S3Object[] = [];
  let others = 0;
  let listed = 0;
  let pages = 0;
  let token: string | undefined;
  do {
    let page: Awaited<ReturnType<typeof listOnce>>;
    try {
      page = await listOnce({ bucket: loc.bucket, prefix: loc.key, token, pageSize: MAX_PAGE });
    } catch (error) {
      const mapped = mapS3Error(error, "list", loc);
      if (pages === 0) throw mapped;
      throw new UserError<S3ErrorDetails & { pagesListed: number; objectsListed: number }>(
        mapped.code,
        `Listing ${formatS3Url(loc)} stopped after ${pages} page${pages === 1 ? "" : "s"} (${formatNumber(listed, 0)} objects), so it is incomplete and nothing from it was used: ${mapped.userMessage}`,
        { ...(mapped.details as S3ErrorDetails), pagesListed: pages, objectsListed: listed },
      );
    }
    pages += 1;
    for (const raw of page.out.Contents ?? []) {
      listed += 1;
      const o = toObject(raw);
      if (o.key.endsWith("/")) continue; // a folder marker
      if (!extensions.has(keyExtension(o.key)) || keyProblem(o.key) !== undefined) {
        others += 1;
        continue;
      }
      objects.push(o);
      if (objects.length > limit) return { objects: objects.slice(0, limit), truncated: true };
    }
    token = page.next;
  } while (token);
  if (objects.length === 0)
    throw new UserError<S3ErrorDetails>(
      "not_found",
      others > 0
        ? `${formatS3Url(loc)} holds no ${[...extensions].join("/")} files (${formatNumber(others, 0)} other object${others === 1 ? "" : "s"}).`
        : `${formatS3Url(loc)} is empty: no object has a key starting with “${loc.key}”.`,
      { s3Code: "empty_prefix", location: formatS3Url(loc) },
    );
  return { objects, truncated: false };
}
