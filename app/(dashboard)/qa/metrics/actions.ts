"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions";
import { UserError } from "@/lib/errors";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/db/queries/audit";
import { setThreshold } from "@/lib/documents/thresholds-store";
import { suggestThreshold } from "@/lib/qa/metrics";
import { suggestionOptionsSchema } from "@/lib/qa/params";
import { loadVerdicts } from "@/lib/qa/verdicts";
import { uuidSchema } from "@/lib/ids";

const applyInput = z.object({
  documentType: z.string().min(1).max(100).nullable(),
  fieldPath: z.string().min(1).max(200),
  threshold: z.number().min(0).max(1),
  options: suggestionOptionsSchema,
  sampleId: uuidSchema().nullable(),
});

/**
 * Applies a suggested threshold to the review thresholds (field scope, within its document
 * type). The suggestion is recomputed from the verdicts first, so what is applied is what the
 * rule gives now, not a number the page held from before newer verdicts came in.
 */
export const applySuggestedThresholdAction = defineAction(
  {
    name: "qa.applySuggestedThreshold",
    guard: { kind: "permission", permission: "settings:manage" },
    input: applyInput,
  },
  async (input, { user }) => {
    const db = await getDb();
    const verdicts = (await loadVerdicts(db, { sampleId: input.sampleId })).filter(
      (v) => v.documentType === input.documentType && v.fieldPath === input.fieldPath,
    );
    const suggestion = suggestThreshold(verdicts, input.options);
    if (suggestion.status !== "ok" || Math.abs(suggestion.threshold - input.threshold) > 1e-6)
      throw new UserError(
        "conflict",
        "The suggestion has changed since this page loaded. Reload and look again.",
      );
    const actor = await actorOf(user);
    await setThreshold(
      db,
      { scope: "field", documentType: input.documentType, fieldPath: input.fieldPath },
      suggestion.threshold,
      actor,
    );
    await recordAudit(db, {
      ...actor,
      action: "qa.threshold_applied",
      targetType: "threshold",
      targetId: `field:${input.documentType ?? "*"}:${input.fieldPath}`,
      after: { threshold: suggestion.threshold },
      metadata: {
        targetErrorRate: input.options.targetErrorRate,
        minSample: input.options.minSample,
        sampleId: input.sampleId,
        verdictsAtOrAbove: suggestion.skipping,
        errorsAtOrAbove: suggestion.errors,
      },
    });
    return { threshold: suggestion.threshold };
  },
);
