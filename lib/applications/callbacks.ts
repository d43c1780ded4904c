import "server-only";
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { isAtlasError } from "@/lib/atlas/errors";
import { parseAtlasJson } from "@/lib/atlas/json";
import { parseFlowCallback } from "@/lib/atlas/flow-normalise";
import type { Db } from "@/lib/db";
import { recordAudit, SYSTEM_ACTOR } from "@/lib/db/queries/audit";
import { applicationCallbacks, applications } from "@/lib/db/schema";
import type { ThresholdSet } from "@/lib/documents/thresholds";
import { logger } from "@/lib/logger";
import { queueSecondReads } from "@/lib/second-reader/queue";
import { storeApplicationResults } from "./results";
import { applicationSecretMatches, presentedToken, type CallbackTokenSigner } from "./secrets";
import { statusMeaning } from "./status";
import { isUuid } from "@/lib/ids";

/**
 * The two endpoints Atlas calls (atlas-api.md 4.3): `auth` hands out a short-lived token to a
 * caller presenting the application's secret; `callback` takes the CallbackData only with a
 * valid token for that same application. Both return plain {status, body} so the route files
 * stay thin and these stay testable without a server.
 */
export type EndpointAnswer = { status: number; body: Record<string, unknown> };

const refused = (status: number, error: string): EndpointAnswer => ({ status, body: { error } });

export async function answerAuthRequest(
  db: Db,
  input: { applicationId: string; key: string | string[] | null; signer: CallbackTokenSigner; now?: number },
): Promise<EndpointAnswer> {
  // Unknown application and wrong key answer alike, so the endpoint reveals nothing.
  const denied = refused(401, "Unknown application or wrong key.");
  const keys = (Array.isArray(input.key) ? input.key : [input.key]).filter((k): k is string => !!k);
  if (!isUuid(input.applicationId) || keys.length === 0) return denied;
  const [application] = await db
    .select({ hash: applications.authSecretHash })
    .from(applications)
    .where(eq(applications.id, input.applicationId));
  if (!application || !keys.some((key) => applicationSecretMatches(key, application.hash))) return denied;
  const { accessToken, expiresIn } = input.signer.issue(input.applicationId, input.now);
  return { status: 200, body: { access_token: accessToken, token_type: "Bearer", expires_in: expiresIn } };
}

/** Callbacks carry OCR for a handful of documents; anything far larger is not Atlas. */
export const MAX_CALLBACK_BYTES = 20_000_000;

const UNAUTHORISED = "Missing or invalid token for this application. Obtain one from its auth_url.";

/**
 * The token check of the callback, on headers (and the URL) only: the route runs it before it
 * reads a byte of the body, so an anonymous caller cannot make the server hold anything.
 */
export function callbackAuthorised(input: {
  applicationId: string;
  headers: Headers;
  url?: string;
  signer: CallbackTokenSigner;
  nowMs?: number;
}): boolean {
  const token = presentedToken(input.headers, input.url);
  return isUuid(input.applicationId) && input.signer.verify(token, input.applicationId, input.nowMs);
}

export const callbackUnauthorised = (): EndpointAnswer => refused(401, UNAUTHORISED);

export async function answerCallback(
  db: Db,
  input: {
    applicationId: string;
    headers: Headers;
    url?: string;
    bodyText: string;
    signer: CallbackTokenSigner;
    thresholds: (db: Db) => Promise<ThresholdSet>;
    now?: Date;
  },
): Promise<EndpointAnswer> {
  const now = input.now ?? new Date();
  if (!callbackAuthorised({ ...input, nowMs: now.getTime() })) return callbackUnauthorised();
  if (Buffer.byteLength(input.bodyText) > MAX_CALLBACK_BYTES)
    return refused(413, "The callback body is too large.");
  const body = callbackBody(input.bodyText, input.headers.get("content-type"));
  if (body === undefined) return refused(400, "The callback body is not JSON.");
  let extracts;
  try {
    extracts = parseFlowCallback(body);
  } catch (error) {
    return refused(400, isAtlasError(error) ? error.userMessage : "The callback could not be understood.");
  }
  const [application] = await db
    .select({ flowUuid: applications.flowUuid })
    .from(applications)
    .where(eq(applications.id, input.applicationId));
  if (!application) return refused(404, "This application no longer exists.");
  if (extracts.flowUuid && application.flowUuid && extracts.flowUuid !== application.flowUuid) {
    return refused(409, "This callback names another Atlas flow than the one of this application.");
  }
  if (extracts.unreadable.length) {
    // The raw payload is kept in flow_callbacks; the readable entries are stored as usual.
    logger.warn("application.callback_unreadable_entries", {
      applicationId: input.applicationId,
      count: extracts.unreadable.length,
      reasons: extracts.unreadable.slice(0, 5).map((u) => `ocr_data.${u.index}: ${u.reason}`),
    });
  }

  const idempotencyKey = callbackKey(body);
  const thresholds = await input.thresholds(db);
  const outcome = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(applicationCallbacks)
      .values({ applicationId: input.applicationId, idempotencyKey, payload: body })
      .onConflictDoNothing({
        target: [applicationCallbacks.applicationId, applicationCallbacks.idempotencyKey],
      })
      .returning({ id: applicationCallbacks.id });
    if (!inserted) return undefined;
    const stored = await storeApplicationResults(tx, input.applicationId, extracts, { thresholds, now });
    const master = extracts.masterStatus ?? null;
    const finished = statusMeaning(master) === "finished";
    // A status-only callback (no ocr_data) announces results without carrying them: the
    // poller reads them from extracts now. So does any outcome other than a finished one.
    const pollNow = !finished || extracts.statusOnly || stored.documents === 0;
    await tx
      .update(applications)
      .set({
        callbackReceivedAt: now,
        ...(master ? { masterStatus: master, lastStatusAt: now, unknownStatusPolls: 0 } : {}),
        // [INF] a finished master status means every stage finished (atlas-api.md 4.1); the
        // callback carries only master_status, so the stages are completed accordingly.
        ...(finished
          ? { uploadStatus: "SUCCESS", processingStatus: "SUCCESS", crossheckStatus: "COMPLETED" }
          : {}),
        ...(pollNow ? { nextPollAt: now } : {}),
        updatedAt: now,
      })
      .where(eq(applications.id, input.applicationId));
    await recordAudit(tx, {
      ...SYSTEM_ACTOR,
      action: "application.callback",
      targetType: "application",
      targetId: input.applicationId,
      metadata: {
        masterStatus: master,
        documents: stored.documents,
        crossChecks: stored.crossChecks,
        ...(extracts.statusOnly ? { statusOnly: true } : {}),
        ...(extracts.unreadable.length ? { unreadableEntries: extracts.unreadable.length } : {}),
      },
    });
    return stored;
  });
  if (!outcome) return { status: 200, body: { received: true, duplicate: true } };
  if (outcome.documents > 0) queueSecondReads({ applicationId: input.applicationId });
  if (outcome.unknownDocuments > 0) {
    logger.warn("application.callback_unknown_documents", {
      applicationId: input.applicationId,
      count: outcome.unknownDocuments,
    });
  }
  return { status: 200, body: { received: true, duplicate: false, documents: outcome.documents } };
}

/**
 * The callback body as JSON. A Python service's default encoder writes bare `NaN`/`Infinity`,
 * which strict JSON refuses (and Atlas would retry forever): they are read as missing (null).
 */
export function parseCallbackJson(text: string): unknown {
  try {
    return parseAtlasJson(text);
  } catch {
    return undefined;
  }
}

/**
 * The callback body: JSON as above; an empty body is a bare "something changed" ping (read as
 * `{}`, status-only, so the poller fetches the results); a form-encoded body
 * (`flow_uuid=…&master_status=SUCCESS`) is read as its fields. Undefined when it is none of these.
 */
export function callbackBody(text: string, contentType: string | null): unknown {
  if (text.trim() === "") return {};
  const json = parseCallbackJson(text);
  if (json !== undefined) return json;
  const form =
    /application\/x-www-form-urlencoded/i.test(contentType ?? "") ||
    /^[\w.%-]+=[^&]*(&[\w.%-]+=[^&]*)*$/.test(text.trim());
  if (!form) return undefined;
  const fields: Record<string, unknown> = Object.fromEntries(new URLSearchParams(text.trim()));
  for (const key of ["ocr_data", "cross_checks", "flow_params"]) {
    const v = fields[key];
    if (typeof v === "string") fields[key] = parseCallbackJson(v) ?? v;
  }
  return fields;
}

/** Same payload → same key, whatever the order of its keys. */
export function callbackKey(body: unknown): string {
  return createHash("sha256").update(canonicalJson(body)).digest("hex");
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
