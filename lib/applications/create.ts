import "server-only";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { AtlasClient } from "@/lib/atlas/client";
import { isAtlasError } from "@/lib/atlas/errors";
import type { Db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { recordAudit, type AuditActor } from "@/lib/db/queries/audit";
import { applications } from "@/lib/db/schema";
import { UserError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { generateApplicationSecret, hashApplicationSecret } from "./secrets";
import { applicationAuthUrl, applicationCallbackUrl } from "./urls";

/**
 * Records an application before Atlas hears of it. Its stored secret hash is a placeholder:
 * `startFlow` sets the real one when it builds the auth URL.
 */
export async function createApplication(
  db: Db,
  input: {
    applicationNumber: string;
    productType: string;
    flowParams: Record<string, unknown>;
    createdBy: string;
  },
  actor: AuditActor,
): Promise<{ applicationId: string }> {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(applications)
        .values({
          applicationNumber: input.applicationNumber,
          productType: input.productType,
          flowParams: input.flowParams,
          authSecretHash: hashApplicationSecret(generateApplicationSecret()),
          createdBy: input.createdBy,
        })
        .returning({ id: applications.id });
      await recordAudit(tx, {
        ...actor,
        action: "application.create",
        targetType: "application",
        targetId: row!.id,
        after: { applicationId: input.applicationNumber, productType: input.productType },
      });
      return { applicationId: row!.id };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const [existing] = await db
      .select({ id: applications.id })
      .from(applications)
      .where(eq(applications.applicationNumber, input.applicationNumber));
    if (existing)
      throw new UserError("conflict", `Application ${input.applicationNumber} already exists.`, {
        applicationId: existing.id,
      });
    throw error;
  }
}

const INIT_CLAIM_MS = 2 * 60_000;

export type StartApplicationResult =
  { started: true; flowUuid: string } | { started: false; alreadyStarted: boolean; message?: string };

/**
 * `flow/init` for a recorded application, at most once at a time: the row is claimed (a short
 * lease) before the request goes out. Each attempt embeds a NEW secret in the auth URL, so a
 * flow Atlas may have created in an attempt that timed out can never authenticate with us.
 */
export async function startFlow(
  db: Db,
  atlas: AtlasClient,
  applicationId: string,
  options: { appBaseUrl: string; owner?: string },
): Promise<StartApplicationResult> {
  const owner = options.owner ?? `init:${crypto.randomUUID()}`;
  const secret = generateApplicationSecret();
  const [claimed] = await db
    .update(applications)
    .set({
      authSecretHash: hashApplicationSecret(secret),
      leaseOwner: owner,
      leaseUntil: sql`now() + ${`${INIT_CLAIM_MS} milliseconds`}::interval`,
    })
    .where(
      and(
        eq(applications.id, applicationId),
        isNull(applications.flowUuid),
        or(isNull(applications.leaseUntil), lt(applications.leaseUntil, sql`now()`)),
      ),
    )
    .returning({
      applicationNumber: applications.applicationNumber,
      productType: applications.productType,
      flowParams: applications.flowParams,
    });
  if (!claimed) {
    const [row] = await db
      .select({ flowUuid: applications.flowUuid })
      .from(applications)
      .where(eq(applications.id, applicationId));
    return { started: false, alreadyStarted: !!row?.flowUuid };
  }
  try {
    const { flowUuid } = await atlas.flow.init({
      productType: claimed.productType,
      applicationId: claimed.applicationNumber,
      authUrl: applicationAuthUrl(options.appBaseUrl, applicationId, secret),
      callbackUrl: applicationCallbackUrl(options.appBaseUrl, applicationId),
      flowParams: (claimed.flowParams as Record<string, unknown> | null) ?? {},
    });
    await db
      .update(applications)
      .set({
        flowUuid,
        masterStatus: "NOT_STARTED",
        lastError: null,
        leaseOwner: null,
        leaseUntil: null,
        updatedAt: new Date(),
      })
      .where(and(eq(applications.id, applicationId), eq(applications.leaseOwner, owner)));
    return { started: true, flowUuid };
  } catch (error) {
    const message = isAtlasError(error)
      ? `Atlas did not start the application: ${error.userMessage}`
      : "Atlas did not start the application for an unexpected reason. Try again; if it keeps failing, check the server log.";
    logger.warn("application.init_failed", { applicationId, error });
    await db
      .update(applications)
      .set({ lastError: message, leaseOwner: null, leaseUntil: null, updatedAt: new Date() })
      .where(and(eq(applications.id, applicationId), eq(applications.leaseOwner, owner)));
    return { started: false, alreadyStarted: false, message };
  }
}
