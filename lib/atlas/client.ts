/**
 * The Atlas client factory. Deliberately without `import "server-only"` so that CLI scripts
 * (scripts/atlas-demo.ts) can use it; the app gets its instance from `lib/atlas/index.ts`,
 * which is server-only. Secrets and tokens stay inside this closure: no method returns them
 * and no message contains them.
 */
import type { RequestBudget } from "./budget";
import { isAtlasError } from "./errors";
import { sendRequest, type AtlasRequest, type HttpConfig } from "./http";
import { normaliseExtractsPage } from "./entries";
import { flowStatusAnswerSchema, normaliseFlowExtracts, normaliseStatus } from "./flow-normalise";
import { normaliseUpload } from "./normalise";
import {
  bulkExtractsResponseSchema,
  flowInitResponseSchema,
  tokenResponseSchema,
  uploadResponseSchema,
} from "./schemas";
import { TokenManager } from "./token";
import type { ExtractsPage, FlowExtracts, FlowStatus, Reachability, UploadFile, UploadResult } from "./types";
import { z } from "zod";

export interface AtlasClientConfig {
  /** Base URL of every API family that has none of its own in `baseUrls`. */
  baseUrl: string;
  /** A base URL per API family (ATLAS_BULK_BASE_URL, ATLAS_FLOW_BASE_URL, ATLAS_DOCSTREAM_BASE_URL). */
  baseUrls?: { bulk?: string; v3?: string };
  /**
   * Which API serves batches: the Bulk API (`/v1/bulk/*`, default) or the IDP/docstream API
   * (`/v1/docstream/*`, the same contract on the sandbox host, with its own token).
   */
  batchApi?: "bulk" | "docstream";
  /** The instance's request budget toward Atlas (shared by everything this client sends). */
  budget?: RequestBudget;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  /** Retries after the first attempt for GETs (and token requests). */
  maxRetries: number;
  /** First backoff wait; doubles per retry, with jitter. Default 500 ms. */
  retryBaseDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Renew tokens this long before they expire. Default 60 s. */
  tokenRenewEarlyMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

/** "bulk" is whichever API serves batches (Bulk or IDP/docstream, see batchApi); "v3" the Flow API. */
export type AtlasFamily = "bulk" | "v3";

export const ATLAS_PATHS = {
  bulk: { token: "/v1/bulk/authtoken", upload: "/v1/bulk/multiupload", extracts: "/v1/bulk/extracts" },
  docstream: {
    token: "/v1/docstream/authtoken",
    upload: "/v1/docstream/multiupload",
    extracts: "/v1/docstream/extracts",
  },
  v3: {
    token: "/v3/verification/authtoken",
    init: "/v3/verification/flow/init",
    upload: "/v3/verification/multiupload",
    status: "/v3/verification/status",
    extracts: "/v3/verification/extracts",
  },
} as const;

export const MAX_PER_PAGE = 50;

export interface FlowInitInput {
  productType: string;
  applicationId: string;
  authUrl: string;
  callbackUrl: string;
  flowParams?: Record<string, unknown>;
}

export interface AtlasClient {
  bulk: {
    /** Not retried on failure (not idempotent): the caller decides. */
    upload(input: { productType: string; files: UploadFile[] }): Promise<UploadResult>;
    extracts(input: { batchId: string; page?: number; perPage?: number }): Promise<ExtractsPage>;
  };
  flow: {
    /** Not retried on failure (not idempotent): the caller decides. */
    init(input: FlowInitInput): Promise<{ flowUuid: string }>;
    /** Not retried on failure (not idempotent): the caller decides. */
    upload(input: { flowUuid: string; files: UploadFile[] }): Promise<UploadResult>;
    status(flowUuid: string): Promise<FlowStatus>;
    extracts(flowUuid: string): Promise<FlowExtracts>;
  };
  /** For health checks: can we obtain (or do we hold) a token? Never throws. */
  checkReachable(family?: AtlasFamily): Promise<Reachability>;
  /** Where each family is served (for the health check and messages). */
  endpoints(): Record<AtlasFamily, { api: "bulk" | "docstream" | "v3"; baseUrl: string }>;
}

export function createAtlasClient(config: AtlasClientConfig): AtlasClient {
  const now = config.now ?? Date.now;
  const managers: Partial<Record<AtlasFamily, TokenManager>> = {};
  const liveTokens = (): string[] => Object.values(managers).flatMap((m) => (m ? m.knownTokens() : []));

  const batchApi = config.batchApi ?? "bulk";
  const baseUrlOf = (family: AtlasFamily) =>
    (config.baseUrls?.[family] ?? config.baseUrl).replace(/\/+$/, "");
  /** Batch requests go to /v1/docstream/* instead of /v1/bulk/* when the IDP API serves batches. */
  const pathFor = (family: AtlasFamily, path: string) =>
    family === "bulk" && batchApi === "docstream" ? path.replace(/^\/v1\/bulk\//, "/v1/docstream/") : path;

  const http: HttpConfig = {
    budget: config.budget,
    baseUrl: config.baseUrl,
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    retryBaseDelayMs: config.retryBaseDelayMs ?? 500,
    maxRetryDelayMs: config.maxRetryDelayMs ?? 10_000,
    fetch: config.fetch ?? ((...args) => fetch(...args)),
    secrets: () => [config.clientSecret, ...liveTokens()],
  };

  for (const family of ["bulk", "v3"] as const) {
    managers[family] = new TokenManager({
      now,
      renewEarlyMs: config.tokenRenewEarlyMs,
      obtain: () =>
        sendRequest(
          { ...http, baseUrl: baseUrlOf(family) },
          {
            method: "POST",
            path: pathFor(family, ATLAS_PATHS[family].token),
            headers: { "Client-Id": config.clientId, "Client-Secret": config.clientSecret },
            // Asking for a token has no side effect worth protecting, so it is retried like a GET.
            retry: true,
            isTokenEndpoint: true,
          },
          tokenResponseSchema,
        ),
    });
  }
  const tokens = (family: AtlasFamily) => managers[family]!;

  const call = <S extends z.ZodType>(family: AtlasFamily, req: AtlasRequest, schema: S) =>
    tokens(family).withToken((token) =>
      sendRequest(
        { ...http, baseUrl: baseUrlOf(family) },
        { ...req, path: pathFor(family, req.path), headers: { ...req.headers, Token: token } },
        schema,
      ),
    );

  const toFileUrls = (files: UploadFile[]) =>
    files.map((f) => ({ file_url: f.fileUrl, document_id: f.documentId }));

  return {
    bulk: {
      async upload({ productType, files }) {
        const path = ATLAS_PATHS.bulk.upload;
        const body = { product_type: productType, file_urls: toFileUrls(files) };
        const answer = await call("bulk", { method: "POST", path, body, retry: false }, uploadResponseSchema);
        return normaliseUpload(answer, files, `POST ${path}`);
      },
      async extracts({ batchId, page = 1, perPage = MAX_PER_PAGE }) {
        const query = { batch_id: batchId, page, per_page: Math.min(perPage, MAX_PER_PAGE) };
        const req: AtlasRequest = { method: "GET", path: ATLAS_PATHS.bulk.extracts, query, retry: true };
        return normaliseExtractsPage(await call("bulk", req, bulkExtractsResponseSchema), page);
      },
    },
    flow: {
      async init({ productType, applicationId, authUrl, callbackUrl, flowParams = {} }) {
        const body = {
          product_type: productType,
          application_id: applicationId,
          auth_url: authUrl,
          callback_url: callbackUrl,
          flow_params: flowParams,
        };
        const req: AtlasRequest = { method: "POST", path: ATLAS_PATHS.v3.init, body, retry: false };
        const answer = await call("v3", req, flowInitResponseSchema);
        return { flowUuid: (answer.flow_uuid ?? answer.flow_id)! };
      },
      async upload({ flowUuid, files }) {
        const path = ATLAS_PATHS.v3.upload;
        const body = { flow_uuid: flowUuid, file_urls: toFileUrls(files) };
        const answer = await call("v3", { method: "POST", path, body, retry: false }, uploadResponseSchema);
        return normaliseUpload(answer, files, `POST ${path}`);
      },
      async status(flowUuid) {
        const req: AtlasRequest = {
          method: "GET",
          path: ATLAS_PATHS.v3.status,
          query: { flow_uuid: flowUuid },
          retry: true,
        };
        return normaliseStatus(await call("v3", req, flowStatusAnswerSchema));
      },
      async extracts(flowUuid) {
        const req: AtlasRequest = {
          method: "GET",
          path: ATLAS_PATHS.v3.extracts,
          query: { flow_uuid: flowUuid },
          retry: true,
        };
        return normaliseFlowExtracts(await call("v3", req, z.unknown()), `GET ${ATLAS_PATHS.v3.extracts}`);
      },
    },
    endpoints: () => ({
      bulk: { api: batchApi, baseUrl: baseUrlOf("bulk") },
      v3: { api: "v3", baseUrl: baseUrlOf("v3") },
    }),
    async checkReachable(family = "bulk") {
      try {
        await tokens(family).get();
        return { ok: true };
      } catch (e) {
        return {
          ok: false,
          error: isAtlasError(e) ? e.userMessage : "Unexpected error while contacting Atlas.",
        };
      }
    },
  };
}
