import { handleBulkExtracts, handleBulkUpload } from "./api-bulk";
import { handleFlowExtracts, handleFlowInit, handleFlowStatus, handleFlowUpload } from "./api-flow";
import { CallbackDispatcher, type CallbackAttempt } from "./callbacks";
import { handleAuthToken, type SimContext } from "./context";
import { handleControl } from "./control";
import { Downloader, downloadFailedData, type DownloadRecord } from "./downloads";
import { FaultBoard, type SimFault } from "./faults";
import { resolveFlowQuirks, type FlowQuirks } from "./flow-profile";
import { handleFile, handleSpecimens, publicBaseUrl } from "./files";
import { handleMaskedFile, MASKED_PATH } from "./masked";
import { flowPayload, flowStatus, isTerminal } from "./flows";
import { resolveOptions, type SimulatorOptions } from "./options";
import { parseProfiles, profileFaults } from "./profiles";
import { json, methodNotAllowed, notFound, truncateBody, versionGone } from "./responses";
import { SimStore, type SimDocument } from "./store";
import { TokenAuthority, type SimFamily } from "./tokens";

type Route = {
  method: "GET" | "POST";
  handler: (ctx: SimContext, request: Request, endpoint: string) => Response | Promise<Response>;
};

const bulkRoutes = (prefix: string, family: SimFamily): Record<string, Route> => ({
  [`${prefix}/authtoken`]: { method: "POST", handler: (ctx, req) => handleAuthToken(ctx, req, family) },
  [`${prefix}/multiupload`]: {
    method: "POST",
    handler: (ctx, req, ep) => handleBulkUpload(ctx, req, family, ep),
  },
  [`${prefix}/extracts`]: {
    method: "GET",
    handler: (ctx, req, ep) => handleBulkExtracts(ctx, req, family, ep),
  },
});

const API_ROUTES: Record<string, Route> = {
  ...bulkRoutes("/v1/bulk", "bulk"),
  ...bulkRoutes("/v1/docstream", "docstream"),
  "/v3/verification/authtoken": { method: "POST", handler: (ctx, req) => handleAuthToken(ctx, req, "v3") },
  "/v3/verification/flow/init": { method: "POST", handler: handleFlowInit },
  "/v3/verification/multiupload": { method: "POST", handler: handleFlowUpload },
  "/v3/verification/status": { method: "GET", handler: handleFlowStatus },
  "/v3/verification/extracts": { method: "GET", handler: handleFlowExtracts },
};

const KNOWN_VERSIONS = new Set(["v1", "v2", "v3"]);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Simulator {
  /** Web Fetch API handler; mount it anywhere (node:http adapter, Next route handler). */
  handle(request: Request): Promise<Response>;
  addFault(fault: SimFault): void;
  /** Arms a profile's faults for every request (throws on an unknown name). */
  applyProfile(name: string): void;
  clearFaults(): void;
  faults(): Array<SimFault & { remaining: number }>;
  /** Forget all batches, flows, faults and tokens (the start-up profiles are armed again). */
  reset(): void;
  /** Move the simulator's clock forward (documents and flows progress accordingly). */
  advance(ms: number): void;
  /** Finish all pending processing now (and deliver due callbacks). */
  flush(): void;
  revokeAllTokens(): void;
  documents(): SimDocument[];
  callbackAttempts(): CallbackAttempt[];
  /** Tokens issued so far per family. */
  tokensIssued(): Record<SimFamily, number>;
  /** Resolves once every callback delivery in progress has finished. */
  idle(): Promise<void>;
  /** Files fetched so far (downloads on), newest last; URLs without their query strings. */
  downloads(): DownloadRecord[];
  downloadsEnabled(): boolean;
  setDownloads(enabled: boolean): void;
  /** Resolves once every download started so far has finished. */
  downloadsIdle(): Promise<void>;
  /** Switch the Flow API behaviours (flow-profile.ts): a profile name, names joined by commas, or quirks. */
  setFlowProfile(spec: string | Partial<FlowQuirks>): FlowQuirks;
  readonly basePath: string;
}

export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const resolved = resolveOptions(options);
  let offsetMs = 0;
  const now = () => resolved.now() + offsetMs;
  const store = new SimStore(now, resolved.latency, resolved.fileSigningSecret);
  const faults = new FaultBoard();
  const armProfiles = (names: string[]) => profileFaults(names).forEach((f) => faults.add(f));
  armProfiles(resolved.profiles);
  const tokens = new TokenAuthority(resolved.jwtSecret, now);
  const callbacks = new CallbackDispatcher({
    quirks: resolveFlowQuirks(options.flowProfile),
    fetch: resolved.fetch,
    now,
    retryDelaysMs: resolved.callbackRetryDelaysMs,
    callbackTimeoutMs: resolved.callbackTimeoutMs,
    authUrlTimeoutMs: resolved.authUrlTimeoutMs,
  });

  /** Fires the callback of every flow that has reached a terminal state since its last upload. */
  const sweep = () => {
    const t = now();
    for (const flow of store.flows.values()) {
      if (flow.version === 0 || flow.callbackDeliveredVersion === flow.version) continue;
      if (!isTerminal(flowStatus(flow, t))) continue;
      flow.callbackDeliveredVersion = flow.version;
      callbacks.deliver(flow, flowPayload(flow, t));
    }
  };

  let downloadsOn = resolved.downloads;
  const downloader = new Downloader(resolved.downloadFetch, resolved.downloadSettings, now);
  /** A file that could not be downloaded gives its document Atlas's download error, not a result. */
  const downloaded = (doc: SimDocument, failure: string | undefined) => {
    doc.awaitingDownload = false;
    const t = now();
    doc.downloadedAt = Math.max(doc.downloadedAt, t);
    doc.readyAt = Math.max(doc.readyAt, t);
    if (failure) {
      doc.downloadFailed = true;
      const fileData = downloadFailedData(failure);
      doc.generated = { fileUrl: doc.fileUrl, documentType: "INVALID_DOC", fileData, deliberateErrors: [] };
    }
    if (doc.flowUuid) ctx.scheduleSweep(doc.readyAt);
  };

  const ctx: SimContext = {
    options: resolved,
    now,
    store,
    faults,
    tokens,
    callbacks,
    scheduleSweep: (atMs) => {
      const timer = setTimeout(sweep, Math.max(0, atMs - now()) + 1);
      timer.unref?.();
    },
    startDownloads: (docs) => {
      if (!downloadsOn) return;
      // A link whose own expiry has passed (URL hints) already failed without a request.
      const fetchable = docs.filter((d) => !d.downloadFailed);
      for (const doc of fetchable) doc.awaitingDownload = true;
      downloader.start(fetchable, downloaded);
    },
  };

  const simulator: Simulator = {
    basePath: resolved.basePath,
    async handle(request) {
      const pathname = new URL(request.url).pathname;
      if (!pathname.startsWith(resolved.basePath)) return notFound();
      const path = pathname.slice(resolved.basePath.length).replace(/\/+$/, "") || "/";
      sweep();
      try {
        return await route(request, path);
      } finally {
        sweep();
      }
    },
    addFault: (fault) => faults.add(fault),
    applyProfile: (name) => armProfiles(parseProfiles(name)),
    clearFaults: () => faults.clear(),
    faults: () => faults.list(),
    reset() {
      store.reset();
      faults.clear();
      armProfiles(resolved.profiles);
      tokens.reset();
      callbacks.reset();
      downloader.reset();
    },
    advance(ms) {
      offsetMs += ms;
      sweep();
    },
    flush() {
      store.flush();
      for (const flow of store.flows.values()) flow.crossCheckMs = 0;
      sweep();
    },
    revokeAllTokens: () => tokens.revokeAll(),
    documents: () => store.allDocuments(),
    callbackAttempts: () => [...callbacks.attempts],
    tokensIssued: () => ({ ...tokens.issuedCount }),
    idle: () => callbacks.idle(),
    downloads: () => [...downloader.records],
    downloadsEnabled: () => downloadsOn,
    setDownloads: (enabled) => void (downloadsOn = enabled),
    downloadsIdle: () => downloader.idle(),
    setFlowProfile: (spec) => (callbacks.quirks = resolveFlowQuirks(spec)),
  };

  async function route(request: Request, path: string): Promise<Response> {
    if (path === "/" && request.method === "GET") return info(request);
    if (path === "/specimens" && request.method === "GET") return handleSpecimens(ctx, request);
    if (path.startsWith("/files/") && request.method === "GET") return handleFile(ctx, request);
    if (path.startsWith(`${MASKED_PATH}/`) && request.method === "GET")
      return handleMaskedFile(request, resolved.basePath, now(), resolved.fileSigningSecret);
    if (path.startsWith("/__sim/")) return handleControl(simulator, request, path.slice("/__sim".length));

    const version = path.split("/")[1] ?? "";
    if (/^v\d+$/.test(version) && !KNOWN_VERSIONS.has(version)) return versionGone();
    const api = API_ROUTES[path];
    if (!api) return notFound();
    if (request.method !== api.method) return methodNotAllowed();
    return applyFaults(request, path, () => api.handler(ctx, request, path));
  }

  async function applyFaults(request: Request, endpoint: string, run: () => Response | Promise<Response>) {
    const slow = faults.take("slow", endpoint);
    if (slow) await sleep(slow.delayMs);
    const status = faults.take("status", endpoint);
    if (status) {
      const message =
        status.status === 429
          ? "Too Many Requests"
          : status.status === 500
            ? "Internal Server Error"
            : "Service Unavailable";
      const headers: Record<string, string> =
        status.retryAfterSeconds !== undefined ? { "retry-after": String(status.retryAfterSeconds) } : {};
      return json(status.status, { error: message }, headers);
    }
    const response = await run();
    return faults.take("malformed_json", endpoint) ? truncateBody(response) : response;
  }

  function info(request: Request): Response {
    const base = publicBaseUrl(ctx, request);
    return json(200, {
      name: "Atlas simulator",
      baseUrl: base,
      specimens: `${base}/specimens`,
      endpoints: [...Object.entries(API_ROUTES)].map(([path, r]) => `${r.method} ${path}`),
      control: `${base}/__sim/faults`,
      profiles: resolved.profiles,
    });
  }

  return simulator;
}
