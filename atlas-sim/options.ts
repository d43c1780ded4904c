import { randomBytes } from "node:crypto";
import { SIM_DEMO_CLIENT_ID, SIM_DEMO_CLIENT_SECRET } from "./demo-credentials";
import { DEFAULT_DOWNLOAD_SETTINGS, type DownloadSettings } from "./downloads";
import type { FlowQuirks } from "./flow-profile";
import { parseProfiles } from "./profiles";

/** "instant", a fixed number of ms, a range, or the env-style string "2000" / "1500-4000". */
export type SimLatency = "instant" | number | { minMs: number; maxMs: number } | string;

export interface SimulatorOptions {
  /** Path prefix the simulator is mounted under: "" standalone, "/atlas-sim" inside Next. */
  basePath?: string;
  clientId?: string;
  clientSecret?: string;
  /** How long a document takes from upload to result. Default "instant". */
  latency?: SimLatency;
  jwtSecret?: string;
  /** Signs the links to masked copies (`redact_url`). Default: the client secret, stable across restarts. */
  fileSigningSecret?: string;
  now?: () => number;
  /** Check the flow's auth_url on every v3 multiupload (422 when unreachable). Default true. */
  authUrlCheck?: boolean;
  authUrlTimeoutMs?: number;
  /** Waits before the callback retries: up to one retry per entry. Default 5 s, 30 s, 120 s. */
  callbackRetryDelaysMs?: number[];
  callbackTimeoutMs?: number;
  /**
   * Absolute base URL (including basePath) that browsers use to reach the simulator, for specimen
   * file URLs. Default: derived from the request's X-Forwarded-* / Host headers plus basePath.
   */
  publicBaseUrl?: string | ((request: Request) => string);
  maxFilesPerUpload?: number;
  /** Used for the simulator's own outgoing calls (auth_url, callback_url). */
  fetch?: typeof fetch;
  /** Flow API behaviours: a profile name (or several, comma-separated) or quirks; see flow-profile.ts. */
  flowProfile?: string | Partial<FlowQuirks>;
  /** Lasting behaviours by name (see profiles.ts), e.g. "short-pages,nan". */
  profile?: string | string[];
  /** Download every uploaded file as Atlas does (downloads.ts). Default false (tests); on for `npm run sim` and demo mode. */
  downloads?: boolean;
  downloadSettings?: Partial<DownloadSettings>;
  /** Fetches the uploaded files (default: global fetch). */
  downloadFetch?: typeof fetch;
}

export interface ResolvedOptions {
  basePath: string;
  clientId: string;
  clientSecret: string;
  latency: { minMs: number; maxMs: number };
  jwtSecret: string;
  fileSigningSecret: string;
  now: () => number;
  authUrlCheck: boolean;
  authUrlTimeoutMs: number;
  callbackRetryDelaysMs: number[];
  callbackTimeoutMs: number;
  publicBaseUrl?: string | ((request: Request) => string);
  maxFilesPerUpload: number;
  fetch: typeof fetch;
  profiles: string[];
  downloads: boolean;
  downloadSettings: DownloadSettings;
  downloadFetch: typeof fetch;
}

export function parseLatency(latency: SimLatency | undefined): { minMs: number; maxMs: number } {
  if (latency === undefined || latency === "instant") return { minMs: 0, maxMs: 0 };
  if (typeof latency === "number") return { minMs: latency, maxMs: latency };
  if (typeof latency === "object")
    return { minMs: latency.minMs, maxMs: Math.max(latency.minMs, latency.maxMs) };
  const m = latency.trim().match(/^(\d+)(?:-(\d+))?$/);
  if (!m) throw new Error(`Simulator latency "${latency}" must be "instant", "2000" or "1500-4000"`);
  const minMs = Number(m[1]);
  return { minMs, maxMs: Math.max(minMs, Number(m[2] ?? m[1])) };
}

export function resolveOptions(options: SimulatorOptions): ResolvedOptions {
  return {
    basePath: (options.basePath ?? "").replace(/\/+$/, ""),
    clientId: options.clientId ?? SIM_DEMO_CLIENT_ID,
    clientSecret: options.clientSecret ?? SIM_DEMO_CLIENT_SECRET,
    latency: parseLatency(options.latency),
    jwtSecret: options.jwtSecret ?? randomBytes(32).toString("hex"),
    fileSigningSecret: options.fileSigningSecret ?? options.clientSecret ?? SIM_DEMO_CLIENT_SECRET,
    now: options.now ?? Date.now,
    authUrlCheck: options.authUrlCheck ?? true,
    authUrlTimeoutMs: options.authUrlTimeoutMs ?? 5_000,
    callbackRetryDelaysMs: options.callbackRetryDelaysMs ?? [5_000, 30_000, 120_000],
    callbackTimeoutMs: options.callbackTimeoutMs ?? 10_000,
    publicBaseUrl: options.publicBaseUrl,
    maxFilesPerUpload: options.maxFilesPerUpload ?? 50,
    fetch: options.fetch ?? ((...args) => fetch(...args)),
    profiles: parseProfiles(options.profile),
    downloads: options.downloads ?? false,
    downloadSettings: { ...DEFAULT_DOWNLOAD_SETTINGS, ...options.downloadSettings },
    downloadFetch: options.downloadFetch ?? ((...args) => fetch(...args)),
  };
}
