import "server-only";
import { isUserError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { assertS3Allowed, expandS3Prefix, headS3Object } from "@/lib/s3";
import { parseS3Url, type S3Location } from "@/lib/s3/location";
import { getEnv } from "@/lib/env";
import { parseBatchInput, type ParseBatchInputOptions, type ParsedBatchInput } from "./input";
import { isPrefix, isS3Text, s3LookupKey, type S3Lookup } from "./input/s3-rows";
import { inLanes } from "./pool";

/** S3 requests one preview or submit keeps in flight at once. */
const LOOKUP_LANES = 8;

function failure(error: unknown, location: S3Location): S3Lookup {
  if (isUserError(error)) return { ok: false, message: error.userMessage };
  logger.warn("s3.lookup_failed", { bucket: location.bucket, error });
  return {
    ok: false,
    message:
      "S3 did not answer as expected — try again; if it keeps failing, an administrator finds the details in the log",
  };
}

export type S3LookupOptions = {
  /** The include filter for prefixes. */
  extensions: string[];
  /** The most objects a prefix may expand to (the row limit): more is reported, not cut off. */
  limit: number;
  /** Also ask S3 for each single object (size, "not found"): the preview does, the submit need not. */
  checkObjects: boolean;
};

/**
 * What S3 holds for each location: a prefix's objects (include filter applied, in key order), or
 * a key's object; a refusal (not on S3_ALLOWED_BUCKETS, access denied, not found …) is the answer
 * for that location only, with lib/s3's message. Every location passes the allow-list first.
 */
export async function lookUpS3(
  locations: readonly S3Location[],
  options: S3LookupOptions,
): Promise<Map<string, S3Lookup>> {
  const unique = new Map(locations.map((l) => [s3LookupKey(l), l]));
  const queue = [...unique.entries()];
  const found = new Map<string, S3Lookup>();
  await inLanes(Math.min(LOOKUP_LANES, queue.length), async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      const [key, location] = item;
      try {
        if (isPrefix(location)) {
          const listed = await expandS3Prefix(location, {
            extensions: options.extensions,
            limit: options.limit,
          });
          found.set(key, { ok: true, objects: listed.objects, truncated: listed.truncated });
        } else if (options.checkObjects) {
          assertS3Allowed(location);
          const head = await headS3Object(location);
          found.set(key, { ok: true, objects: [{ key: location.key, size: head.size }], truncated: false });
        } else {
          assertS3Allowed(location);
          found.set(key, { ok: true, objects: [], truncated: false });
        }
      } catch (error) {
        found.set(key, failure(error, location));
      }
    }
  });
  return found;
}

/** The `s3://` locations of pasted text (well-formed ones; the others are row problems already). */
export function s3LocationsOf(parsed: ParsedBatchInput): S3Location[] {
  return parsed.rows.flatMap((row) => {
    if (!isS3Text(row.fileUrl)) return [];
    const location = parseS3Url(row.fileUrl);
    return location ? [location] : [];
  });
}

/**
 * Parses batch input on the server with its `s3://` rows resolved: prefixes listed (include
 * filter `extensions`, default S3_EXTENSIONS), every location checked against the allow-list,
 * then the rows checked again with what S3 answered, so limits count the listed objects.
 */
export async function parseBatchInputWithS3(
  text: string,
  options: Omit<ParseBatchInputOptions, "s3"> & { extensions?: string[] },
): Promise<ParsedBatchInput> {
  const settings = getEnv().s3;
  const extensions = options.extensions?.length ? options.extensions : settings.extensions;
  const s3 = { enabled: settings.enabled, extensions };
  const first = parseBatchInput(text, { ...options, s3 });
  const locations = s3LocationsOf(first);
  if (!settings.enabled || locations.length === 0) return first;
  const lookups = await lookUpS3(locations, { extensions, limit: options.maxRows, checkObjects: false });
  return parseBatchInput(text, { ...options, s3: { ...s3, lookups } });
}
