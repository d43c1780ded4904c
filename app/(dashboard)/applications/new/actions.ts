"use server";

import { defineAction } from "@/lib/actions";
import { UserError } from "@/lib/errors";
import { getAtlasClient } from "@/lib/atlas";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { createApplication, startFlow } from "@/lib/applications/create";
import { createApplicationSchema } from "../schemas";

/**
 * Records the application, then starts its flow on Atlas (`flow/init`) with our auth and
 * callback URLs. A failed start is kept on the application, which offers to try again.
 */
export const createApplicationAction = defineAction(
  {
    name: "applications.create",
    guard: { kind: "permission", permission: "applications:create" },
    input: createApplicationSchema,
  },
  async (input, { user }) => {
    const env = getEnv();
    if (!env.ATLAS_PRODUCT_TYPES.includes(input.productType)) {
      throw new UserError(
        "invalid_input",
        `Unknown product type "${input.productType}". Choose one from the list.`,
      );
    }
    const db = await getDb();
    const { applicationId } = await createApplication(
      db,
      {
        applicationNumber: input.applicationNumber,
        productType: input.productType,
        flowParams: input.flowParams,
        createdBy: user.id,
      },
      await actorOf(user),
    );
    const started = await startFlow(db, getAtlasClient(), applicationId, { appBaseUrl: env.appBaseUrl });
    return {
      applicationId,
      started: started.started,
      message: started.started ? undefined : started.message,
    };
  },
);
