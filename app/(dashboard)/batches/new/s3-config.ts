import "server-only";
import type { S3Config } from "@/components/batch-input/s3-tools";
import { getEnv } from "@/lib/env";

/** What the batch and upload forms need to know about S3 input: on or off, where to browse, the filter. */
export function s3FormConfig(): S3Config {
  const { enabled, allowed, extensions } = getEnv().s3;
  return {
    enabled,
    roots: allowed.map((entry) => ({ bucket: entry.bucket, prefix: entry.prefix })),
    extensions,
  };
}
