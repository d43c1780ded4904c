import "server-only";
import { UserError } from "@/lib/errors";
import { s3Settings } from "./client";
import type { S3ErrorDetails } from "./errors";
import {
  bucketNameProblem,
  describeAllowEntries,
  S3_NOT_CONFIGURED,
  formatS3Url,
  keyProblem,
  leadsToAllowed,
  matchAllowEntry,
  type S3AllowEntry,
  type S3Location,
} from "./location";

function refuse(loc: S3Location, why: string): UserError<S3ErrorDetails> {
  return new UserError("forbidden", why, { s3Code: "not_allowed", location: formatS3Url(loc) });
}

function assertWellFormed(loc: S3Location): void {
  const problem = bucketNameProblem(loc.bucket) ?? keyProblem(loc.key);
  if (problem) throw refuse(loc, `${formatS3Url(loc)} cannot be used: ${problem}.`);
}

function assertEnabled(loc: S3Location): readonly S3AllowEntry[] {
  const { allowed } = s3Settings();
  if (allowed.length === 0) throw refuse(loc, S3_NOT_CONFIGURED);
  return allowed;
}

/**
 * Refuses (UserError "forbidden", naming the bucket and S3_ALLOWED_BUCKETS) a location that no
 * allow-list entry admits, or a key that could step out of its folder. Every listing, signing
 * and proxy read passes through here.
 */
export function assertS3Allowed(loc: S3Location): void {
  const allowed = assertEnabled(loc);
  assertWellFormed(loc);
  if (!matchAllowEntry(allowed, loc))
    throw refuse(
      loc,
      `${formatS3Url(loc)} is not in a bucket or folder this server may read. S3_ALLOWED_BUCKETS allows: ${describeAllowEntries(allowed)}.`,
    );
}

/**
 * For browsing: a prefix inside an allowed entry, or one above it (the bucket's root when only
 * `kyc/` is allowed) so the browser can descend. Returns the entries that apply.
 */
export function assertS3Browsable(loc: S3Location): readonly S3AllowEntry[] {
  const allowed = assertEnabled(loc);
  assertWellFormed(loc);
  if (matchAllowEntry(allowed, loc) || leadsToAllowed(allowed, loc)) return allowed;
  throw refuse(
    loc,
    `${formatS3Url(loc)} is not in a bucket or folder this server may list. S3_ALLOWED_BUCKETS allows: ${describeAllowEntries(allowed)}.`,
  );
}
