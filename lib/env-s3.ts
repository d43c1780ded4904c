/**
 * The S3 settings (batches and applications from `s3://` locations), and whether the demo's
 * embedded simulator downloads uploaded files as Atlas does (ATLAS_SIM_DOWNLOADS), declared apart from
 * lib/env.ts only to keep that file readable: lib/env.ts spreads `s3EnvShape` into its schema
 * and calls `s3FromEnv`, and stays the one reader of the environment.
 *
 * No server imports: next.config.ts loads lib/env.ts, and this file with it.
 */
import { z } from "zod";
import { blankToUndefined as blank } from "./env-shapes";
import { DEFAULT_S3_EXTENSIONS, parseAllowEntry, type S3AllowEntry } from "./s3/location";

const list = (s: string) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

export const s3EnvShape = {
  /** Buckets (or `bucket/prefix/`) that may be listed, signed and read; S3 input is off without it. */
  S3_ALLOWED_BUCKETS: z.preprocess(
    blank,
    z
      .string()
      .transform((s, ctx) => {
        try {
          return list(s).map(parseAllowEntry);
        } catch (e) {
          ctx.addIssue({
            code: "custom",
            message: `${(e as Error).message} (write bucket or bucket/prefix/, comma-separated)`,
          });
          return z.NEVER;
        }
      })
      .optional(),
  ),
  S3_REGION: z.preprocess(
    blank,
    z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, { message: "must be an AWS region such as ap-south-1" })
      .optional(),
  ),
  S3_ENDPOINT: z.preprocess(
    blank,
    z
      .string()
      .url({ message: "must be a full URL such as http://127.0.0.1:9000 (MinIO)" })
      .refine((u) => /^https?:\/\//i.test(u), { message: "must start with http:// or https://" })
      .optional(),
  ),
  S3_FORCE_PATH_STYLE: z.preprocess(
    blank,
    z.enum(["true", "false"], { message: "must be true or false" }).optional(),
  ),
  S3_ACCESS_KEY_ID: z.preprocess(blank, z.string().optional()),
  S3_SECRET_ACCESS_KEY: z.preprocess(blank, z.string().optional()),
  S3_SESSION_TOKEN: z.preprocess(blank, z.string().optional()),
  S3_SIGN_EXPIRY_SECONDS: z.preprocess(
    blank,
    z.coerce
      .number({ message: "must be a whole number of seconds" })
      .int({ message: "must be a whole number of seconds" })
      .min(1, { message: "must be at least 1 (second)" })
      .max(604_800, { message: "must be at most 604800 (7 days, the longest S3 allows)" })
      .default(86_400),
  ),
  S3_EXTENSIONS: z.preprocess(
    blank,
    z
      .string()
      .transform((s) => list(s).map((x) => x.replace(/^\./, "").toLowerCase()))
      .refine((l) => l.length > 0 && l.every((x) => /^[a-z0-9]{1,10}$/.test(x)), {
        message: "must list file extensions, comma-separated, such as jpg,png,pdf",
      })
      .default([...DEFAULT_S3_EXTENSIONS]),
  ),
  /** Demo mode: the embedded simulator downloads every uploaded file, as Atlas does (on), or not. */
  ATLAS_SIM_DOWNLOADS: z.preprocess(
    blank,
    z.enum(["on", "off"], { message: "must be on or off" }).default("on"),
  ),
  /** Attempts per S3 request (throttling and network errors are retried with backoff). */
  S3_MAX_ATTEMPTS: z.preprocess(
    blank,
    z.coerce
      .number({ message: "must be a whole number" })
      .int()
      .min(1)
      .max(10, { message: "must be at most 10" })
      .default(5),
  ),
};

type S3Raw = {
  S3_ALLOWED_BUCKETS?: S3AllowEntry[];
  S3_REGION?: string;
  S3_ENDPOINT?: string;
  S3_FORCE_PATH_STYLE?: "true" | "false";
  S3_ACCESS_KEY_ID?: string;
  S3_SECRET_ACCESS_KEY?: string;
  S3_SESSION_TOKEN?: string;
  S3_SIGN_EXPIRY_SECONDS: number;
  S3_EXTENSIONS: string[];
  S3_MAX_ATTEMPTS: number;
};

export type S3Settings = {
  /** S3 input is offered only when S3_ALLOWED_BUCKETS is set. */
  enabled: boolean;
  allowed: S3AllowEntry[];
  /** Undefined: the SDK's chain (AWS_REGION, shared config), else ap-south-1. */
  region?: string;
  endpoint?: string;
  forcePathStyle: boolean;
  /** Undefined: the SDK's default credential chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  signExpirySeconds: number;
  extensions: string[];
  maxAttempts: number;
};

/** The S3 settings; problems found are added to `problems` (each naming its variable). */
export function s3FromEnv(e: S3Raw, problems: string[]): S3Settings {
  if (Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY))
    problems.push(
      "S3_SECRET_ACCESS_KEY: set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither (the SDK's default credential chain is then used)",
    );
  const allowed = e.S3_ALLOWED_BUCKETS ?? [];
  return {
    enabled: allowed.length > 0,
    allowed,
    region: e.S3_REGION,
    endpoint: e.S3_ENDPOINT?.replace(/\/+$/, ""),
    forcePathStyle: e.S3_FORCE_PATH_STYLE ? e.S3_FORCE_PATH_STYLE === "true" : Boolean(e.S3_ENDPOINT),
    credentials:
      e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
        ? {
            accessKeyId: e.S3_ACCESS_KEY_ID,
            secretAccessKey: e.S3_SECRET_ACCESS_KEY,
            ...(e.S3_SESSION_TOKEN ? { sessionToken: e.S3_SESSION_TOKEN } : {}),
          }
        : undefined,
    signExpirySeconds: e.S3_SIGN_EXPIRY_SECONDS,
    extensions: e.S3_EXTENSIONS,
    maxAttempts: e.S3_MAX_ATTEMPTS,
  };
}
