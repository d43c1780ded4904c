import "server-only";
import { HeadBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { getEnv } from "@/lib/env";
import type { S3Settings } from "@/lib/env-s3";
import { processSingleton } from "@/lib/process-singleton";

/** The region used when neither S3_REGION nor the SDK's chain (AWS_REGION, shared config) names one. */
export const FALLBACK_S3_REGION = "ap-south-1";

/** The S3 settings (lib/env.ts): enabled when S3_ALLOWED_BUCKETS is set. */
export function s3Settings(): S3Settings {
  return getEnv().s3;
}

type Clients = {
  /** The settings the clients were made for: a changed environment (tests) makes new ones. */
  fingerprint: string;
  byRegion: Map<string, S3Client>;
  defaultRegion?: Promise<string>;
  bucketRegions: Map<string, Promise<string>>;
};

function clients(): Clients {
  const settings = s3Settings();
  const fingerprint = JSON.stringify(settings);
  const holder = processSingleton<{ current?: Clients }>("s3-clients", () => ({}));
  if (holder.current?.fingerprint !== fingerprint) {
    for (const client of holder.current?.byRegion.values() ?? []) client.destroy();
    holder.current = { fingerprint, byRegion: new Map(), bucketRegions: new Map() };
  }
  return holder.current;
}

/** S3_REGION, else the SDK's own chain (AWS_REGION, AWS_PROFILE's config), else ap-south-1. */
async function defaultRegion(settings: S3Settings): Promise<string> {
  if (settings.region) return settings.region;
  const probe = new S3Client({});
  try {
    return await probe.config.region();
  } catch {
    return FALLBACK_S3_REGION;
  } finally {
    probe.destroy();
  }
}

/**
 * One client per region per process. Credentials: S3_ACCESS_KEY_ID/S3_SECRET_ACCESS_KEY, else
 * the SDK's default chain (environment, shared profile, container/instance role, web identity).
 * A bucket in another region is followed (`followRegionRedirects`); throttling and network
 * errors are retried with backoff (adaptive mode, S3_MAX_ATTEMPTS attempts).
 */
export async function getS3Client(region?: string): Promise<S3Client> {
  const settings = s3Settings();
  const state = clients();
  state.defaultRegion ??= defaultRegion(settings);
  const wanted = region ?? (await state.defaultRegion);
  let client = state.byRegion.get(wanted);
  if (!client) {
    client = new S3Client({
      region: wanted,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      forcePathStyle: settings.forcePathStyle,
      ...(settings.credentials ? { credentials: settings.credentials } : {}),
      followRegionRedirects: true,
      retryMode: "adaptive",
      maxAttempts: settings.maxAttempts,
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
    });
    state.byRegion.set(wanted, client);
  }
  return client;
}

/** How long a bucket's region stays unknown after HEAD bucket gave none (a refusal without the header). */
const UNKNOWN_REGION_RETRY_MS = 60_000;

/**
 * The region a bucket lives in, learned once per process, so that links signed for Atlas point
 * at the bucket's own region (Atlas does not follow S3's redirects). HEAD bucket answers with
 * `x-amz-bucket-region` even when it refuses; when no region is learned (no permission, an
 * S3-compatible server without the header) the configured one is used, and asked again later.
 */
export async function bucketRegion(bucket: string): Promise<string> {
  const state = clients();
  const client = await getS3Client();
  const configured = await client.config.region();
  let known = state.bucketRegions.get(bucket);
  if (!known) {
    const forgetLater = () => {
      const timer = setTimeout(() => state.bucketRegions.delete(bucket), UNKNOWN_REGION_RETRY_MS);
      timer.unref?.();
    };
    known = client
      .send(new HeadBucketCommand({ Bucket: bucket }))
      .then((out) => {
        if (!out.BucketRegion) forgetLater();
        return out.BucketRegion ?? configured;
      })
      .catch((error: { $response?: { headers?: Record<string, string> } }) => {
        const header = error.$response?.headers?.["x-amz-bucket-region"];
        if (!header) forgetLater();
        return header ?? configured;
      });
    state.bucketRegions.set(bucket, known);
  }
  return known;
}
