"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { setThreshold } from "@/lib/documents/thresholds-store";
import { rejectReasonListSchema } from "@/lib/review/reject-reasons";
import { saveRejectReasons } from "@/lib/review/reject-reasons-store";
import { matchSettingsSchema } from "@/lib/second-reader/match-settings";
import { saveMatchSettings } from "@/lib/second-reader/match-settings-store";
import { thresholdInputSchema } from "./schemas";

/** Sets or removes (threshold: null) one confidence threshold; audited; counts follow at once. */
export const setThresholdAction = defineAction(
  {
    name: "settings.setThreshold",
    guard: { kind: "permission", permission: "settings:manage" },
    input: thresholdInputSchema,
  },
  async (input, { user }) => {
    const target =
      input.scope === "global"
        ? ({ scope: "global" } as const)
        : input.scope === "document_type"
          ? ({ scope: "document_type", documentType: input.documentType } as const)
          : ({ scope: "field", documentType: input.documentType, fieldPath: input.fieldPath } as const);
    await setThreshold(await getDb(), target, input.threshold, await actorOf(user));
    revalidatePath("/", "layout");
    return null;
  },
);

/** Replaces the list of reject reason codes (validated again on the server); audited. */
export const setRejectReasonsAction = defineAction(
  {
    name: "settings.setRejectReasons",
    guard: { kind: "permission", permission: "settings:manage" },
    input: rejectReasonListSchema,
  },
  async (input, { user }) => {
    await saveRejectReasons(await getDb(), input, await actorOf(user));
    revalidatePath("/", "layout");
    return null;
  },
);

/**
 * Saves the second reader's review thresholds (validated again on the server); audited. Scans
 * read before are matched again in the background; returns how many.
 */
export const setSecondReaderSettingsAction = defineAction(
  {
    name: "settings.setSecondReader",
    guard: { kind: "permission", permission: "settings:manage" },
    input: matchSettingsSchema,
  },
  async (input, { user }) => {
    const { rechecking } = await saveMatchSettings(await getDb(), input, await actorOf(user));
    revalidatePath("/", "layout");
    return { rechecking };
  },
);
