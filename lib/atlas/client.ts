/**
 * The Atlas client factory. Deliberately without `import "server-only"` so that CLI scripts
 * (scripts/atlas-demo.ts) can use it; the app gets its instance from `lib/atlas/index.ts`,
 * which is server-only. Secrets and tokens stay inside this closure: no method returns them
 * and no message contains them.
 */
import { isAtlasError } from "./errors";
import { sendRequest, type AtlasRequest, type HttpConfig } from "./http";
import { normaliseExtractsPage } from "./entries";
import { normaliseFlowExtracts, normaliseStatus, normaliseUpload } from "./normalise";
import {
  bulkExtractsResponseSchema,
  flowExtractsResponseSchema,
  flowInitResponseSchema,
  flowStatusResponseSchema,
  tokenResponseSchema,
  uploadResponseSchema,
} from "./schemas";
import { TokenManager } from "./token";
import type { ExtractsPage, FlowExtracts, FlowStatus, Reachability, UploadFile, UploadResult } from "./types";
import type { z } from "zod";

export interface AtlasClientConfig {
  baseUrl: string;
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

export type AtlasFamily = "bulk" | "v3";

export const ATLAS_PATHS = {
  bulk: { token: "/v1/bulk/authtoken", upload: "/v1/bulk/multiupload", extracts: "/v1/bulk/extracts" },
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
}

export function createAtlasClient(config: AtlasClientConfig): AtlasClient {
  const now = config.now ?? Date.now;
  const managers: Partial<Record<AtlasFamily, TokenManager>> = {};
  const liveTokens = (): string[] => Object.values(managers).flatMap((m) => (m ? m.knownTokens() : []));

  const http: HttpConfig = {
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
          http,
          {
            method: "POST",
            path: ATLAS_PATHS[family].token,
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
      sendRequest(http, { ...req, headers: { ...req.headers, Token: token } }, schema),
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
        return normaliseStatus(await call("v3", req, flowStatusResponseSchema));
      },
      async extracts(flowUuid) {
        const req: AtlasRequest = {
          method: "GET",
          path: ATLAS_PATHS.v3.extracts,
          query: { flow_uuid: flowUuid },
          retry: true,
        };
        return normaliseFlowExtracts(await call("v3", req, flowExtractsResponseSchema));
      },
    },
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
