import { runCrossChecks } from "./cross-checks";
import { documentEntry, isVisible, type SimFlow } from "./store";

export interface FlowStatus {
  upload_status: "NOT_STARTED" | "IN_PROGRESS" | "SUCCESS" | "FAILED";
  processing_status: "NOT_STARTED" | "IN_PROGRESS" | "SUCCESS" | "FAILED" | "PENDING";
  /** Atlas's spelling, missing a "c". */
  crossheck_status: "NOT_STARTED" | "PENDING" | "COMPLETED";
  master_status: "NOT_STARTED" | "IN_PROGRESS" | "SUCCESS" | "FAILED";
}

/** When the flow's current work is complete (cross-checks included); undefined with no documents. */
export function flowDoneAt(flow: SimFlow): number | undefined {
  if (!flow.documents.length) return undefined;
  return Math.max(...flow.documents.map((d) => d.readyAt)) + flow.crossCheckMs;
}

/** The four status fields, following the [SIM] step table of atlas-api.md 4.1. */
export function flowStatus(flow: SimFlow, now: number): FlowStatus {
  const docs = flow.documents;
  if (!docs.length) {
    return {
      upload_status: "NOT_STARTED",
      processing_status: "NOT_STARTED",
      crossheck_status: "NOT_STARTED",
      master_status: "NOT_STARTED",
    };
  }
  const downloadsEnd = Math.max(...docs.map((d) => d.downloadedAt));
  const allReady = Math.max(...docs.map((d) => d.readyAt));
  if (now < downloadsEnd || docs.some((d) => d.awaitingDownload)) {
    return {
      upload_status: "IN_PROGRESS",
      processing_status: "PENDING",
      crossheck_status: "NOT_STARTED",
      master_status: "IN_PROGRESS",
    };
  }
  if (docs.some((d) => d.downloadFailed)) {
    return {
      upload_status: "FAILED",
      processing_status: now < allReady ? "IN_PROGRESS" : "SUCCESS",
      crossheck_status: "NOT_STARTED",
      master_status: "FAILED",
    };
  }
  if (now < allReady) {
    return {
      upload_status: "SUCCESS",
      processing_status: "IN_PROGRESS",
      crossheck_status: "NOT_STARTED",
      master_status: "IN_PROGRESS",
    };
  }
  const crossChecksDone = now >= allReady + flow.crossCheckMs;
  return {
    upload_status: "SUCCESS",
    processing_status: "SUCCESS",
    crossheck_status: crossChecksDone ? "COMPLETED" : "PENDING",
    master_status: crossChecksDone ? "SUCCESS" : "IN_PROGRESS",
  };
}

export const isTerminal = (status: FlowStatus) =>
  status.master_status === "SUCCESS" || status.master_status === "FAILED";

/** CallbackData: the body of GET /v3/verification/extracts and of the callback POST (4.2). */
export function flowPayload(flow: SimFlow, now: number): Record<string, unknown> {
  const status = flowStatus(flow, now);
  const visible = flow.documents.filter((d) => isVisible(d, now)).sort((a, b) => a.serial - b.serial);
  return {
    flow_uuid: flow.flowUuid,
    application_id: flow.applicationId,
    product_type: flow.productType,
    master_status: status.master_status,
    flow_params: flow.flowParams,
    ocr_data: visible.map(documentEntry),
    cross_checks: status.crossheck_status === "COMPLETED" ? runCrossChecks(flow.productType, visible) : [],
  };
}
