import "server-only";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { AtlasClient } from "@/lib/atlas/client";
import { isAtlasError } from "@/lib/atlas/errors";
import type { Db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { recordAudit, type AuditActor } from "@/lib/db/queries/audit";
import { flows } from "@/lib/db/schema";
import { UserError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { generateFlowSecret, hashFlowSecret } from "./secrets";
import { flowAuthUrl, flowCallbackUrl } from "./urls";

/**
 * Records an application before Atlas hears of it. Its stored secret hash is a placeholder:
 * `startFlow` sets the real one when it builds the auth URL.
 */
export async function createApplication(
  db: Db,
  input: {
    applicationId: string;
    productType: string;
    flowParams: Record<string, unknown>;
    createdBy: string;
  },
  actor: AuditActor,
): Promise<{ flowId: string }> {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(flows)
        .values({
          applicationId: input.applicationId,
          productType: input.productType,
          flowParams: input.flowParams,
          authSecretHash: hashFlowSecret(generateFlowSecret()),
          createdBy: input.createdBy,
        })
        .returning({ id: flows.id });
      await recordAudit(tx, {
        ...actor,
        action: "application.create",
        targetType: "application",
        targetId: row!.id,
        after: { applicationId: input.applicationId, productType: input.productType },
      });
      return { flowId: row!.id };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const [existing] = await db
      .select({ id: flows.id })
      .from(flows)
      .where(eq(flows.applicationId, input.applicationId));
    if (existing)
      throw new UserError("conflict", `Application ${input.applicationId} already exists.`, {
        flowId: existing.id,
      });
    throw error;
  }
}

const INIT_CLAIM_MS = 2 * 60_000;

export type StartFlowResult =
  { started: true; flowUuid: string } | { started: false; alreadyStarted: boolean; message?: string };

/**
 * `flow/init` for a recorded application, at most once at a time: the row is claimed (a short
 * lease) before the request goes out. Each attempt embeds a NEW secret in the auth URL, so a
 * flow Atlas may have created in an attempt that timed out can never authenticate with us.
 */
export async function startFlow(
  db: Db,
  atlas: AtlasClient,
  flowId: string,
  options: { appBaseUrl: string; owner?: string },
): Promise<StartFlowResult> {
  const owner = options.owner ?? `init:${crypto.randomUUID()}`;
  const secret = generateFlowSecret();
  const [claimed] = await db
    .update(flows)
    .set({
      authSecretHash: hashFlowSecret(secret),
      leaseOwner: owner,
      leaseUntil: sql`now() + ${`${INIT_CLAIM_MS} milliseconds`}::interval`,
    })
    .where(
      and(
        eq(flows.id, flowId),
        isNull(flows.flowUuid),
        or(isNull(flows.leaseUntil), lt(flows.leaseUntil, sql`now()`)),
      ),
    )
    .returning({
      applicationId: flows.applicationId,
      productType: flows.productType,
      flowParams: flows.flowParams,
    });
  if (!claimed) {
    const [row] = await db.select({ flowUuid: flows.flowUuid }).from(flows).where(eq(flows.id, flowId));
    return { started: false, alreadyStarted: !!row?.flowUuid };
  }
  try {
    const { flowUuid } = await atlas.flow.init({
      productType: claimed.productType,
      applicationId: claimed.applicationId,
      authUrl: flowAuthUrl(options.appBaseUrl, flowId, secret),
      callbackUrl: flowCallbackUrl(options.appBaseUrl, flowId),
      flowParams: (claimed.flowParams as Record<string, unknown> | null) ?? {},
    });
    await db
      .update(flows)
      .set({
        flowUuid,
        masterStatus: "NOT_STARTED",
        lastError: null,
        leaseOwner: null,
        leaseUntil: null,
        updatedAt: new Date(),
      })
      .where(and(eq(flows.id, flowId), eq(flows.leaseOwner, owner)));
    return { started: true, flowUuid };
  } catch (error) {
    const message = isAtlasError(error)
      ? `Atlas did not start the application: ${error.userMessage}`
      : "Atlas did not start the application for an unexpected reason. Try again; if it keeps failing, check the server log.";
    logger.warn("application.init_failed", { flowId, error });
    await db
      .update(flows)
      .set({ lastError: message, leaseOwner: null, leaseUntil: null, updatedAt: new Date() })
      .where(and(eq(flows.id, flowId), eq(flows.leaseOwner, owner)));
    return { started: false, alreadyStarted: false, message };
  }
}
