"use server";

import { defineAction } from "@/lib/actions";
import { UserError } from "@/lib/errors";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { newSampleSchema } from "@/lib/qa/params";
import { newSeed } from "@/lib/qa/prng";
import { createSample } from "@/lib/qa/samples";

/** Draws a sample (seed typed in to reproduce one, or a new one) and stores it. */
export const createSampleAction = defineAction(
  { name: "qa.createSample", guard: { kind: "permission", permission: "qa:use" }, input: newSampleSchema },
  async (input, { user }) => {
    const db = await getDb();
    const seed = input.seed || newSeed();
    const result = await createSample(
      db,
      {
        name: input.name,
        size: { kind: input.sizeKind, value: input.sizeValue },
        stratify: input.stratify,
        skippedReviewOnly: input.skippedReviewOnly,
        batchId: input.batchId ?? null,
        blind: input.blind,
        seed,
      },
      user.id,
      await actorOf(user),
    );
    if (!result.ok)
      throw new UserError(
        "invalid_input",
        "No completed document matches these choices, so there is nothing to sample.",
      );
    return { sampleId: result.sampleId, seed, drawn: result.drawn, populationSize: result.populationSize };
  },
);
