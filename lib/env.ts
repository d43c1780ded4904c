/**
 * The one reader of the environment: every setting is declared here (S3's in lib/env-s3.ts, the
 * second reader's in lib/second-reader/settings.ts), validated with zod and documented in
 * `.env.example` and the README. A bad variable stops start-up (next.config.ts calls `getEnv()`)
 * with a message naming it. No `import "server-only"`: next.config.ts and the CLI scripts load this
 * file outside React; a lint rule keeps client components from importing it.
 */
import ipaddr from "ipaddr.js";
import { displayTimeZoneSetting } from "./format/setting";
import { isPublicAddress } from "./net/address";
import { simEnvShape } from "./env-sim";
import { blankToUndefined, int } from "./env-shapes";
import { s3EnvShape, s3FromEnv, type S3Settings } from "./env-s3";
import { SECOND_READER_SETTINGS } from "./second-reader/settings";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const httpUrl = z
  .string()
  .url({ message: "must be a full URL such as https://api.example.com" })
  .refine((u) => /^https?:\/\//i.test(u), { message: "must start with http:// or https://" })
  .transform((u) => u.replace(/\/+$/, ""));

const csvList = z
  .string()
  .transform((s) =>
    s
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .refine((list) => list.length > 0, { message: "must list at least one value, comma-separated" });

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: int(1, 65535).default(3000),
  /** Public address of this app, used for Atlas callbacks (auth_url, callback_url). */
  APP_BASE_URL: z.preprocess(blankToUndefined, httpUrl.optional()),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  DISPLAY_TIME_ZONE: displayTimeZoneSetting, // lib/format/setting.ts

  // Persistence
  DATABASE_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, {
        message: "must be a PostgreSQL URL such as postgres://user:password@host:5432/db",
      })
      .optional(),
  ),
  DATA_DIR: z.preprocess(blankToUndefined, z.string().default(".data")),

  // Sign-in
  AUTH_SECRET: z.preprocess(
    blankToUndefined,
    z
      .string()
      .min(32, { message: "must be at least 32 characters (try: openssl rand -base64 33)" })
      .optional(),
  ),
  DEMO_ACCOUNTS: z.preprocess(blankToUndefined, bool.optional()),
  /** Reverse proxies in front of the app that append to X-Forwarded-For (0: clients connect directly). */
  TRUSTED_PROXY_HOPS: int(0, 10).default(0),
  /** A session unused for this long ends (sign in again). */
  SESSION_IDLE_MINUTES: int(1, 720).default(30),
  /**
   * The interface `npm start` listens on (scripts/listen-host.mjs). Demo mode without it answers
   * only this machine, however the server was started (lib/auth/client-address.ts).
   */
  HOST: z.preprocess(blankToUndefined, z.string().optional()),

  // Atlas
  ATLAS_BASE_URL: z.preprocess(blankToUndefined, httpUrl.optional()),
  ATLAS_CLIENT_ID: z.preprocess(blankToUndefined, z.string().optional()),
  ATLAS_CLIENT_SECRET: z.preprocess(blankToUndefined, z.string().optional()),
  ATLAS_PRODUCT_TYPES: z.preprocess(blankToUndefined, csvList.default(["POC_CDL", "PFL_CDL", "PROD_CDL"])),
  ATLAS_DEFAULT_PRODUCT_TYPE: z.preprocess(blankToUndefined, z.string().optional()),
  ATLAS_TIMEOUT_MS: int(100, 600_000).default(15_000),
  ATLAS_MAX_RETRIES: int(0, 10).default(4),
  /** A base URL per API family, each overriding ATLAS_BASE_URL for that family. */
  ATLAS_BULK_BASE_URL: z.preprocess(blankToUndefined, httpUrl.optional()),
  ATLAS_FLOW_BASE_URL: z.preprocess(blankToUndefined, httpUrl.optional()),
  ATLAS_DOCSTREAM_BASE_URL: z.preprocess(blankToUndefined, httpUrl.optional()),
  /** Requests per second this instance may send to Atlas, all batches, flows and health checks together. */
  ATLAS_MAX_RPS: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ message: "must be a number of requests per second, such as 10 or 0.5" })
      .positive({ message: "must be more than 0 (requests per second)" })
      .max(1000, { message: "must be at most 1000" })
      .default(10),
  ),

  ...simEnvShape, // embedded simulator (demo mode only): lib/env-sim.ts

  // Batches and sync
  BATCH_MAX_ROWS: int(1, 100_000).default(5000),
  BATCH_CHUNK_SIZE: int(1, 50).default(50),
  SYNC_INTERVAL_MS: int(200, 3_600_000).default(5000),
  SYNC_CONCURRENCY: int(1, 16).default(4),
  SYNC_STALL_AFTER_MS: int(1000, 86_400_000).default(600_000),
  SYNC_ENABLED: z.preprocess(blankToUndefined, bool.default(true)),
  // Review
  REVIEW_LOCK_MS: int(10_000, 86_400_000).default(600_000),
  ...s3EnvShape, // S3 input
  ...SECOND_READER_SETTINGS, // our own OCR of each scan: lib/second-reader/settings.ts
});

type Raw = z.infer<typeof schema>;

export type Env = Raw & {
  /** True when no real Atlas is configured: the embedded simulator answers instead. */
  demoMode: boolean;
  /** Base URL the server uses to call Atlas (the embedded simulator in demo mode). */
  atlasBaseUrl: string;
  /** Per family: where batches (Bulk or IDP/docstream) and flows (v3) are sent. */
  atlasBaseUrls: { bulk: string; v3: string };
  /** Which API serves batches: the Bulk API or the IDP/docstream API (ATLAS_DOCSTREAM_BASE_URL). */
  atlasBatchApi: "bulk" | "docstream";
  atlasClientId: string;
  atlasClientSecret: string;
  defaultProductType: string;
  appBaseUrl: string;
  /** Whether the demo accounts (one per role) are created and shown on the sign-in page. */
  demoAccounts: boolean;
  /**
   * Plain-http file URLs are accepted only against a simulator: the embedded one (demo mode) or
   * a standalone one reached over http (`npm run sim`). The real Atlas is https-only.
   */
  allowHttpFileUrls: boolean;
  s3: S3Settings;
};

export const DEMO_ATLAS_CLIENT_ID = "atlas-review-demo";
export const DEMO_ATLAS_CLIENT_SECRET = "atlas-review-demo-secret";
export const SIM_MOUNT_PATH = "/atlas-sim";

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(
      `Atlas Review cannot start: the configuration is invalid.\n${problems.map((p) => `  - ${p}`).join("\n")}\n` +
        "See .env.example and the README's configuration table.",
    );
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((i) => `${i.path.join(".") || "(environment)"}: ${i.message}`),
    );
  }
  const e = result.data;
  const problems: string[] = [];
  const familyUrls = [e.ATLAS_BULK_BASE_URL, e.ATLAS_FLOW_BASE_URL, e.ATLAS_DOCSTREAM_BASE_URL];
  const demoMode = !e.ATLAS_BASE_URL && familyUrls.every((u) => !u);
  const batchUrl = e.ATLAS_DOCSTREAM_BASE_URL ?? e.ATLAS_BULK_BASE_URL ?? e.ATLAS_BASE_URL;
  const flowUrl = e.ATLAS_FLOW_BASE_URL ?? e.ATLAS_BASE_URL;
  if (!demoMode) {
    if (!e.ATLAS_CLIENT_ID)
      problems.push("ATLAS_CLIENT_ID: required when ATLAS_BASE_URL is set (the Client-Id Atlas issued you)");
    if (!e.ATLAS_CLIENT_SECRET)
      problems.push(
        "ATLAS_CLIENT_SECRET: required when ATLAS_BASE_URL is set (the Client-Secret paired with ATLAS_CLIENT_ID)",
      );
    if (e.ATLAS_BULK_BASE_URL && e.ATLAS_DOCSTREAM_BASE_URL)
      problems.push(
        "ATLAS_DOCSTREAM_BASE_URL: set either it (batches through the IDP/docstream API) or ATLAS_BULK_BASE_URL (the Bulk API), not both",
      );
    if (!batchUrl)
      problems.push(
        "ATLAS_BASE_URL: required for batches (or set ATLAS_BULK_BASE_URL or ATLAS_DOCSTREAM_BASE_URL)",
      );
    if (!flowUrl) problems.push("ATLAS_BASE_URL: required for applications (or set ATLAS_FLOW_BASE_URL)");
    // A real Atlas calls us back (auth_url, callback_url): it needs our public https address.
    // A simulator reached over plain http (npm run sim) is exempt.
    if (flowUrl?.startsWith("https://")) {
      const problem = publicHttpsProblem(e.APP_BASE_URL);
      if (problem) problems.push(`APP_BASE_URL: ${problem}`);
    }
  } else if (e.ATLAS_CLIENT_ID || e.ATLAS_CLIENT_SECRET) {
    problems.push(
      "ATLAS_BASE_URL: required when ATLAS_CLIENT_ID or ATLAS_CLIENT_SECRET is set (e.g. https://api.helloatlas.in)",
    );
  }
  if (e.NODE_ENV === "production" && !demoMode && !e.AUTH_SECRET) {
    problems.push(
      "AUTH_SECRET: required when a real Atlas is configured (a random string of 32+ characters)",
    );
  }
  if (e.DATABASE_URL && !e.AUTH_SECRET) {
    problems.push(
      "AUTH_SECRET: required with DATABASE_URL, so that every app instance signs sessions with the same key",
    );
  }
  const defaultProductType = e.ATLAS_DEFAULT_PRODUCT_TYPE ?? e.ATLAS_PRODUCT_TYPES[0]!;
  if (!e.ATLAS_PRODUCT_TYPES.includes(defaultProductType)) {
    problems.push(
      `ATLAS_DEFAULT_PRODUCT_TYPE: "${defaultProductType}" is not in ATLAS_PRODUCT_TYPES (${e.ATLAS_PRODUCT_TYPES.join(", ")})`,
    );
  }
  const s3 = s3FromEnv(e, problems);
  if (problems.length) throw new EnvError(problems);

  const appBaseUrl = e.APP_BASE_URL ?? `http://localhost:${e.PORT}`;
  const atlasBaseUrl =
    e.ATLAS_BASE_URL ?? batchUrl ?? flowUrl ?? `http://127.0.0.1:${e.PORT}${SIM_MOUNT_PATH}`;
  return {
    ...e,
    demoMode,
    atlasBaseUrl,
    atlasBaseUrls: { bulk: batchUrl ?? atlasBaseUrl, v3: flowUrl ?? atlasBaseUrl },
    atlasBatchApi: e.ATLAS_DOCSTREAM_BASE_URL ? "docstream" : "bulk",
    atlasClientId: e.ATLAS_CLIENT_ID ?? DEMO_ATLAS_CLIENT_ID,
    atlasClientSecret: e.ATLAS_CLIENT_SECRET ?? DEMO_ATLAS_CLIENT_SECRET,
    defaultProductType,
    appBaseUrl,
    demoAccounts: e.DEMO_ACCOUNTS ?? demoMode,
    allowHttpFileUrls: demoMode || [batchUrl, flowUrl].some((u) => u?.startsWith("http://")),
    s3,
  };
}

/**
 * Why a URL is not a public https address Atlas can call back, or undefined when it is.
 * Loopback, private, link-local and other non-public addresses and local-only names are refused.
 */
export function publicHttpsProblem(url: string | undefined): string | undefined {
  const example = "such as https://review.your-bank.example";
  if (!url)
    return `required with a real Atlas: the public https address Atlas calls back (auth_url, callback_url), ${example}`;
  const parsed = new URL(url);
  if (parsed.protocol !== "https:")
    return `must be an https:// address with a real Atlas (Atlas calls it back), ${example}; got ${parsed.protocol}//…`;
  // A fully qualified name may end in a dot ("localhost.", "app.local."): the same host.
  const host = parsed.hostname
    .replace(/^\[|\]$/g, "")
    .replace(/\.+$/, "")
    .toLowerCase();
  if (ipaddr.isValid(host)) {
    // The same rule as outbound fetches (IPv4 inside IPv6 unwrapped, only global unicast).
    if (!isPublicAddress(host))
      return `must be a public address Atlas can reach; ${host} is a ${ipaddr.parse(host).range()} (not public) address, ${example}`;
    return undefined;
  }
  if (
    !host.includes(".") ||
    /(^|\.)(localhost|local|localdomain|internal|intranet|lan|home|home\.arpa|corp|test|example|invalid|onion|alt)$/.test(
      host,
    )
  )
    return `must be a public host name Atlas can reach; "${host}" only resolves on a private network, ${example}`;
  return undefined;
}

let cached: Env | undefined;

/** The validated environment, read once per process. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests only: forget the cached environment after changing process.env. */
export function resetEnvForTests(): void {
  cached = undefined;
}
