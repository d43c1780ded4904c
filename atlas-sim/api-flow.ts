import { randomUUID } from "node:crypto";
import { publicBaseUrl } from "./files";
import { parseUpload, rejectToken, rejectTooManyFiles, type SimContext } from "./context";
import { applyPayloadQuirks, statusAnswer } from "./flow-profile";
import { flowDoneAt, flowPayload, flowStatus } from "./flows";
import {
  error,
  flowNotFound,
  isRecord,
  json,
  missingParams,
  nonEmptyString,
  pyList,
  readJsonBody,
} from "./responses";
import type { SimFlow } from "./store";

const FAMILY = "v3";

/** POST /v3/verification/flow/init */
export async function handleFlowInit(ctx: SimContext, request: Request, endpoint: string) {
  const rejected = rejectToken(ctx, request, FAMILY, endpoint);
  if (rejected) return rejected;
  const body = await readJsonBody(request);
  const record = isRecord(body) ? body : {};
  const required = ["product_type", "application_id", "auth_url", "callback_url"];
  const missing = required.filter((key) => !nonEmptyString(record[key]));
  if (record.flow_params !== undefined && record.flow_params !== null && !isRecord(record.flow_params)) {
    missing.push("flow_params");
  }
  if (missing.length) return missingParams(missing);

  // Duplicate application ids are allowed on v3: each init makes a new flow (atlas-api.md 6 #14).
  const flow: SimFlow = {
    flowUuid: randomUUID(),
    productType: String(record.product_type),
    applicationId: String(record.application_id),
    authUrl: String(record.auth_url),
    callbackUrl: String(record.callback_url),
    flowParams: isRecord(record.flow_params) ? record.flow_params : {},
    documents: [],
    version: 0,
    callbackDeliveredVersion: 0,
    crossCheckMs: 0,
  };
  ctx.store.flows.set(flow.flowUuid, flow);
  return json(201, { flow_uuid: flow.flowUuid });
}

/** POST /v3/verification/multiupload */
export async function handleFlowUpload(ctx: SimContext, request: Request, endpoint: string) {
  const rejected = rejectToken(ctx, request, FAMILY, endpoint);
  if (rejected) return rejected;
  const body = await readJsonBody(request);
  const parsed = parseUpload(body, ["flow_uuid"]);
  if (!parsed.ok) return parsed.response;
  const flow = ctx.store.flows.get(String((body as Record<string, unknown>).flow_uuid));
  if (!flow) return flowNotFound();
  const tooMany = rejectTooManyFiles(ctx, parsed.files);
  if (tooMany) return tooMany;

  if (ctx.options.authUrlCheck || ctx.faults.remaining("auth_url_unreachable") > 0) {
    const forced = ctx.faults.take("auth_url_unreachable");
    if (forced || !(await ctx.callbacks.authUrlReachable(flow))) {
      return error(422, "External service failure: unable to reach auth_url");
    }
  }

  const batch = ctx.store.createBatch({
    family: FAMILY,
    productType: flow.productType,
    files: parsed.files,
    flowUuid: flow.flowUuid,
    holdCount: 0,
    baseUrl: publicBaseUrl(ctx, request),
  });
  flow.documents.push(...batch.documents);
  ctx.startDownloads(batch.documents);
  flow.version += 1;
  flow.crossCheckMs = Math.min(1_000, Math.floor(ctx.options.latency.minMs * 0.25));
  const doneAt = flowDoneAt(flow);
  if (doneAt !== undefined) ctx.scheduleSweep(doneAt);
  return json(
    201,
    batch.documents.map((d) => ({ file_uuid: d.fileUuid, batch_id: d.batchId, document_id: d.documentId })),
  );
}

function findFlow(ctx: SimContext, request: Request): SimFlow | Response {
  const flowUuid = new URL(request.url).searchParams.get("flow_uuid");
  if (!flowUuid) return error(400, `Missing required ${pyList(["flow_uuid"])} parameters`);
  return ctx.store.flows.get(flowUuid) ?? flowNotFound();
}

/** GET /v3/verification/status */
export function handleFlowStatus(ctx: SimContext, request: Request, endpoint: string) {
  const rejected = rejectToken(ctx, request, FAMILY, endpoint);
  if (rejected) return rejected;
  const flow = findFlow(ctx, request);
  if (flow instanceof Response) return flow;
  return json(200, statusAnswer({ ...flowStatus(flow, ctx.now()) }, ctx.callbacks.quirks));
}

/** GET /v3/verification/extracts */
export function handleFlowExtracts(ctx: SimContext, request: Request, endpoint: string) {
  const rejected = rejectToken(ctx, request, FAMILY, endpoint);
  if (rejected) return rejected;
  const flow = findFlow(ctx, request);
  if (flow instanceof Response) return flow;
  return json(200, applyPayloadQuirks(flowPayload(flow, ctx.now()), ctx.callbacks.quirks, false));
}
