/**
 * S3 input, server side: list and expand bucket prefixes, sign links late, read objects for the
 * file proxy, all behind the S3_ALLOWED_BUCKETS allow-list. The browser never sees credentials.
 * Parsing `s3://` locations is client-safe: import lib/s3/location.ts for that.
 */
import "server-only";

export { assertS3Allowed, assertS3Browsable } from "./allow-list";
export { s3Settings } from "./client";
export type { S3ErrorDetails } from "./errors";
export { expandS3Prefix, listS3Page, type S3Expansion, type S3Object, type S3Page } from "./list";
export { formatS3Url, parseS3Url, type S3Location } from "./location";
export { getS3Object, headS3Object, signS3Get } from "./objects";
