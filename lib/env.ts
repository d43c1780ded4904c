/**
 * The one reader of the environment. Every setting the app understands is declared here,
 * validated with zod, and documented in `.env.example` and the README's configuration table.
 *
 * A bad or missing variable stops start-up (next.config.ts calls `getEnv()`) with a message
 * that names the variable and says what it should hold.
 *
 * Deliberately no `import "server-only"`: next.config.ts and the CLI scripts load this file
 * outside React. The lint rule in eslint.config.mjs keeps client components from importing it.
 */
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const int = (min: number, max: number) =>
  z.coerce
    .number({ message: "must be a whole number" })
    .int({ message: "must be a whole number" })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` });

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

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: int(1, 65535).default(3000),
  /** Public address of this app, used for Atlas callbacks (auth_url, callback_url). */
  APP_BASE_URL: z.preprocess(blankToUndefined, httpUrl.optional()),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),

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

  // Atlas
  ATLAS_BASE_URL: z.preprocess(blankToUndefined, httpUrl.optional()),
  ATLAS_CLIENT_ID: z.preprocess(blankToUndefined, z.string().optional()),
  ATLAS_CLIENT_SECRET: z.preprocess(blankToUndefined, z.string().optional()),
  ATLAS_PRODUCT_TYPES: z.preprocess(blankToUndefined, csvList.default(["POC_CDL", "PFL_CDL", "PROD_CDL"])),
  ATLAS_DEFAULT_PRODUCT_TYPE: z.preprocess(blankToUndefined, z.string().optional()),
  ATLAS_TIMEOUT_MS: int(100, 600_000).default(15_000),
  ATLAS_MAX_RETRIES: int(0, 10).default(4),

  // Embedded simulator (demo mode only)
  SIM_LATENCY_MS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^(instant|\d+(-\d+)?)$/, {
        message: 'must be "instant", a number of milliseconds, or a range such as 2000-6000',
      })
      .default("1500-4000"),
  ),
  /**
   * Demo mode: lasting simulator behaviours by name (atlas-sim/profiles.ts), comma-separated.
   * Only the form is checked here (next.config.ts loads this file on its own); the simulator
   * refuses an unknown name with the list of known ones.
   */
  SIM_PROFILE: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\s*[a-z0-9-]+(\s*,\s*[a-z0-9-]+)*\s*$/, {
        message: "must be simulator profile names separated by commas, e.g. short-pages,nan",
      })
      .optional(),
  ),

  // Batches and sync
  BATCH_MAX_ROWS: int(1, 100_000).default(5000),
  BATCH_CHUNK_SIZE: int(1, 50).default(50),
  SYNC_INTERVAL_MS: int(200, 3_600_000).default(5000),
  SYNC_CONCURRENCY: int(1, 16).default(4),
  SYNC_STALL_AFTER_MS: int(1000, 86_400_000).default(600_000),
  SYNC_ENABLED: z.preprocess(blankToUndefined, bool.default(true)),

  // Review
  REVIEW_LOCK_MS: int(10_000, 86_400_000).default(600_000),
});

type Raw = z.infer<typeof schema>;

export type Env = Raw & {
  /** True when no real Atlas is configured: the embedded simulator answers instead. */
  demoMode: boolean;
  /** Base URL the server uses to call Atlas (the embedded simulator in demo mode). */
  atlasBaseUrl: string;
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
  const demoMode = !e.ATLAS_BASE_URL;
  if (!demoMode) {
    if (!e.ATLAS_CLIENT_ID)
      problems.push("ATLAS_CLIENT_ID: required when ATLAS_BASE_URL is set (the Client-Id Atlas issued you)");
    if (!e.ATLAS_CLIENT_SECRET)
      problems.push(
        "ATLAS_CLIENT_SECRET: required when ATLAS_BASE_URL is set (the Client-Secret paired with ATLAS_CLIENT_ID)",
      );
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
  if (problems.length) throw new EnvError(problems);

  const appBaseUrl = e.APP_BASE_URL ?? `http://localhost:${e.PORT}`;
  return {
    ...e,
    demoMode,
    atlasBaseUrl: e.ATLAS_BASE_URL ?? `http://127.0.0.1:${e.PORT}${SIM_MOUNT_PATH}`,
    atlasClientId: e.ATLAS_CLIENT_ID ?? DEMO_ATLAS_CLIENT_ID,
    atlasClientSecret: e.ATLAS_CLIENT_SECRET ?? DEMO_ATLAS_CLIENT_SECRET,
    defaultProductType,
    appBaseUrl,
    demoAccounts: e.DEMO_ACCOUNTS ?? demoMode,
    allowHttpFileUrls: demoMode || e.ATLAS_BASE_URL!.startsWith("http://"),
  };
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
