"use server";

import { defineAction } from "@/lib/actions";
import { UserError } from "@/lib/errors";
import { getAtlasClient } from "@/lib/atlas";
import { actorOf } from "@/lib/auth/actor";
import { validRows } from "@/lib/batches/input";
import { summariseSkipped, type SkippedSummary } from "@/lib/batches/input/skipped";
import { parseBatchInputWithS3 } from "@/lib/batches/s3-input";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/db/queries/audit";
import { getEnv } from "@/lib/env";
import { startFlow } from "@/lib/applications/create";
import { setPassMark } from "@/lib/applications/pass-mark";
import { applicationDocumentIds, getApplication, uploadRowCount } from "@/lib/applications/queries";
import { getApplicationPoller } from "@/lib/applications/service";
import { maskDeep } from "@/lib/masking";
import {
  MAX_APPLICATION_UPLOAD_ROWS,
  recordApplicationUpload,
  requeueFailedApplicationUploads,
  submitApplicationUpload,
} from "@/lib/applications/upload";
import { applicationIdSchema, passMarkInputSchema, uploadDocumentsSchema } from "../schemas";

const NOTHING_SKIPPED: SkippedSummary = { count: 0, text: "", rows: [] };

const createGuard = { kind: "permission", permission: "applications:create" } as const;

async function existingApplication(applicationId: string) {
  const db = await getDb();
  const application = await getApplication(db, applicationId);
  if (!application) throw new UserError("not_found", "That application no longer exists.");
  return { db, application };
}

/**
 * Records the pasted rows on the application, then sends them to Atlas in one multiupload. The
 * text is parsed again here: the browser's preview is a convenience, never trusted.
 */
export const uploadDocumentsAction = defineAction(
  { name: "applications.upload", guard: createGuard, input: uploadDocumentsSchema },
  async ({ applicationId, clientKey, text, extensions }, { user }) => {
    const env = getEnv();
    const { db } = await existingApplication(applicationId);
    // The same key again (a reload, then a second submit): this upload is already recorded.
    const already = await uploadRowCount(db, applicationId, clientKey);
    if (already > 0) {
      return {
        rows: already,
        skipped: NOTHING_SKIPPED,
        sent: true,
        alreadyRecorded: true,
        message: undefined,
      };
    }
    const parsed = await parseBatchInputWithS3(text, {
      maxRows: MAX_APPLICATION_UPLOAD_ROWS,
      allowHttp: env.demoMode,
      now: new Date(),
      existingDocumentIds: await applicationDocumentIds(db, applicationId),
      extensions,
    });
    const rows = validRows(parsed.rows).slice(0, MAX_APPLICATION_UPLOAD_ROWS);
    if (rows.length === 0) {
      throw new UserError(
        "invalid_input",
        "There are no valid rows to upload. Fix the rows marked in the preview.",
      );
    }
    const { uploadId } = await recordApplicationUpload(
      db,
      {
        applicationId,
        uploadId: clientKey,
        rows: rows.map((r) => ({ documentId: r.documentId, fileUrl: r.fileUrl })),
      },
      await actorOf(user),
    );
    const outcome = await submitApplicationUpload(db, getAtlasClient(), uploadId, {
      appBaseUrl: env.appBaseUrl,
    });
    return {
      rows: rows.length,
      // Rows the preview showed as valid may have lapsed since: said in the result, never dropped
      // silently (masked: a row may be named by an Aadhaar number).
      skipped: maskDeep(summariseSkipped(parsed.rows)) as SkippedSummary,
      sent: outcome.sent,
      alreadyRecorded: false,
      message: outcome.sent ? undefined : outcome.message,
    };
  },
);

/** Calls `flow/init` again for an application Atlas did not start (each try has a fresh secret). */
export const startApplicationAction = defineAction(
  { name: "applications.start", guard: createGuard, input: applicationIdSchema },
  async ({ applicationId }, { user }) => {
    const { db } = await existingApplication(applicationId);
    const result = await startFlow(db, getAtlasClient(), applicationId, { appBaseUrl: getEnv().appBaseUrl });
    if (result.started) {
      await recordAudit(db, {
        ...(await actorOf(user)),
        action: "application.start_retry",
        targetType: "application",
        targetId: applicationId,
      });
      return { message: "Atlas started the application." };
    }
    if (result.alreadyStarted) return { message: "The application is already started on Atlas." };
    throw new UserError("failed", result.message ?? "Another start of this application is in progress.");
  },
);

/** Sends the failed uploads again, once each, after a person decided to. */
export const retryFailedUploadsAction = defineAction(
  { name: "applications.retryUploads", guard: createGuard, input: applicationIdSchema },
  async ({ applicationId }, { user }) => {
    const { db } = await existingApplication(applicationId);
    const ids = await requeueFailedApplicationUploads(db, applicationId);
    if (ids.length) {
      await recordAudit(db, {
        ...(await actorOf(user)),
        action: "application.retry_uploads",
        targetType: "application",
        targetId: applicationId,
        metadata: { uploads: ids.length },
      });
    }
    let failed: string | undefined;
    for (const id of ids) {
      const outcome = await submitApplicationUpload(db, getAtlasClient(), id, {
        appBaseUrl: getEnv().appBaseUrl,
      });
      if (!outcome.sent && outcome.status === "failed") failed = outcome.message;
    }
    if (failed) throw new UserError("failed", failed);
    return { retried: ids.length };
  },
);

/** Asks Atlas for the status now instead of waiting for the poller (joins a poll in progress). */
export const checkNowAction = defineAction(
  { name: "applications.checkNow", guard: createGuard, input: applicationIdSchema },
  async ({ applicationId }) => {
    await existingApplication(applicationId);
    const result = await getApplicationPoller().run(applicationId);
    if (result.skipped === "leased-elsewhere")
      return { message: "Another app instance is checking it right now." };
    if (result.skipped !== undefined) return { message: "The application is not started on Atlas yet." };
    return { message: `Atlas says: ${result.master ?? "no status yet"}.` };
  },
);

/** The similarity (0–100) a cross-check needs; below it, the check is shown as a mismatch. */
export const setPassMarkAction = defineAction(
  {
    name: "applications.setPassMark",
    guard: { kind: "permission", permission: "settings:manage" },
    input: passMarkInputSchema,
  },
  async ({ passMark }, { user }) => {
    await setPassMark(await getDb(), passMark, await actorOf(user));
    return { passMark };
  },
);
